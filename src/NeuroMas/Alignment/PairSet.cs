using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// The counterfactual pairs of one split, with what every system needs of them computed once: each accessible
/// system's hook-site states at the pairs' source and target positions (for all pairs), and each inaccessible
/// system's picks. Direction data are rows of these.
/// </summary>
internal sealed class PairSet : IDisposable
{
    private readonly IReadOnlyList<ISystem> _systems;
    private readonly int _length;
    private readonly Dictionary<(int System, bool Source), Tensor> _states = [];

    /// <param name="inaccessible">The inaccessible systems whose samples the pairs draw (by index), in drawing order.</param>
    public PairSet(IReadOnlyList<ISystem> systems, ITask task, PairSamplerOptions sampling, int split, ClTarget latent, IReadOnlyList<int> inaccessible)
    {
        _systems = systems;
        _length = task.MaxLength;
        Split = split;
        Pairs = PairSampler.Sample(task, sampling);
        // One generator over pairs and systems, so that a pair's picks do not depend on which directions use them.
        var random = new Random(sampling.Seed);
        var picks = inaccessible.ToDictionary(i => i, _ => new Picks[Pairs.Count]);
        for (var p = 0; p < Pairs.Count; p++)
            foreach (var i in inaccessible)
            {
                var system = (IInaccessibleSystem)systems[i];
                var pair = Pairs[p];
                var source = system.Pick(pair.SourceState, random, split);
                var target = system.Pick(pair.TargetState, random, split);
                var chosen = latent switch
                {
                    ClTarget.Mean => system.MeanRow(pair.IntervenedState, split),
                    ClTarget.Nearest => target is { } t ? system.Nearest(pair.IntervenedState, t, split) : null,
                    _ => system.Pick(pair.IntervenedState, random, split),
                };
                picks[i][p] = new Picks(source, target, chosen);
            }
        PicksOf = picks;
    }

    public int Split { get; }

    public IReadOnlyList<CounterfactualPair> Pairs { get; }

    /// <summary>Per inaccessible system (by index), per pair.</summary>
    public IReadOnlyDictionary<int, Picks[]> PicksOf { get; }

    /// <summary>The pairs (indices, in order) a direction can use: those whose inaccessible ends hold the samples they need.</summary>
    public List<int> Usable(int source, int target)
    {
        var rows = new List<int>();
        for (var p = 0; p < Pairs.Count; p++)
        {
            if (PicksOf.TryGetValue(source, out var s) && s[p].Source is null) continue;
            if (PicksOf.TryGetValue(target, out var t) && (t[p].Target is null || t[p].Latent is null)) continue;
            rows.Add(p);
        }
        return rows;
    }

    /// <summary>
    /// States <c>[rows, d]</c> of a system standing at the pairs' sources (<paramref name="atSource"/>) or targets: an accessible
    /// system's hook-site states (computed for all pairs once, then taken by row), an inaccessible system's picked samples.
    /// </summary>
    public Tensor States(int system, bool atSource, IReadOnlyList<int> rows)
    {
        using var index = tensor(rows.Select(r => (long)r).ToArray());
        if (_systems[system] is IInaccessibleSystem recorded)
        {
            var picked = PicksOf[system];
            using var samples = tensor(rows.Select(r => (long)(atSource ? picked[r].Source : picked[r].Target)!.Value).ToArray());
            return recorded.SamplesAt(samples);
        }
        if (!_states.TryGetValue((system, atSource), out var all))
            _states[(system, atSource)] = all = StatesOf((IAccessibleSystem)_systems[system], atSource, Enumerable.Range(0, Pairs.Count).ToList());
        return all.index_select(0, index);
    }

    /// <summary>An accessible system's hook-site states computed on just these pairs <c>[rows, d]</c> (for systems outside the run, e.g. a ground truth).</summary>
    public Tensor StatesOf(IAccessibleSystem system, bool atSource, IReadOnlyList<int> rows) => system.StatesAt(
        rows.Select(r => atSource ? Pairs[r].Source : Pairs[r].Target).ToList(),
        rows.Select(r => atSource ? Pairs[r].SourcePosition : Pairs[r].TargetPosition).ToList(), _length);

    /// <summary>The counterfactual latents <c>[rows, d]</c> of an inaccessible target for these pairs.</summary>
    public Tensor Latents(int system, IReadOnlyList<int> rows, ClTarget latent)
    {
        var recorded = (IInaccessibleSystem)_systems[system];
        using var index = tensor(rows.Select(r => (long)PicksOf[system][r].Latent!.Value).ToArray());
        return latent == ClTarget.Mean ? recorded.Means(Split).index_select(0, index) : recorded.SamplesAt(index);
    }

    /// <summary>Where these rows came from: pair indices and, for inaccessible ends, the recorded trials of the picked samples.</summary>
    public PairTrials Trials(int source, int target, IReadOnlyList<int> rows)
    {
        int[]? TrialsOf(int system, bool atSource) => _systems[system] is IInaccessibleSystem recorded
            ? [.. rows.Select(r => recorded.TrialOf((atSource ? PicksOf[system][r].Source : PicksOf[system][r].Target)!.Value))]
            : null;
        return new PairTrials([.. rows], TrialsOf(source, atSource: true), TrialsOf(target, atSource: false));
    }

    public List<CounterfactualPair> Subset(IReadOnlyList<int> rows) => rows.Select(r => Pairs[r]).ToList();

    public void Dispose()
    {
        foreach (var t in _states.Values) t.Dispose();
    }
}
