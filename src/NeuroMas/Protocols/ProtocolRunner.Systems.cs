using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Models.Imported;
using NeuroMas.Recordings;
using NeuroMas.Simulation;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Protocols;

public sealed partial class ProtocolRunner
{
    private readonly Dictionary<int, TaskNetwork> _networks = [];
    private readonly Dictionary<int, Recording> _recordings = [];
    private readonly List<TaskNetwork> _truthNetworks = [];

    /// <summary>A run's systems and the ground truths of those that have one; the caller disposes the inaccessible ones.</summary>
    private sealed record RunSystems(IReadOnlyList<ISystem> Systems, IReadOnlyDictionary<int, GroundTruth> Truths) : IDisposable
    {
        public void Dispose()
        {
            foreach (var s in Systems.OfType<IInaccessibleSystem>()) s.Dispose();
            foreach (var t in Truths.Values) t.Dispose();
        }
    }

    private RunSystems SystemsOf(RunSpec run, ITask task)
    {
        var systems = new List<ISystem>();
        var truths = new Dictionary<int, GroundTruth>();
        foreach (var index in run.Systems)
        {
            var spec = protocol.Options.Systems[index];
            var name = ProtocolValidator.SystemName(protocol, index);
            if (spec.IsRecording)
            {
                var recording = LoadRecording(index);
                var subset = run.Units is > 0 and var n && n < recording.Units;
                if (subset) recording = recording.SelectUnits(UnitSubset(recording.Units, run.Units!.Value, run.UnitRepeat, index));
                systems.Add(new RecordingSystem(name, recording, task.CausalModel, run.Fold is { } fold ? new TrialSplit(protocol.Options.CvFolds, fold) : null, run.Options.Pca));
                // A subset of units no longer matches the ground truth's observation of every unit: no true IIA then.
                if (spec.GroundTruth is not null && !subset) truths[systems.Count - 1] = GroundTruthOf(spec, name, task);
            }
            else if (spec.Inaccessible)
            {
                // Its own states stand in for a recording; running it gives the true IIA into it.
                var network = Network(index, task);
                var states = RecordingSimulator.States(network, task, spec.RecordedTrials, spec.RecordedSeed, $"{name} (states of {spec.Checkpoint})");
                systems.Add(new RecordingSystem(name, states, task.CausalModel, components: run.Options.Pca));
                truths[systems.Count - 1] = GroundTruth.Identity(new NetworkSystem(name, network));
            }
            else systems.Add(new NetworkSystem(name, Network(index, task)));
        }
        return new RunSystems(systems, truths);
    }

    /// <summary>A random subset of <paramref name="count"/> of <paramref name="units"/> units, ascending, fixed by the repeat and system.</summary>
    internal static int[] UnitSubset(int units, int count, int repeat, int system)
    {
        var random = new Random(unchecked(repeat * 7919 + system * 104_729 + count));
        return [.. Enumerable.Range(0, units).OrderBy(_ => random.Next()).Take(count).Order()];
    }

    private TaskNetwork Network(int index, ITask task)
    {
        if (_networks.TryGetValue(index, out var cached)) return cached;
        var spec = protocol.Options.Systems[index];
        if (spec.Network is { } imported)
            return _networks[index] = ImportedNetworks.Load(protocol.Resolve(imported.File!), protocol.Resolve(imported.Spec!), task);
        var (network, info) = Checkpoint.Load(spec.Trained is { } trained ? ProtocolNetworks.CheckpointPath(protocol.Options, trained) : protocol.Resolve(spec.Checkpoint!),
            null, protocol.Options.HookLayer);
        if (spec.Untrained)
        {
            network.Dispose();
            manual_seed(spec.UntrainedSeed);
            network = NetworkFactory.Create(info.Network).Freeze();
        }
        return _networks[index] = network;
    }

    private Recording LoadRecording(int index)
    {
        if (_recordings.TryGetValue(index, out var cached)) return cached;
        var spec = protocol.Options.Systems[index];
        return _recordings[index] = RecordingFile.Load(protocol.Resolve(spec.Recording!), spec.ReadOptions());
    }

    /// <summary>A simulated recording's ground truth: the network it was recorded from and the observation stored with it.</summary>
    private GroundTruth GroundTruthOf(SystemSpec spec, string name, ITask task)
    {
        var (network, _) = Checkpoint.Load(protocol.Resolve(spec.GroundTruth!));
        _truthNetworks.Add(network);
        var (observation, bias) = GroundTruthFile.Read(protocol.Resolve(spec.Recording!));
        return GroundTruth.Fit(new NetworkSystem(name + "-source", network), observation, bias, task);
    }

    private void DisposeSystems()
    {
        foreach (var n in _networks.Values) n.Dispose();
        foreach (var n in _truthNetworks) n.Dispose();
        _networks.Clear();
        _truthNetworks.Clear();
    }
}
