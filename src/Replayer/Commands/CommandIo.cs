using System.CommandLine;
using NeuroSim.Replay.Core.Store;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>Where a command writes, and the options every command shares.</summary>
public sealed record CommandIo(TextWriter Out, TextWriter Error)
{
    public static Option<string?> StoreOption() => new("--store")
    {
        Description = StoreAddress.OptionDescription,
    };

    public static StoreAddress Address(ParseResult parse, Option<string?> store) =>
        parse.GetValue(store) is { Length: > 0 } s ? StoreAddress.Parse(s) : StoreAddress.Default;
}
