using NeuroMas.Alignment;

namespace NeuroMas.Protocols;

/// <summary>One run of a protocol's sweep: its systems, its complete options, and a stable id derived from its inputs.</summary>
/// <param name="Systems">Indices into the protocol's systems, in the method's order.</param>
public sealed record RunSpec(string Id, IReadOnlyList<int> Systems, AlignmentOptions Options)
{
    public AlignmentMethod Method => Options.Method;
    public string Variable => Options.Variable;
    public int SubspaceSize => Options.SubspaceSize;
    public int Seed => Options.Seed;

    /// <summary>The id without its hash (<c>clmas-count-k16-s1-cl0.85</c>): runs that differ only in their inputs share it.</summary>
    public string Key => Id[..Id.LastIndexOf('-')];

    /// <summary>Cross-validation: the held-out fold of the run's recordings (with the protocol's <c>cv_folds</c>); null: the default split.</summary>
    public int? Fold { get; init; }

    /// <summary>Neuron subsampling: the number of units kept of each recording (null or 0: all) and which random subset.</summary>
    public int? Units { get; init; }

    /// <summary>Which random subset of <see cref="Units"/> units (0-based).</summary>
    public int UnitRepeat { get; init; }

    /// <summary>Everything that defines the run's numbers, as text, in a fixed order (hashed into <see cref="Id"/>).</summary>
    public IReadOnlyDictionary<string, string> Resolved { get; init; } = new Dictionary<string, string>();
}
