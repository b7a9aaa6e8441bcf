using NeuroMas.Alignment;
using NeuroMas.Results;
using NeuroMas.Tasks;

namespace NeuroMas.Protocols;

/// <summary>Where a protocol's results went.</summary>
public sealed record ProtocolSummary(string Output, string ResultsCsv, IReadOnlyList<RunSpec> Runs, IReadOnlyList<ResultRow> Rows, int Skipped);

/// <summary>
/// Runs a protocol's sweep. Each finished run writes <c>runs/&lt;id&gt;/rows.csv</c> (atomically, last), its
/// manifest, maps and training curve; a run whose rows file exists is skipped, so rerunning the same command
/// after a kill picks up where it stopped. A run's id covers everything its numbers depend on (options, reader options,
/// label maps, the SHA-256 of every input file), so a changed input makes a new run beside the old one, never reuses it.
/// <c>results.csv</c> is rebuilt from the run files after every run.
/// </summary>
/// <param name="checkpoints">Where a run keeps its mid-run state, given the file it would use (default: that file).</param>
public sealed partial class ProtocolRunner(LoadedProtocol protocol, IRunObserver? observer = null, Func<string, ICheckpointStore>? checkpoints = null)
{
    public ProtocolSummary Run(CancellationToken cancel = default)
    {
        ProtocolValidator.ThrowIfInvalid(protocol);
        var o = protocol.Options;
        var task = TaskCatalog.Get(o.Task, o.MaxCount);
        var runs = RunPlan.Expand(protocol);
        observer?.Planned(runs);
        Directory.CreateDirectory(o.Output);
        AtomicFile.WriteText(Path.Combine(o.Output, "protocol.resolved.json"), ProtocolWriter.Resolved(protocol));
        var skipped = 0;
        try
        {
            for (var i = 0; i < runs.Count && !cancel.IsCancellationRequested; i++)
            {
                var run = runs[i];
                var folder = RunFolder(run);
                if (File.Exists(Path.Combine(folder, "rows.csv")))
                {
                    skipped++;
                    observer?.Skipped(run, i);
                    continue;
                }
                foreach (var stale in Superseded(run))
                    observer?.Warning($"{run.Id}: inputs or options changed since run {stale}; recomputing (the old run folder is kept)");
                observer?.Started(run, i);
                if (File.Exists(PartialState(folder))) observer?.Resumed(run, i);
                var (rows, result) = Execute(run, task, folder, cancel);
                if (cancel.IsCancellationRequested) break;
                DrawRunPlots(run, folder, rows, result);
                ResultsCsv.Write(Path.Combine(folder, "rows.csv"), rows);
                foreach (var partial in Directory.EnumerateFiles(folder, "partial-state*.bin")) new FileCheckpointStore(partial).Clear();
                Merge(runs);
                observer?.Finished(run, i, rows, result);
            }
        }
        finally
        {
            DisposeSystems();
        }
        var all = Merge(runs);
        DrawSummaryPlots(all);
        return new ProtocolSummary(o.Output, Path.Combine(o.Output, "results.csv"), runs, all, skipped);
    }

    /// <summary>Finished runs of the same method, variable, k, seed and CL weight whose inputs differ from this run's.</summary>
    private IEnumerable<string> Superseded(RunSpec run)
    {
        var runs = Path.Combine(protocol.Options.Output, "runs");
        if (!Directory.Exists(runs)) return [];
        return Directory.EnumerateDirectories(runs)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(id => id != run.Id && id.LastIndexOf('-') > 0 && id[..id.LastIndexOf('-')] == run.Key && File.Exists(Path.Combine(runs, id, "rows.csv")))
            .Order(StringComparer.Ordinal);
    }

    private ICheckpointStore Store(string path) => checkpoints?.Invoke(path) ?? new FileCheckpointStore(path);

    /// <summary>Where a run's training state lives until its results are written (<paramref name="part"/>: a control's own).</summary>
    private static string PartialState(string folder, string? part = null) =>
        Path.Combine(folder, part is null ? "partial-state.bin" : $"partial-state-{part}.bin");

    private string RunFolder(RunSpec run) => Path.Combine(protocol.Options.Output, "runs", run.Id);

    private void DrawRunPlots(RunSpec run, string folder, IReadOnlyList<ResultRow> rows, AlignmentResult result) => TryPlot(() =>
    {
        Plots.TrainingCurve(Path.Combine(folder, "training.png"), result.History, run.Id);
        if (result.Systems.Count > 1) Plots.IiaMatrix(Path.Combine(folder, "iia-matrix.png"), rows, $"IIA, {Choice.Name(run.Method)}, {run.Variable}, k = {result.SubspaceSize}");
    });

    /// <summary>IIA against subspace size for every method and variable the sweep covers with several sizes.</summary>
    private void DrawSummaryPlots(IReadOnlyList<ResultRow> rows) => TryPlot(() =>
    {
        foreach (var group in rows.Where(r => r.Condition != "natural").GroupBy(r => (r.Method, r.Variable)))
            Plots.IiaBySubspace(Path.Combine(protocol.Options.Output, $"iia-by-subspace-{group.Key.Method}-{group.Key.Variable}.png"), group.ToList());
    });

    /// <summary>Figures are a convenience: a machine without a font or Skia's natives still gets its CSV.</summary>
    private void TryPlot(Action draw)
    {
        try { draw(); }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or IOException)
        {
            observer?.Warning($"plots not drawn: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>Rebuilds results.csv from the finished runs' files, in plan order.</summary>
    private List<ResultRow> Merge(IReadOnlyList<RunSpec> runs)
    {
        var rows = new List<ResultRow>();
        foreach (var run in runs)
        {
            var file = Path.Combine(RunFolder(run), "rows.csv");
            if (File.Exists(file)) rows.AddRange(ResultsCsv.Read(file));
        }
        rows = ResultsSummary.WithAdjustedPValues(rows, protocol.Options.Statistics.PAdjust);
        ResultsCsv.Write(Path.Combine(protocol.Options.Output, "results.csv"), rows);
        ResultsSummary.WriteSummary(Path.Combine(protocol.Options.Output, "summary.csv"), rows, protocol.Options.Statistics.Confidence);
        return rows;
    }

    private sealed class Relay(Action<AlignmentProgress> report) : IProgress<AlignmentProgress>
    {
        public void Report(AlignmentProgress value) => report(value);
    }
}
