using NeuroMas.Alignment;
using NeuroMas.Results;
using NeuroMas.Tasks;

namespace NeuroMas.Protocols;

/// <summary>Where a protocol's results went.</summary>
public sealed record ProtocolSummary(string Output, string ResultsCsv, IReadOnlyList<RunSpec> Runs, IReadOnlyList<ResultRow> Rows, int Skipped)
{
    /// <summary>With <c>probe_sequences</c>: every network's accuracy on the protocol's task (also in <c>networks.csv</c>).</summary>
    public IReadOnlyList<ProbeAccuracy> Probes { get; init; } = [];
}

/// <summary>
/// Runs a protocol's sweep. Each finished run writes <c>runs/&lt;id&gt;/rows.csv</c> (atomically, last), its
/// manifest, maps and training curve; a run whose rows file exists is skipped, so rerunning the same command
/// after a kill picks up where it stopped. A run's id covers everything its numbers depend on (options, reader options,
/// label maps, the SHA-256 of every input file), so a changed input makes a new run beside the old one, never reuses it.
/// <c>results.csv</c> is rebuilt from the run files after every run (<see cref="RunMerge"/>); <see cref="RunOne"/> runs a
/// single run of the plan for a cluster task, and a collector merges the tasks' runs with the same code.
/// </summary>
/// <param name="checkpoints">Where a run keeps its mid-run state, given the file it would use (default: that file).</param>
public sealed partial class ProtocolRunner(LoadedProtocol protocol, IRunObserver? observer = null, Func<string, ICheckpointStore>? checkpoints = null)
{
    public ProtocolSummary Run(CancellationToken cancel = default)
    {
        ProtocolValidator.ThrowIfInvalid(protocol);
        var o = protocol.Options;
        var task = o.ResolveTask(protocol.Resolve);
        var runs = RunPlan.Expand(protocol);
        var ids = runs.Select(r => r.Id).ToList();
        observer?.Planned(runs);
        Directory.CreateDirectory(o.Output);
        AtomicFile.WriteText(Path.Combine(o.Output, "protocol.resolved.json"), ProtocolWriter.Resolved(protocol));
        var skipped = 0;
        IReadOnlyList<ProbeAccuracy> probes = [];
        try
        {
            ProtocolNetworks.TrainMissing(o, m => observer?.Note(m), cancel);
            if (o.ProbeSequences > 0 && !cancel.IsCancellationRequested) probes = Probe(task);
            for (var i = 0; i < runs.Count && !cancel.IsCancellationRequested; i++)
            {
                var outcome = RunAt(runs, i, task, () => RunMerge.Merge(o.Output, ids, o.Statistics), cancel);
                if (outcome == Outcome.Skipped) skipped++;
                if (outcome == Outcome.Cancelled) break;
            }
        }
        finally
        {
            DisposeSystems();
        }
        var all = RunMerge.Merge(o.Output, ids, o.Statistics);
        TryPlot(() => Plots.Sweep(o.Output, all, o.Statistics.Confidence));
        return new ProtocolSummary(o.Output, Path.Combine(o.Output, "results.csv"), runs, all, skipped) { Probes = probes };
    }

    /// <summary>
    /// Runs only <c>runs[index]</c> of the plan (<see cref="RunPlan.Expand"/>), as one task of a cluster job array does:
    /// it writes its own run folder and nothing else (no <c>results.csv</c>, no sweep plots, no resolved protocol), so
    /// tasks running at once never write the same file. A run already done is skipped; an unfinished one resumes.
    /// </summary>
    /// <returns>The summary of that one run: <see cref="ProtocolSummary.ResultsCsv"/> is its rows file; no rows when cancelled.</returns>
    public ProtocolSummary RunOne(int index, CancellationToken cancel = default)
    {
        ProtocolValidator.ThrowIfInvalid(protocol);
        var o = protocol.Options;
        var runs = RunPlan.Expand(protocol);
        if (index < 0 || index >= runs.Count)
            throw new InputException($"{protocol.Path}: run index {index}: expected 0 to {runs.Count - 1} (the protocol makes {runs.Count} run(s))");
        var task = o.ResolveTask(protocol.Resolve);
        observer?.Planned(runs);
        Outcome outcome;
        try
        {
            // A cluster task trains what its run needs if no task before it did (tasks of one plan then train the same file; the last rename wins).
            ProtocolNetworks.TrainMissing(o, m => observer?.Note(m), cancel);
            outcome = RunAt(runs, index, task, afterRows: null, cancel);
        }
        finally
        {
            DisposeSystems();
        }
        var rowsFile = RunMerge.RowsFile(o.Output, runs[index].Id);
        IReadOnlyList<ResultRow> rows = outcome == Outcome.Cancelled ? [] : ResultsCsv.Read(rowsFile);
        return new ProtocolSummary(o.Output, rowsFile, [runs[index]], rows, outcome == Outcome.Skipped ? 1 : 0);
    }

    private enum Outcome { Done, Skipped, Cancelled }

