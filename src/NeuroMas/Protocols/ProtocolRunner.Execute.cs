using System.Diagnostics;
using System.Globalization;
using NeuroMas.Alignment;
using NeuroMas.Decoding;
using NeuroMas.Results;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Protocols;

public sealed partial class ProtocolRunner
{
    /// <summary>
    /// Trains and scores one run with the one trainer, whatever its method: every direction's scores, the fits of
    /// directions into inaccessible systems, CKA and RSA between its networks, decoding ceilings of its recordings, and
    /// its controls trained the same way.
    /// </summary>
    private (List<ResultRow> Rows, AlignmentResult Result) Execute(RunSpec run, ITask task, string folder, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        using var systems = SystemsOf(run, task);
        Directory.CreateDirectory(folder);
        using var trainer = new AlignmentTrainer(systems.Systems, task, run.Options, systems.Truths);
        var result = trainer.Train(new Relay(p => observer?.Progress(run, p)), cancel, Store(PartialState(folder)));
        var rows = new List<ResultRow>();
        ResultRow Row(string source, string target, bool trained, string condition, string metric, double value) =>
            new(run.Id, Choice.Name(run.Method), source, target, run.Variable, result.SubspaceSize, run.Seed, result.Steps, trained, condition, metric, value);
        var bootstrap = protocol.Options.Statistics.Bootstrap(run.Seed);
        foreach (var s in result.Scores) rows.AddRange(ScoreRows(s, s.Condition, s.Trained, bootstrap, Row));
        foreach (var f in result.ClFits)
        {
            rows.Add(Row(f.Source, f.Target, run.Options.ClWeight > 0, f.Condition, "cl_cosine", f.Cosine));
            rows.Add(Row(f.Source, f.Target, run.Options.ClWeight > 0, f.Condition, "cl_mse", f.Mse));
        }
        foreach (var m in result.Matches)
        {
            rows.Add(Row(m.Source, m.Target, true, "data", "matched_pairs", m.Matched));
            rows.Add(Row(m.Source, m.Target, true, "data", "unmatched_pairs", m.Unmatched));
        }
        var networks = systems.Systems.OfType<IAccessibleSystem>().ToList();
        var inaccessible = systems.Systems.OfType<IInaccessibleSystem>().ToList();
        if (inaccessible.Count > 0 && networks.Count > 0) rows.Add(Row(inaccessible[0].Name, networks[0].Name, true, "data", "cl_weight", run.Options.ClWeight));
        foreach (var recorded in systems.Systems.OfType<RecordingSystem>())
        {
            rows.Add(Row(recorded.Name, recorded.Name, false, "data", "units", recorded.Recording.Units));
            if (recorded.Projection is { } pca)
            {
                rows.Add(Row(recorded.Name, recorded.Name, false, "data", "pca_components", pca.Count));
                rows.Add(Row(recorded.Name, recorded.Name, false, "data", "pca_explained_variance", pca.ExplainedVariance));
            }
        }
        if (protocol.Options.Similarity)
            for (var a = 0; a < networks.Count; a++)
                for (var b = a + 1; b < networks.Count; b++)
                    foreach (var (metric, value) in SimilarityScores.Compute(networks[a], networks[b], task, protocol.Options.SimilaritySamples, run.Seed,
                                 protocol.Options.Statistics.SimilarityBootstrap(run.Seed), run.Options.SwapToken))
                        rows.Add(Row(networks[a].Name, networks[b].Name, false, "natural", metric, value) with { Variable = "none" });
        rows.AddRange(GroupRows(run, systems.Systems, rows, bootstrap, Row));
        if (protocol.Options.Decoding) rows.AddRange(DecodingRows(run, task, systems.Systems, trainer, result, Row));
        foreach (var control in inaccessible.Count > 0 ? protocol.Options.Controls : [])
        {
            if (cancel.IsCancellationRequested) break;
            if (!AlignmentControls.AppliesTo(control, systems.Systems)) continue;
            var name = Choice.Name(control);
            var scores = AlignmentControls.Train(control, systems.Systems, task, run.Options, new Relay(p => observer?.Progress(run, p with { Part = name })),
                cancel, Store(PartialState(folder, name))).Scores;
            // A control controls the directions from an inaccessible system into a network; the others test nothing new.
            foreach (var s in scores.Where(s => s.Condition == "intervention" && systems.Systems[s.Source] is IInaccessibleSystem))
            {
                rows.AddRange(ScoreRows(s, name, true, bootstrap, Row));
                if (control == Control.ShuffledLabels && result.Scores.FirstOrDefault(m => m.Condition == "intervention" && m.Source == s.Source && m.Target == s.Target) is { } main
                    && Statistics.ControlTest.AgainstControl(main, s, protocol.Options.Statistics.Permutations, run.Seed) is { } test)
                {
                    rows.Add(Row(s.SourceName, s.TargetName, main.Trained, "intervention", "p_shuffled_labels", test.PValue));
                    rows.Add(Row(s.SourceName, s.TargetName, main.Trained, "intervention", "permutations", test.Permutations));
                }
            }
        }
        MapFile.Save(Path.Combine(folder, "maps.bin"), trainer.Maps, run.Options.Map, trainer.SubspaceSize);
        WriteHistory(Path.Combine(folder, "history.csv"), result.History);
        Manifest(run, result, clock.Elapsed.TotalSeconds).Write(Path.Combine(folder, "manifest.json"));
        return (rows, result);
    }

