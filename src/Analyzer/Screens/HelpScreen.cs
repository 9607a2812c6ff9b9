namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>The keys.</summary>
public sealed class HelpScreen : Screen
{
    public override string Title => "Help";

    public override Task Load(CancellationToken ct)
    {
        Columns = ["KEY", "WHAT IT DOES"];
        Rows =
        [
            ["↑ ↓ PgUp PgDn", "move in the table (the mouse works too: click a row, wheel to scroll)"],
            ["Enter", "open: a run from Runs, a replay's latest epoch from a run (or double-click the row)"],
            ["Tab Shift+Tab", "next / previous table of the screen (a run: epochs, replays; an epoch: FW/AG/WG/WU, breakdowns, peaks); or click its name"],
            ["Esc / Backspace", "back"],
            ["c", "on Runs: mark a run, c on another compares them; on a run: the same with two replays"],
            ["d", "on Runs: device audit: for a study's run, the study (parameter importance per outcome, its runs, its parameters); else every recorded run of that model, epoch by epoch"],
            ["s", "on a run: sort the replays by test accuracy on the chip, then by energy per epoch, then as stored (each at its latest epoch, AT; SW ACC: recorded in training; CHIP ACC: on the chip, from replay --accuracy)"],
            ["[ ]", "on an epoch: previous / next epoch of the replay"],
            ["/", "filter the rows (Enter applies, Esc clears)"],
            ["e", "export the current table to CSV (neurosim-<screen>[-<table>].csv in the current folder)"],
            ["r", "refresh now (the screen also refreshes by itself when the store changes)"],
            ["?", "this help"],
            ["q", "quit"],
        ];
        Header = "NeuroSim.Replay browser: runs -> run (epochs, replays) -> epoch breakdown; compare replays.";
        return Task.CompletedTask;
    }
}
