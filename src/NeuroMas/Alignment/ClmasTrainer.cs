using System.Diagnostics;
using NeuroMas.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// CLMAS (docs/method.md, "Methods"): an accessible network A (system 0) and a recording B (system 1), one map each.
/// Behavioural loss on B→A and A→A (A is run from the intervened state); counterfactual-latent loss on
/// A→B and B→B (the intervened recording state must match recorded samples whose labels equal the
/// counterfactual state). Pairs that find no recorded sample with the labels they need are counted and
/// excluded.
/// </summary>
public sealed partial class ClmasTrainer : IDisposable
{
    private readonly AlignmentSystem _network;
    private readonly RecordingSystem _recording;
    private readonly ITask _task;
    private readonly ClmasOptions _options;
    private readonly GroundTruth? _truth;
    private readonly Dictionary<int, Split> _splits = [];
    private readonly Stopwatch _dataClock = new();

    private sealed record Split(DirectionData BA, DirectionData AA, ClmasData AB, ClmasData BB, DirectionData? TrueAB, DirectionData? TrueBB, MatchCount[] Matches,
        IReadOnlyList<int[]> BASourceStates);

    // TrueAB holds the same pairs as AB (so AB.Latents line up with it), TrueBB the same pairs as BB.

    public ClmasTrainer(AlignmentSystem network, RecordingSystem recording, ITask task, ClmasOptions options, GroundTruth? truth = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new InputException(string.Join("; ", problems));
        (_network, _recording, _task, _options, _truth) = (network, recording, task, options, truth);
        var training = options.Training;
        Variables = Counterfactuals.VariableIndices(task.CausalModel, training.Variable);
        var narrowest = Math.Min(network.Width, recording.Width);
        SubspaceSize = training.SubspaceSize == 0 ? narrowest : Math.Min(training.SubspaceSize, narrowest);
        if (training.Threads > 0) set_num_threads(training.Threads);
        manual_seed(training.Seed);
        Tensor? mean = null, scale = null;
        if (training.ZScore) (mean, scale) = network.UnitStatistics(task, 500, training.Seed * 7);
        var a = MapFactory.Create(training.Map, network.Width, SubspaceSize, mean, scale);
        mean?.Dispose(); scale?.Dispose();
        mean = scale = null;
        if (training.ZScore) (mean, scale) = recording.UnitStatistics();
        var b = MapFactory.Create(training.Map, recording.Width, SubspaceSize, mean, scale);
        mean?.Dispose(); scale?.Dispose();
        Maps = [a, b];
    }

    /// <summary>[R_A, R_B].</summary>
    public IReadOnlyList<AlignmentMap> Maps { get; }

    public int SubspaceSize { get; }

    private int[] Variables { get; }

    /// <summary>
    /// The causal states of the recorded samples that drive the network in the held-out recording→network pairs: a
    /// decoding accuracy reweighted to them (<see cref="Decoding.DecodingResult.AccuracyOver"/>) is the ceiling for
    /// that direction's IIA under the same mix of states.
    /// </summary>
    public IReadOnlyList<int[]> TestSourceStates() => Data(2).BASourceStates;

    /// <summary>The target's state with the source's first k aligned coordinates (0 = network, 1 = recording).</summary>
    public Tensor Intervene(int source, int target, Tensor sourceStates, Tensor targetStates)
    {
        using var scope = NewDisposeScope();
        var block = Maps[source].EncodeBlock(sourceStates, 0, SubspaceSize);
        return Maps[target].ReplaceBlock(targetStates, block, 0, dropComplement: false).MoveToOuterDisposeScope();
    }