    /// <summary>
    /// A run over systems that all have a group (at least two groups): the mean IIA (condition <c>intervention</c>) of
    /// the directions between distinct systems within a group and across groups, and of CKA and Spearman RSA between
    /// them, with bootstrap intervals over systems (<see cref="Statistics.GroupContrast"/>): condition <c>groups</c>,
    /// metrics <c>&lt;score&gt;_within</c>, <c>_across</c>, <c>_within_minus_across</c>, each with <c>_ci_low</c>/<c>_ci_high</c>.
    /// </summary>
    private IEnumerable<ResultRow> GroupRows(RunSpec run, IReadOnlyList<ISystem> systems, IReadOnlyList<ResultRow> rows, Statistics.BootstrapOptions bootstrap,
        Func<string, string, bool, string, string, double, ResultRow> row)
    {
        var groups = run.Systems.Select(i => protocol.Options.Systems[i].Group).ToList();
        if (groups.Any(g => g is null) || groups.Distinct().Count() < 2) yield break;
        var names = systems.Select(s => s.Name).ToList();
        double Score(string condition, string metric, int i, int j, bool symmetric) =>
            rows.FirstOrDefault(r => r.Condition == condition && r.Metric == metric && ((r.Source == names[i] && r.Target == names[j])
                || (symmetric && r.Source == names[j] && r.Target == names[i])))?.Value ?? double.NaN;
        foreach (var (score, condition, metric, symmetric) in new[] { ("iia", "intervention", "iia", false), ("cka", "natural", "cka", true), ("rsa_spearman", "natural", "rsa_spearman", true) })
        {
            if (!rows.Any(r => r.Condition == condition && r.Metric == metric)) continue;
            var contrast = Statistics.GroupContrast.Of((i, j) => Score(condition, metric, i, j, symmetric), groups!, bootstrap);
            var variable = score == "iia" ? run.Variable : "none";
            foreach (var (part, interval) in new[] { ("within", contrast.Within), ("across", contrast.Across), ("within_minus_across", contrast.Difference) })
            {
                yield return row("groups", "groups", false, "groups", $"{score}_{part}", interval.Value) with { Variable = variable };
                yield return row("groups", "groups", false, "groups", $"{score}_{part}_ci_low", interval.Low) with { Variable = variable };
                yield return row("groups", "groups", false, "groups", $"{score}_{part}_ci_high", interval.High) with { Variable = variable };
            }
        }
    }

    /// <summary>A score's IIA and token accuracy, each with its bootstrap interval over held-out trials (when it has two units to resample).</summary>
    private static IEnumerable<ResultRow> ScoreRows(DirectionScore s, string condition, bool trained, Statistics.BootstrapOptions bootstrap,
        Func<string, string, bool, string, string, double, ResultRow> row)
    {
        yield return row(s.SourceName, s.TargetName, trained, condition, "iia", s.Iia);
        yield return row(s.SourceName, s.TargetName, trained, condition, "token_accuracy", s.TokenAccuracy);
        if (s.PerPair is not { } pairs) yield break;
        if (Statistics.PairIntervals.Iia(pairs, bootstrap) is { } iia)
        {
            yield return row(s.SourceName, s.TargetName, trained, condition, "iia_ci_low", iia.Low);
            yield return row(s.SourceName, s.TargetName, trained, condition, "iia_ci_high", iia.High);
        }
        if (Statistics.PairIntervals.TokenAccuracy(pairs, bootstrap) is { } token)
        {
            yield return row(s.SourceName, s.TargetName, trained, condition, "token_accuracy_ci_low", token.Low);
            yield return row(s.SourceName, s.TargetName, trained, condition, "token_accuracy_ci_high", token.High);
        }
    }