    /// <summary>Every network system's free-running accuracy on the protocol's task, written to <c>networks.csv</c>.</summary>
    private IReadOnlyList<ProbeAccuracy> Probe(ITask task)
    {
        var o = protocol.Options;
        var networks = Enumerable.Range(0, o.Systems.Count).Where(i => !o.Systems[i].IsInaccessible).Select(i =>
        {
            var spec = o.Systems[i];
            var trainedOn = spec.Trained is { } t ? ProtocolNetworks.Find(o, t)!.Task : spec.Checkpoint is { } c ? Models.Checkpoint.ReadInfo(protocol.Resolve(c)).Task : o.Task;
            return (ProtocolValidator.SystemName(protocol, i), spec.Group ?? "", trainedOn, Network(i, task));
        }).ToList();
        var probes = ProtocolNetworks.Probe(o, task, networks, o.ProbeSequences);
        foreach (var p in probes)
            observer?.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"probe {task.Name}: {p.System}{(p.Group.Length > 0 ? $" (group {p.Group})" : "")}, trained on {p.TrainedOn}: trial accuracy {p.Trial:0.0000} on {p.Sequences} sequences"));
        return probes;
    }

    /// <summary>Runs <c>runs[i]</c> unless its rows file exists; <paramref name="afterRows"/> runs once its rows are written.</summary>
    private Outcome RunAt(IReadOnlyList<RunSpec> runs, int i, ITask task, Action? afterRows, CancellationToken cancel)
    {
        var run = runs[i];
        var folder = RunFolder(run);
        var rowsFile = RunMerge.RowsFile(protocol.Options.Output, run.Id);
        if (File.Exists(rowsFile))
        {
            observer?.Skipped(run, i);
            return Outcome.Skipped;
        }
        foreach (var stale in Superseded(run))
            observer?.Warning($"{run.Id}: inputs or options changed since run {stale}; recomputing (the old run folder is kept)");
        observer?.Started(run, i);
        if (File.Exists(PartialState(folder))) observer?.Resumed(run, i);
        var (rows, result) = Execute(run, task, folder, cancel);
        if (cancel.IsCancellationRequested) return Outcome.Cancelled;
        DrawRunPlots(run, folder, rows, result);
        ResultsCsv.Write(rowsFile, rows);
        foreach (var partial in Directory.EnumerateFiles(folder, "partial-state*.bin")) new FileCheckpointStore(partial).Clear();
        afterRows?.Invoke();
        observer?.Finished(run, i, rows, result);
        return Outcome.Done;
    }

    /// <summary>Per direction from a recording into a network that has controls: its IIA beside them and the decoding ceiling.</summary>
    private static IEnumerable<(List<IntervalBar> Bars, string Source, string Target)> ControlBars(IReadOnlyList<ResultRow> rows)
    {
        foreach (var direction in rows.Where(r => r.Metric == "iia" && r.Condition is "shuffled_labels" or "untrained_network").Select(r => (r.Source, r.Target)).Distinct())
        {
            double Get(string condition, string metric, string? source = null, string? target = null) =>
                rows.FirstOrDefault(r => r.Source == (source ?? direction.Source) && r.Target == (target ?? direction.Target) && r.Condition == condition && r.Metric == metric)?.Value ?? double.NaN;
            IntervalBar Bar(string label, string condition, string group) =>
                new(label, Get(condition, "iia"), Get(condition, "iia_ci_low"), Get(condition, "iia_ci_high"), group);
            var bars = new List<IntervalBar>
            {
                Bar("IIA", "intervention", "IIA"), Bar("IIA, changed pairs", "intervention_changed", "IIA"),
                Bar("no intervention", "no_intervention", "controls"), Bar("shuffled labels", "shuffled_labels", "controls"),
                Bar("untrained network", "untrained_network", "controls"),
            };
            var ceiling = Get("decoding", "decoding_ceiling", direction.Source, direction.Source);
            if (double.IsFinite(ceiling))
                bars.Add(new IntervalBar("decoding ceiling", ceiling, Get("decoding", "decoding_ceiling_ci_low", direction.Source, direction.Source),
                    Get("decoding", "decoding_ceiling_ci_high", direction.Source, direction.Source), "ceiling"));
            yield return (bars.Where(b => double.IsFinite(b.Value)).ToList(), direction.Source, direction.Target);
        }
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

    private string RunFolder(RunSpec run) => RunMerge.RunFolder(protocol.Options.Output, run.Id);

    private void DrawRunPlots(RunSpec run, string folder, IReadOnlyList<ResultRow> rows, AlignmentResult result) => TryPlot(() =>
    {
        Plots.TrainingCurve(Path.Combine(folder, "training.png"), result.History, run.Id);
        if (result.Systems.Count > 1) Plots.IiaMatrix(Path.Combine(folder, "iia-matrix.png"), rows, $"IIA, {Choice.Name(run.Method)}, {run.Variable}, k = {result.SubspaceSize}");
        foreach (var (bars, source, target) in ControlBars(rows))
            Plots.IiaWithControls(Path.Combine(folder, $"iia-controls-{source}-{target}.png"), bars,
                $"{Choice.Name(run.Method).ToUpperInvariant()} {source} → {target}: {run.Variable}, k = {result.SubspaceSize}, seed {run.Seed} (95% intervals over held-out trials)");
    });

    /// <summary>Figures are a convenience: a machine without a font or Skia's natives still gets its CSV.</summary>
    private void TryPlot(Action draw)
    {
        try { draw(); }
        catch (Exception e) when (Plots.CannotDraw(e))
        {
            observer?.Warning($"plots not drawn: {e.Message.Split('\n')[0]}");
        }
    }

    private sealed class Relay(Action<AlignmentProgress> report) : IProgress<AlignmentProgress>
    {
        public void Report(AlignmentProgress value) => report(value);
    }
}