    private Split Data(int split)
    {
        if (_splits.TryGetValue(split, out var cached)) return cached;
        _dataClock.Start();
        var count = split switch { 0 => _options.Training.TrainPairs, 1 => _options.Training.ValidationPairs, _ => _options.Training.TestPairs };
        var seed = unchecked(_options.Training.Seed * 1_000_003 + split * 10_007 + 29);
        var pairs = PairSampler.Sample(_task, new PairSamplerOptions { Count = count, Seed = seed, Variable = _options.Training.Variable });
        var random = new Random(seed);
        var picks = pairs.Select(p =>
        {
            var source = _recording.Pick(p.SourceState, random, split);
            var target = _recording.Pick(p.TargetState, random, split);
            var latent = _options.ClTarget switch
            {
                "mean" => _recording.MeanRow(p.IntervenedState, split),
                "nearest" => target is { } t ? _recording.Nearest(p.IntervenedState, t, split) : null,
                _ => _recording.Pick(p.IntervenedState, random, split),
            };
            return (Source: source, Target: target, Latent: latent);
        }).ToList();
        var length = _task.MaxLength;
        var ba = Enumerable.Range(0, pairs.Count).Where(i => picks[i].Source is not null).ToList();
        var ab = Enumerable.Range(0, pairs.Count).Where(i => picks[i].Target is not null && picks[i].Latent is not null).ToList();
        var bb = ab.Where(i => picks[i].Source is not null).ToList();
        if (ba.Count == 0 || ab.Count == 0 || bb.Count == 0)
            throw new InputException($"{_recording.Recording.Source}: labels: expected recorded samples for the task's causal states, found matches for only {ba.Count} (B→A), {ab.Count} (A→B), {bb.Count} (B→B) of {pairs.Count} pairs");

        Tensor Rows(IEnumerable<int?> rows) => _recording.Samples.index_select(0, tensor(rows.Select(r => (long)r!.Value).ToArray()));
        Tensor Latents(List<int> idx) => (_options.ClTarget == "mean" ? _recording.Means(split) : _recording.Samples)
            .index_select(0, tensor(idx.Select(i => (long)picks[i].Latent!.Value).ToArray()));
        Tensor NetworkStates(AlignmentSystem system, List<int> idx, bool source) => system.StatesAt(
            idx.Select(i => source ? pairs[i].Source : pairs[i].Target).ToList(), idx.Select(i => source ? pairs[i].SourcePosition : pairs[i].TargetPosition).ToList(), length);
        List<CounterfactualPair> Subset(List<int> idx) => idx.Select(i => pairs[i]).ToList();

        var all = Enumerable.Range(0, pairs.Count).ToList();
        var targetsA = NetworkStates(_network, all, source: false);
        var sourcesA = NetworkStates(_network, all, source: true);
        var result = new Split(
            DirectionData.Build(Subset(ba), length, Rows(ba.Select(i => picks[i].Source)), targetsA.index_select(0, tensor(ba.Select(i => (long)i).ToArray()))),
            DirectionData.Build(pairs, length, sourcesA, targetsA),
            new ClmasData(sourcesA.index_select(0, tensor(ab.Select(i => (long)i).ToArray())), Rows(ab.Select(i => picks[i].Target)), Latents(ab)),
            new ClmasData(Rows(bb.Select(i => picks[i].Source)), Rows(bb.Select(i => picks[i].Target)), Latents(bb)),
            _truth is null || split != 2 ? null : DirectionData.Build(Subset(ab), length, NetworkStates(_network, ab, true), NetworkStates(_truth.System, ab, false)),
            _truth is null || split != 2 ? null : DirectionData.Build(Subset(bb), length, NetworkStates(_truth.System, bb, true), NetworkStates(_truth.System, bb, false)),
            [
                new MatchCount(_recording.Name, _network.Name, ba.Count, pairs.Count - ba.Count),
                new MatchCount(_network.Name, _recording.Name, ab.Count, pairs.Count - ab.Count),
                new MatchCount(_recording.Name, _recording.Name, bb.Count, pairs.Count - bb.Count),
            ],
            ba.Select(i => pairs[i].SourceState).ToList());
        _splits[split] = result;
        _dataClock.Stop();
        return result;
    }

    /// <summary>Behavioural loss (mean of B→A and A→A) plus <c>cl_weight</c> × CL loss (mean of A→B and B→B).</summary>
    private Tensor Loss(Split data, Random random)
    {
        using var scope = NewDisposeScope();
        long[] Draw(int n) => Enumerable.Range(0, _options.Training.BatchSize).Select(_ => (long)random.Next(n)).ToArray();
        var (ba, aa) = (Draw(data.BA.Count), Draw(data.AA.Count));
        var behaviour = BehaviourObjective.Loss(_network.Network, [
            (Intervene(1, 0, data.BA.SourceStates.index_select(0, tensor(ba)), data.BA.TargetStates.index_select(0, tensor(ba))), data.BA, ba),
            (Intervene(0, 0, data.AA.SourceStates.index_select(0, tensor(aa)), data.AA.TargetStates.index_select(0, tensor(aa))), data.AA, aa),
        ]) / 2;
        if (_options.ClWeight == 0) return behaviour.MoveToOuterDisposeScope();
        return (behaviour + _options.ClWeight * ClLoss(data, Draw(data.AB.Count), Draw(data.BB.Count))).MoveToOuterDisposeScope();
    }

    private Tensor ClLoss(Split data, long[] ab, long[] bb)
    {
        using var scope = NewDisposeScope();
        var (i, j) = (tensor(ab), tensor(bb));
        Tensor Fit(int source, ClmasData d, Tensor rows)
        {
            var (sources, latents) = (d.Sources.index_select(0, rows), d.Latents.index_select(0, rows));
            return _options.ClSpace == "aligned"
                ? ClmasData.Loss(Maps[source].EncodeBlock(sources, 0, SubspaceSize), Maps[1].EncodeBlock(latents, 0, SubspaceSize))
                : ClmasData.Loss(Intervene(source, 1, sources, d.Targets.index_select(0, rows)), latents);
        }
        return ((Fit(0, data.AB, i) + Fit(1, data.BB, j)) / 2).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var map in Maps) map.Dispose();
        foreach (var s in _splits.Values)
        {
            s.BA.Dispose(); s.AA.Dispose(); s.AB.Dispose(); s.BB.Dispose(); s.TrueAB?.Dispose(); s.TrueBB?.Dispose();
        }
    }
}
