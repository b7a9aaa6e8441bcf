using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

public sealed partial class AlignmentTrainer
{
    private readonly Dictionary<(int Source, int Target, int Split), DirectionData> _behaviour = [];
    private readonly Dictionary<(int Source, int Target, int Split), LatentData> _latent = [];
    private readonly Dictionary<(int Source, int Target), DirectionData> _truth = [];
    private readonly Dictionary<(int Source, int Target, int Split), MatchCount> _matches = [];
    private readonly Dictionary<(int Source, int Target, int Split), IReadOnlyList<int[]>> _sourceStates = [];

    /// <summary>Inaccessible systems, by index: their pairs must line up across directions.</summary>
    private List<int> Inaccessible => Enumerable.Range(0, _systems.Count).Where(i => _systems[i] is IInaccessibleSystem).ToList();

    /// <summary>
    /// Where a run's pairs come from. Between accessible systems only, every direction draws its own pairs. With an
    /// inaccessible system, one set per split serves every direction, so that the samples a pair picks from a recording
    /// (its source, target and latent) are the same in every direction that uses it; <c>shared_pairs</c> does the same
    /// between networks.
    /// </summary>
    private bool SharedPairs => Inaccessible.Count > 0 || _options.SharedPairs;

    private int PairSeed(int source, int target, int split) => SharedPairs
        ? unchecked(_options.Seed * 1_000_003 + split * 10_007 + 29)
        : unchecked(_options.Seed * 1_000_003 + split * 10_007 + source * 101 + target * 13 + 17);

    private int PairCount(int split) => split switch { 0 => _options.TrainPairs, 1 => _options.ValidationPairs, _ => _options.TestPairs };

    /// <summary>Behavioural pairs of a direction into an accessible system, for a split (0 train, 1 validation, 2 test).</summary>
    public DirectionData Data(int source, int target, int split)
    {
        Build(source, target, split);
        return _behaviour[(source, target, split)];
    }

    /// <summary>Counterfactual-latent pairs of a direction into an inaccessible system, for a split.</summary>
    public LatentData LatentPairs(int source, int target, int split)
    {
        Build(source, target, split);
        return _latent[(source, target, split)];
    }

    /// <summary>
    /// The causal states of the samples that drive the target in the held-out pairs of a direction from an inaccessible
    /// system: a decoding accuracy reweighted to them is the ceiling for that direction's IIA under the same mix of states.
    /// </summary>
    public IReadOnlyList<int[]> TestSourceStates(int source, int target)
    {
        Build(source, target, 2);
        return _sourceStates[(source, target, 2)];
    }

    /// <summary>How many pairs of each direction involving an inaccessible system found the samples they needed (test split).</summary>
    public IReadOnlyList<MatchCount> Matches()
    {
        foreach (var d in Directions) Build(d.Source, d.Target, 2);
        return Directions.Where(d => _matches.ContainsKey((d.Source, d.Target, 2))).Select(d => _matches[(d.Source, d.Target, 2)]).ToList();
    }

    private void Build(int source, int target, int split)
    {
        if (_behaviour.ContainsKey((source, target, split)) || _latent.ContainsKey((source, target, split))) return;
        _dataClock.Start();
        var directions = SharedPairs ? Directions.Select(d => (d.Source, d.Target)).ToList() : [(source, target)];
        var sampling = new PairSamplerOptions { Count = PairCount(split), Seed = PairSeed(source, target, split), Variable = _options.Variable, SwapToken = _options.SwapToken };
        using (var pairs = new PairSet(_systems, _task, sampling, split, _options.ClTarget, Inaccessible))
            foreach (var (s, t) in directions) Build(pairs, s, t);
        _dataClock.Stop();
    }

    private void Build(PairSet pairs, int source, int target)
    {
        var split = pairs.Split;
        var rows = pairs.Usable(source, target);
        var key = (source, target, split);
        if (pairs.PicksOf.ContainsKey(source) || pairs.PicksOf.ContainsKey(target))
        {
            _matches[key] = new MatchCount(_systems[source].Name, _systems[target].Name, rows.Count, pairs.Pairs.Count - rows.Count);
            if (rows.Count == 0)
                throw new InputException($"{Describe(pairs.PicksOf.ContainsKey(source) ? source : target)}: labels: expected samples for the task's causal states, found none for any of the {pairs.Pairs.Count} pairs of {_systems[source].Name} → {_systems[target].Name}");
        }
        if (pairs.PicksOf.ContainsKey(source) && _systems[target] is IAccessibleSystem)
            _sourceStates[key] = rows.Select(r => pairs.Pairs[r].SourceState).ToList();
        var sources = pairs.States(source, atSource: true, rows);
        if (_systems[target] is IAccessibleSystem)
        {
            _behaviour[key] = DirectionData.Build(pairs.Subset(rows), _task.MaxLength, sources, pairs.States(target, atSource: false, rows)).Keep().From(pairs.Trials(source, target, rows));
            return;
        }
        _latent[key] = new LatentData(sources, pairs.States(target, atSource: false, rows), pairs.Latents(target, rows, _options.ClTarget)).Keep();
        if (split == 2 && _truths.TryGetValue(target, out var truth) && TruthOf(source, truth) is { } sourceNetwork)
            // The same pairs as the latent data, run through the networks the samples stand for.
            _truth[(source, target)] = DirectionData.Build(pairs.Subset(rows), _task.MaxLength,
                pairs.StatesOf(sourceNetwork, atSource: true, rows), pairs.StatesOf(truth.System, atSource: false, rows)).Keep().From(pairs.Trials(source, target, rows));
    }

    /// <summary>The network whose states a direction's source stands for: itself when accessible, its ground truth's network, or none.</summary>
    private IAccessibleSystem? TruthOf(int source, GroundTruth targetTruth) => _systems[source] switch
    {
        IAccessibleSystem network => network,
        _ when _truths.TryGetValue(source, out var own) => own.System,
        _ => null,
    };

    private string Describe(int system) => _systems[system] is RecordingSystem r ? r.Recording.Source : _systems[system].Name;
}
