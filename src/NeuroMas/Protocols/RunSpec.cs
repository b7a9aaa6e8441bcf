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

    /// <summary>Everything that defines the run's numbers, as text, in a fixed order (hashed into <see cref="Id"/>).</summary>
    public IReadOnlyDictionary<string, string> Resolved { get; init; } = new Dictionary<string, string>();
}
