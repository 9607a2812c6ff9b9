using System.Globalization;

namespace NeuroSim.Replay.Core.Hardware;

/// <summary>
/// Evaluates the C++ literals Param.cpp assignments use: numbers (<c>1e-9</c>, <c>40e-9</c>), simple
/// arithmetic (<c>240e3*100</c>, <c>100e3*10</c>, <c>1/8</c>), parentheses and <c>true</c>/<c>false</c>.
/// Division is floating point (Param.cpp's literals are doubles where it matters).
/// </summary>
public static class CppLiteral
{
    public static bool TryEvaluate(string text, out double value, out string error)
    {
        var s = text.Trim().TrimEnd(';').Trim();
        value = 0;
        error = "";
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = 1; return true; }
        if (s.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = 0; return true; }
        var pos = 0;
        try
        {
            value = Sum(s, ref pos);
            Skip(s, ref pos);
            if (pos != s.Length) { error = $"unexpected '{s[pos..]}' in '{text.Trim()}'"; return false; }
            if (!double.IsFinite(value)) { error = $"'{text.Trim()}' is not a finite number"; return false; }
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static double Sum(string s, ref int pos)
    {
        var v = Product(s, ref pos);
        while (true)
        {
            Skip(s, ref pos);
            if (pos < s.Length && s[pos] is '+' or '-')
            {
                var op = s[pos++];
                var r = Product(s, ref pos);
                v = op == '+' ? v + r : v - r;
            }
            else return v;
        }
    }

    private static double Product(string s, ref int pos)
    {
        var v = Unary(s, ref pos);
        while (true)
        {
            Skip(s, ref pos);
            if (pos < s.Length && s[pos] is '*' or '/')
            {
                var op = s[pos++];
                var r = Unary(s, ref pos);
                v = op == '*' ? v * r : v / r;
            }
            else return v;
        }
    }

    private static double Unary(string s, ref int pos)
    {
        Skip(s, ref pos);
        if (pos < s.Length && s[pos] == '-') { pos++; return -Unary(s, ref pos); }
        if (pos < s.Length && s[pos] == '+') { pos++; return Unary(s, ref pos); }
        if (pos < s.Length && s[pos] == '(')
        {
            pos++;
            var v = Sum(s, ref pos);
            Skip(s, ref pos);
            if (pos >= s.Length || s[pos] != ')') throw new FormatException($"missing ')' in '{s}'");
            pos++;
            return v;
        }
        var start = pos;
        while (pos < s.Length && (char.IsAsciiDigit(s[pos]) || s[pos] == '.')) pos++;
        if (pos < s.Length && s[pos] is 'e' or 'E')
        {
            pos++;
            if (pos < s.Length && s[pos] is '+' or '-') pos++;
            while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
        }
        var token = s[start..pos];
        while (pos < s.Length && s[pos] is 'f' or 'F' or 'l' or 'L' or 'u' or 'U') pos++;   // C++ suffixes
        if (token.Length == 0 || !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"'{s}' is not a number");
        return value;
    }

    private static void Skip(string s, ref int pos)
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++;
    }
}
