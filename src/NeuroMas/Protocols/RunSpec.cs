using NeuroMas.Alignment;

namespace NeuroMas.Protocols;

/// <summary>One run of a protocol's sweep, with a stable id derived from its resolved options.</summary>
public sealed record RunSpec(string Id, string Method, IReadOnlyList<int> Systems, string Variable, int SubspaceSize, int Seed, AlignmentOptions Options)
{
    /// <summary>CLMAS: weight of the counterfactual-latent loss.</summary>
    public double ClWeight { get; init; }

    /// <summary>The options that define the run, as text, in a fixed order (hashed into <see cref="Id"/>).</summary>
    public IReadOnlyDictionary<string, string> Resolved { get; init; } = new Dictionary<string, string>();
}
