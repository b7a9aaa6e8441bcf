using System.Diagnostics;
using NeuroMas.Alignment;
using NeuroMas.Decoding;
using NeuroMas.Models;
using NeuroMas.Recordings;
using NeuroMas.Results;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Protocols;

public sealed partial class ProtocolRunner
{
    private readonly Dictionary<int, Recording> _recordings = [];

    /// <summary>
    /// CLMAS of a network against a recording, with the ground truth when the recording was simulated, and the
    /// requested controls (shuffled labels, an untrained network) trained and scored the same way.
    /// </summary>
    private (List<ResultRow> Rows, AlignmentResult Result) ExecuteClmas(RunSpec run, ITask task, string folder, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var (networkIndex, recordingIndex) = (run.Systems[0], run.Systems[1]);
        var spec = protocol.Options.Systems[recordingIndex];
        var network = System(networkIndex);
        var recording = LoadRecording(recordingIndex);
        var name = ProtocolValidator.SystemName(protocol, recordingIndex);
        var options = ClmasOptionsFor(run);
        using var recorded = new RecordingSystem(name, recording, task.CausalModel);
        using var truth = GroundTruthFor(spec, name, task);
        using var trainer = new ClmasTrainer(network, recorded, task, options, truth);
        var result = trainer.Train(new Relay(p => observer?.Progress(run, p)), cancel, new FileCheckpointStore(PartialState(folder)));
        var rows = new List<ResultRow>();
        var k = result.SubspaceSize;
        ResultRow Row(string source, string target, bool trained, string condition, string metric, double value) =>
            new(run.Id, run.Method, source, target, run.Variable, k, run.Seed, result.Steps, trained, condition, metric, value);
        foreach (var s in result.Scores)
        {
            rows.Add(Row(s.SourceName, s.TargetName, s.Trained, s.Condition, "iia", s.Iia));
            rows.Add(Row(s.SourceName, s.TargetName, s.Trained, s.Condition, "token_accuracy", s.TokenAccuracy));
        }
        foreach (var f in result.ClFits)
        {
            rows.Add(Row(f.Source, f.Target, run.ClWeight > 0, f.Condition, "cl_cosine", f.Cosine));
            rows.Add(Row(f.Source, f.Target, run.ClWeight > 0, f.Condition, "cl_mse", f.Mse));
        }
        foreach (var m in result.Matches)
        {
            rows.Add(Row(m.Source, m.Target, true, "data", "matched_pairs", m.Matched));
            rows.Add(Row(m.Source, m.Target, true, "data", "unmatched_pairs", m.Unmatched));
        }
        rows.Add(Row(name, network.Name, true, "data", "cl_weight", run.ClWeight));
        if (protocol.Options.Decoding)
            foreach (var variable in run.Variable == "all" ? task.CausalModel.Variables : [run.Variable])
            {
                var decoded = LinearDecoder.CrossValidatedAccuracy(recording, variable, folds: 5, seed: run.Seed);
                rows.Add(Row(name, name, false, "decoding", "decoding_accuracy", decoded.Accuracy) with { Variable = variable });
                rows.Add(Row(name, name, false, "decoding", "decoding_chance", decoded.ChanceLevel) with { Variable = variable });
                // The same accuracy over the source states the test pairs draw (their mix of counts and phases differs
                // from the recording's): the ceiling for the recording→network IIA beside it.
                var pairsDecoded = decoded.AccuracyOver(trainer.TestSourceStates().Select(RecordingSystem.Key), recorded.StateOf);
                rows.Add(Row(name, name, false, "decoding", "decoding_accuracy_pairs", pairsDecoded) with { Variable = variable });
            }
        foreach (var control in protocol.Options.Controls)
        {
            if (cancel.IsCancellationRequested) break;
            var scores = Control(control, run, task, network, recorded, options, cancel, new FileCheckpointStore(PartialState(folder, control)),
                new Relay(p => observer?.Progress(run, p with { Part = control })));
            // A control is a control of the recording→network direction; its network→network direction tests nothing new.
            foreach (var s in scores.Where(s => s.Condition == "intervention" && s.SourceName == name))
            {
                rows.Add(Row(s.SourceName, network.Name, true, control, "iia", s.Iia));
                rows.Add(Row(s.SourceName, network.Name, true, control, "token_accuracy", s.TokenAccuracy));
            }
        }
        var asAlignment = new AlignmentResult(ProtocolValidator.ToAlignmentOptions(protocol.Options, "clmas", run.Variable, run.SubspaceSize, run.Seed),
            [network.Name, name], k, result.Scores, result.History, result.Steps, result.Seconds, result.MapParameters, result.Profile);
        Directory.CreateDirectory(folder);
        MapFile.Save(Path.Combine(folder, "maps.bin"), trainer.Maps, options.Training.Map, k);
        WriteHistory(Path.Combine(folder, "history.csv"), result.History);
        Manifest(run, asAlignment, clock.Elapsed.TotalSeconds).Write(Path.Combine(folder, "manifest.json"));
        return (rows, asAlignment);
    }

    private IReadOnlyList<DirectionScore> Control(string control, RunSpec run, ITask task, AlignmentSystem network, RecordingSystem recorded,
        ClmasOptions options, CancellationToken cancel, ICheckpointStore checkpoint, IProgress<AlignmentProgress> progress)
    {
        if (control == "shuffled_labels")
        {
            using var shuffled = new RecordingSystem(recorded.Name, recorded.Recording.ShuffleLabels(run.Seed + 7919), task.CausalModel);
            using var trainer = new ClmasTrainer(network, shuffled, task, options);
            return trainer.Train(progress, cancel, checkpoint).Scores;
        }
        var info = Checkpoint.ReadInfo(protocol.Resolve(protocol.Options.Systems[run.Systems[0]].Checkpoint!));
        manual_seed(run.Seed + 104729);
        using var untrained = NetworkFactory.Create(info.Network).Freeze();
        // The same recording as the run itself: only the network differs.
        using var control2 = new ClmasTrainer(new AlignmentSystem(network.Name, untrained), recorded, task, options);
        return control2.Train(progress, cancel, checkpoint).Scores;
    }

    private ClmasOptions ClmasOptionsFor(RunSpec run) => new()
    {
        Training = run.Options with { Method = "unimas", Variable = run.Variable, SubspaceSize = run.SubspaceSize, Seed = run.Seed },
        ClWeight = run.ClWeight,
        ClTarget = protocol.Options.ClTarget,
        ClSpace = protocol.Options.ClSpace,
    };

    private Recording LoadRecording(int index)
    {
        if (_recordings.TryGetValue(index, out var cached)) return cached;
        var spec = protocol.Options.Systems[index];
        return _recordings[index] = RecordingFile.Load(protocol.Resolve(spec.Recording!), spec.ReadOptions());
    }

    private GroundTruth? GroundTruthFor(SystemSpec spec, string name, ITask task)
    {
        if (spec.GroundTruth is null) return null;
        var file = protocol.Resolve(spec.Recording!);
        var (network, _) = Checkpoint.Load(protocol.Resolve(spec.GroundTruth));
        _truthNetworks.Add(network);
        return GroundTruth.Fit(new AlignmentSystem(name + "-source", network),
            Hdf5Arrays.ReadMatrix(file, "/ground_truth/observation"), Hdf5Arrays.ReadVector(file, "/ground_truth/bias"), task);
    }

    private readonly List<TaskNetwork> _truthNetworks = [];
}
