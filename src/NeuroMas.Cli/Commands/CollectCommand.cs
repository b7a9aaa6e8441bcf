using System.CommandLine;
using NeuroMas.Cluster;

namespace NeuroMas.Cli.Commands;

/// <summary>
/// <c>neuromas collect</c>: merges a planned sweep's finished runs into results.csv, lists the runs not done and prints
/// one command that reruns just those. Exit 0 when every run is done, 3 when some are not.
/// </summary>
internal static class CollectCommand
{
    public const int Incomplete = 3;

    /// <summary>Runs not done listed one per line; the rest are counted.</summary>
    private const int Listed = 20;

    public static Command Create()
    {
        var output = new Argument<string>("output") { Description = "The sweep's output folder (holding plan.json from neuromas plan)." };
        var command = new Command("collect", "Merge a planned sweep's finished runs into results.csv; list missing or failed runs and the command that reruns them.") { output };
        command.SetAction(parse =>
        {
            var plan = PlanFile.Read(parse.GetValue(output)!);
            var result = SweepCollector.Collect(plan, SlurmQueue.Tasks(plan.Arrays.Select(a => a.JobName).ToList()));
            foreach (var w in result.Warnings) Console.Error.WriteLine($"warning: {w}");
            if (result.Rows.Count > 0) SummaryTable.Print(result.Rows);
            var folder = PlanCommand.Shown(plan.Output);
            Console.WriteLine($"{folder}: {result.Done} of {result.Runs.Count} runs done");
            var notDone = result.Runs.Where(r => r.State != RunState.Done).ToList();
            foreach (var r in notDone.Take(Listed)) Console.WriteLine($"  run {r.Index} {r.Id}: {Name(r.State)} ({r.Detail})");
            if (notDone.Count > Listed)
                Console.WriteLine($"  ... and {notDone.Count - Listed} more ({string.Join(", ", notDone.Skip(Listed).GroupBy(r => r.State).Select(g => $"{g.Count()} {Name(g.Key)}"))})");
            Console.WriteLine($"results: {PlanCommand.Shown(result.ResultsCsv)} ({result.Rows.Count} rows{(result.Complete ? "" : ", finished runs only")})");
            if (result.Rerun is not null) Console.WriteLine($"rerun the failed and missing runs: {result.Rerun}");
            var queued = result.Runs.Count(r => r.State == RunState.Queued);
            if (queued > 0) Console.WriteLine($"{queued} run(s) still queued or running: collect again when they end");
            return result.Complete ? 0 : Incomplete;
        });
        return command;
    }

    private static string Name(RunState state) => state switch
    {
        RunState.Queued => "queued or running",
        RunState.Failed => "failed",
        RunState.Missing => "missing",
        _ => "done",
    };
}