    /// <summary>
    /// Per recording in the run and per variable swapped: trial-grouped cross-validated decoding accuracy of a linear and a
    /// kNN decoder on the same folds, the chance level, and each accuracy reweighted to the causal states of the samples
    /// that drive a network in the held-out pairs (their mix of counts and phases differs from the recording's). The better
    /// of the two, with its interval by trial, is the ceiling for that direction's IIA over the pairs the intervention had
    /// to change; <c>above_ceiling</c> (1 or 0) flags an IIA above the ceiling's interval.
    /// </summary>
    private IEnumerable<ResultRow> DecodingRows(RunSpec run, ITask task, IReadOnlyList<ISystem> systems, AlignmentTrainer trainer,
        AlignmentResult result, Func<string, string, bool, string, string, double, ResultRow> row)
    {
        var bootstrap = protocol.Options.Statistics.Bootstrap(run.Seed);
        for (var i = 0; i < systems.Count; i++)
        {
            if (systems[i] is not RecordingSystem recorded) continue;
            var into = trainer.Directions.FirstOrDefault(d => d.Source == i && d.Loss == DirectionLoss.Behaviour);
            Recordings.Recording? seen = null;
            foreach (var variable in run.Variable == "all" ? task.CausalModel.Variables : [run.Variable])
            {
                var states = into is null ? null : trainer.TestSourceStates(into.Source, into.Target).Select(CausalStates.Key).ToList();
                var ceiling = DecodingCeiling.Measure(seen ??= recorded.Seen(), variable, states, states is null ? null : recorded.StateOf, folds: 5, seed: run.Seed, bootstrap: bootstrap);
                var name = recorded.Name;
                ResultRow Decoding(string metric, double value) => row(name, name, false, "decoding", metric, value) with { Variable = variable };
                yield return Decoding("decoding_accuracy", ceiling.Linear.Accuracy);
                yield return Decoding("decoding_chance", ceiling.Linear.ChanceLevel);
                yield return Decoding("decoding_knn_accuracy", ceiling.Knn.Accuracy);
                if (into is null) continue;
                yield return Decoding("decoding_accuracy_pairs", ceiling.LinearAccuracy.Value);
                yield return Decoding("decoding_knn_accuracy_pairs", ceiling.KnnAccuracy.Value);
                yield return Decoding("decoding_ceiling", ceiling.BestAccuracy.Value);
                yield return Decoding("decoding_ceiling_ci_low", ceiling.BestAccuracy.Low);
                yield return Decoding("decoding_ceiling_ci_high", ceiling.BestAccuracy.High);
                if (result.Scores.FirstOrDefault(s => s.Source == into.Source && s.Target == into.Target && s.Condition == "intervention_changed") is { } changed)
                    yield return row(changed.SourceName, changed.TargetName, changed.Trained, "intervention_changed", "above_ceiling", ceiling.IsExceededBy(changed.Iia) ? 1 : 0) with { Variable = variable };
            }
        }
    }

    private RunManifest Manifest(RunSpec run, AlignmentResult result, double seconds)
    {
        var inputs = run.Systems.Select(i => protocol.Options.Systems[i])
            .SelectMany(s => new[] { s.Checkpoint, s.Recording, s.GroundTruth, s.Network?.File, s.Network?.Spec })
            .OfType<string>().Select(protocol.Resolve).Distinct().ToDictionary(p => p, RunManifest.Sha256);
        var options = new Dictionary<string, string>(run.Resolved) { ["protocol"] = protocol.Path, ["threads"] = run.Options.Threads.ToString(CultureInfo.InvariantCulture) };
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
            SecondsToIia95 = result.TimeToAnswer?.Seconds,
            StepsToIia95 = result.TimeToAnswer?.Step,
            MapParameters = result.MapParameters,
            Profile = new Dictionary<string, double>
            {
                ["data"] = result.Profile.Data,
                ["forward"] = result.Profile.Forward,
                ["backward"] = result.Profile.Backward,
                ["optimizer"] = result.Profile.Optimizer,
                ["validation"] = result.Profile.Validation,
                ["evaluation"] = result.Profile.Evaluation,
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
}
