using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Results;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Protocols;

/// <summary>Where a protocol's results went.</summary>
public sealed record ProtocolSummary(string Output, string ResultsCsv, IReadOnlyList<RunSpec> Runs, IReadOnlyList<ResultRow> Rows, int Skipped);

/// <summary>
/// Runs a protocol's sweep. Each finished run writes <c>runs/&lt;id&gt;/rows.csv</c> (atomically, last), its
/// manifest, maps and training curve; a run whose rows file exists is skipped, so rerunning the same command
/// after a kill picks up where it stopped. <c>results.csv</c> is rebuilt from the run files after every run.
/// </summary>
public sealed partial class ProtocolRunner(LoadedProtocol protocol, IRunObserver? observer = null)
{
    private readonly Dictionary<int, AlignmentSystem> _systems = [];

    public ProtocolSummary Run(CancellationToken cancel = default)
    {
        ProtocolValidator.ThrowIfInvalid(protocol);
        var o = protocol.Options;
        var task = TaskCatalog.Get(o.Task, o.MaxCount);
        var runs = RunPlan.Expand(protocol);
        observer?.Planned(runs);
        Directory.CreateDirectory(o.Output);
        AtomicFile.WriteText(Path.Combine(o.Output, "protocol.resolved.json"), JsonSerializer.Serialize(o, Json));
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
            foreach (var s in _systems.Values) s.Network.Dispose();
            foreach (var n in _truthNetworks) n.Dispose();
        }
        var all = Merge(runs);
        DrawSummaryPlots(all);
        return new ProtocolSummary(o.Output, Path.Combine(o.Output, "results.csv"), runs, all, skipped);
    }

    /// <summary>Mid-run training state: present only while a run is unfinished.</summary>
    /// <summary>Where a run's training state lives until its results are written (<paramref name="part"/>: a control's own).</summary>
    private static string PartialState(string folder, string? part = null) =>
        Path.Combine(folder, part is null ? "partial-state.bin" : $"partial-state-{part}.bin");

    private string RunFolder(RunSpec run) => Path.Combine(protocol.Options.Output, "runs", run.Id);

    private (List<ResultRow> Rows, AlignmentResult Result) Execute(RunSpec run, ITask task, string folder, CancellationToken cancel)
    {
        if (run.Method == "clmas") return ExecuteClmas(run, task, folder, cancel);
        var clock = Stopwatch.StartNew();
        var systems = run.Systems.Select(System).ToList();
        using var trainer = new AlignmentTrainer(systems, task, run.Options);
        Directory.CreateDirectory(folder);
        var result = trainer.Train(new Relay(p => observer?.Progress(run, p)), cancel, new FileCheckpointStore(PartialState(folder)));
        var rows = new List<ResultRow>();
        foreach (var s in result.Scores)
        {
            rows.Add(Row(run, result, s.SourceName, s.TargetName, s.Trained, s.Condition, "iia", s.Iia));
            rows.Add(Row(run, result, s.SourceName, s.TargetName, s.Trained, s.Condition, "token_accuracy", s.TokenAccuracy));
        }
        if (protocol.Options.Similarity)
            for (var a = 0; a < systems.Count; a++)
                for (var b = a + 1; b < systems.Count; b++)
                    foreach (var (metric, value) in SimilarityScores.Compute(systems[a], systems[b], task, protocol.Options.SimilaritySamples, run.Seed))
                        rows.Add(Row(run, result, systems[a].Name, systems[b].Name, false, "natural", metric, value) with { Variable = "none" });
        Directory.CreateDirectory(folder);
        MapFile.Save(Path.Combine(folder, "maps.bin"), trainer.Maps, run.Options.Map, trainer.SubspaceSize);
        WriteHistory(Path.Combine(folder, "history.csv"), result.History);
        Manifest(run, result, clock.Elapsed.TotalSeconds).Write(Path.Combine(folder, "manifest.json"));
        return (rows, result);
    }

    private static void DrawRunPlots(RunSpec run, string folder, IReadOnlyList<ResultRow> rows, AlignmentResult result) => TryPlot(() =>
    {
        Plots.TrainingCurve(Path.Combine(folder, "training.png"), result.History, run.Id);
        if (result.Systems.Count > 1) Plots.IiaMatrix(Path.Combine(folder, "iia-matrix.png"), rows, $"IIA, {run.Method}, {run.Variable}, k = {result.SubspaceSize}");
    });

    /// <summary>IIA against subspace size for every method and variable the sweep covers with several sizes.</summary>
    private void DrawSummaryPlots(IReadOnlyList<ResultRow> rows) => TryPlot(() =>
    {
        foreach (var group in rows.Where(r => r.Condition != "natural").GroupBy(r => (r.Method, r.Variable)))
            Plots.IiaBySubspace(Path.Combine(protocol.Options.Output, $"iia-by-subspace-{group.Key.Method}-{group.Key.Variable}.png"), group.ToList());
    });

    /// <summary>Figures are a convenience: a machine without a font or Skia's natives still gets its CSV.</summary>
    private static void TryPlot(Action draw)
    {
        try { draw(); }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"warning: plots not drawn: {e.Message.Split('\n')[0]}");
        }
    }

    private static ResultRow Row(RunSpec run, AlignmentResult result, string source, string target, bool trained, string condition, string metric, double value) =>
        new(run.Id, run.Method, source, target, run.Variable, result.SubspaceSize, run.Seed, result.Steps, trained, condition, metric, value);

    private AlignmentSystem System(int index)
    {
        if (_systems.TryGetValue(index, out var cached)) return cached;
        var spec = protocol.Options.Systems[index];
        var (network, info) = Checkpoint.Load(protocol.Resolve(spec.Checkpoint!));
        if (spec.Untrained)
        {
            network.Dispose();
            manual_seed(spec.UntrainedSeed);
            network = NetworkFactory.Create(info.Network).Freeze();
        }
        return _systems[index] = new AlignmentSystem(ProtocolValidator.SystemName(protocol, index), network);
    }

    private RunManifest Manifest(RunSpec run, AlignmentResult result, double seconds)
    {
        var inputs = run.Systems.SelectMany(i => new[] { protocol.Options.Systems[i].Checkpoint, protocol.Options.Systems[i].Recording, protocol.Options.Systems[i].GroundTruth })
            .OfType<string>().Select(protocol.Resolve).Distinct().ToDictionary(p => p, RunManifest.Sha256);
        var options = new Dictionary<string, string>(run.Resolved) { ["protocol"] = protocol.Path, ["threads"] = protocol.Options.Threads.ToString(CultureInfo.InvariantCulture) };
        return new RunManifest
        {
            RunId = run.Id,
            OptionsHash = run.Id[^10..],
            Options = options,
            Seed = run.Seed,
            Commit = RunManifest.GitCommit(protocol.Directory),
            Inputs = inputs,
            TorchThreads = get_num_threads(),
            WallSeconds = seconds,
            Steps = result.Steps,
            SecondsPerStep = result.SecondsPerStep,
            MapParameters = result.MapParameters,
            Profile = new Dictionary<string, double>
            {
                ["data"] = result.Profile.Data, ["forward"] = result.Profile.Forward, ["backward"] = result.Profile.Backward,
                ["optimizer"] = result.Profile.Optimizer, ["validation"] = result.Profile.Validation, ["evaluation"] = result.Profile.Evaluation,
            },
        };
    }

    private static void WriteHistory(string path, IReadOnlyList<AlignmentProgress> history)
    {
        var lines = new List<string> { "step,train_loss,validation_loss,validation_iia,seconds" };
        lines.AddRange(history.Select(h => string.Create(CultureInfo.InvariantCulture,
            $"{h.Step},{h.TrainLoss:R},{h.ValidationLoss:R},{h.ValidationIia:R},{h.Seconds:R}")));
        AtomicFile.WriteText(path, string.Join("\n", lines) + "\n");
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
        ResultsCsv.Write(Path.Combine(protocol.Options.Output, "results.csv"), rows);
        return rows;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed class Relay(Action<AlignmentProgress> report) : IProgress<AlignmentProgress>
    {
        public void Report(AlignmentProgress value) => report(value);
    }
}
