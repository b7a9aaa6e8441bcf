using Microsoft.Extensions.Configuration;

namespace NeuroMas.Protocols;

/// <summary>A system named in a protocol: a network checkpoint (accessible) or a recording (inaccessible).</summary>
public sealed record SystemSpec
{
    /// <summary>Name used in results; defaults to the checkpoint or recording file name.</summary>
    public string? Name { get; init; }

    /// <summary>Path of a <c>.nmck</c> checkpoint, relative to the protocol file.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>
    /// Replace the checkpoint's weights by a fresh initialisation of the same architecture (the
    /// untrained-network control).
    /// </summary>
    public bool Untrained { get; init; }

    /// <summary>Seed of the untrained initialisation.</summary>
    [ConfigurationKeyName("untrained_seed")]
    public int UntrainedSeed { get; init; } = 1;
}
