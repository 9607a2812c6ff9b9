using System.Globalization;

namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// Evaluates the C++ literals Param.cpp assignments use: numbers (<c>1e-9</c>, <c>40e-9</c>), simple
/// arithmetic (<c>240e3*100</c>, <c>100e3*10</c>, <c>1/8</c>), parentheses and <c>true</c>/<c>false</c>.
/// Division is floating point (Param.cpp's literals are doubles where it matters). Every literal and every
/// intermediate result must be a finite double (a non-zero literal may not underflow to 0), and nesting
/// (parentheses and unary signs) is bounded by <see cref="MaxDepth"/>, so no input can overflow the stack.
/// </summary>
public static class CppLiteral
{
    /// <summary>The deepest nesting of parentheses and unary signs accepted.</summary>
    public const int MaxDepth = 64;

    public static bool TryEvaluate(string text, out double value, out string error)
    {
        var s = text.Trim().TrimEnd(';').Trim();
        value = 0;
        error = "";
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = 1; return true; }
        if (s.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = 0; return true; }
        var shown = Shorten(text.Trim());
        var parser = new Parser(s, shown);
        try
        {
            value = parser.Sum(0);
            parser.Skip();
            if (parser.Pos != s.Length) { error = $"unexpected '{Shorten(s[parser.Pos..])}' in '{shown}'"; return false; }
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>A long literal is named by its first and last characters.</summary>
    internal static string Shorten(string s) => s.Length <= 80 ? s : $"{s[..40]}…{s[^20..]}";

    private sealed class Parser(string s, string shown)
    {
        public int Pos;

        public double Sum(int depth)
        {
            var v = Product(depth);
            while (true)
            {
                Skip();
                if (Pos < s.Length && s[Pos] is '+' or '-')
                {
                    var op = s[Pos++];
                    var r = Product(depth);
                    v = Finite(op == '+' ? v + r : v - r);
                }
                else return v;
            }
        }

        private double Product(int depth)
        {
            var v = Unary(depth);
            while (true)
            {
                Skip();
                if (Pos < s.Length && s[Pos] is '*' or '/')
                {
                    var op = s[Pos++];
                    var r = Unary(depth);
                    v = Finite(op == '*' ? v * r : v / r);
                }
                else return v;
            }
        }

        private double Unary(int depth)
        {
            if (depth >= MaxDepth)
                throw new FormatException($"'{shown}' nests parentheses or signs deeper than {MaxDepth}");
            Skip();
            if (Pos < s.Length && s[Pos] == '-') { Pos++; return -Unary(depth + 1); }
            if (Pos < s.Length && s[Pos] == '+') { Pos++; return Unary(depth + 1); }
            if (Pos < s.Length && s[Pos] == '(')
            {
                Pos++;
                var v = Sum(depth + 1);
                Skip();
                if (Pos >= s.Length || s[Pos] != ')') throw new FormatException($"missing ')' in '{shown}'");
                Pos++;
                return v;
            }
            var start = Pos;
            while (Pos < s.Length && (char.IsAsciiDigit(s[Pos]) || s[Pos] == '.')) Pos++;
            if (Pos < s.Length && s[Pos] is 'e' or 'E')
            {
                Pos++;
                if (Pos < s.Length && s[Pos] is '+' or '-') Pos++;
                while (Pos < s.Length && char.IsAsciiDigit(s[Pos])) Pos++;
            }
            var token = s[start..Pos];
            while (Pos < s.Length && s[Pos] is 'f' or 'F' or 'l' or 'L' or 'u' or 'U') Pos++;   // C++ suffixes
            if (token.Length == 0 || !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"'{shown}' is not a number");
            if (!double.IsFinite(value) || (value == 0 && MantissaIsNonZero(token)))
                throw new FormatException($"'{token}' in '{shown}' is outside the range of a double (about 1e-308 to 1e308)");
            return value;
        }

        private double Finite(double v) =>
            double.IsFinite(v) ? v : throw new FormatException($"'{shown}' is not a finite number (an intermediate result overflows or divides by zero)");

        public void Skip()
        {
            while (Pos < s.Length && char.IsWhiteSpace(s[Pos])) Pos++;
        }

        private static bool MantissaIsNonZero(string token)
        {
            var e = token.IndexOfAny(['e', 'E']);
            return (e < 0 ? token : token[..e]).Any(c => c is >= '1' and <= '9');
        }
    }
}
