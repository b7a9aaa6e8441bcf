using Microsoft.Extensions.Configuration;

namespace NeuroMas.Recordings;

/// <summary>
/// What <see cref="KilosortRecordingReader"/> reads from a Kilosort/Phy output folder:
/// <c>spike_times.npy</c> (in samples), <c>spike_clusters.npy</c>, the curation table
/// (<c>cluster_group.tsv</c> from Phy, else <c>cluster_KSLabel.tsv</c> from Kilosort) and
/// <c>params.py</c> for the sampling rate; samples from an events table.
/// </summary>
public sealed record KilosortReadOptions
{
    /// <summary>The per-sample events table (windows in seconds from the first sample of the recording).</summary>
    public EventsTableOptions Events { get; init; } = new();

    /// <summary>Sampling rate in Hz; null (default): <c>sample_rate</c> of <c>params.py</c>.</summary>
    [ConfigurationKeyName("sample_rate")]
    public double? SampleRate { get; init; }

    /// <summary>
    /// Curation labels whose clusters become units, e.g. <c>[good, mua]</c>; null: <c>[good]</c>; <c>["*"]</c> (or empty):
    /// every cluster that has spikes, without reading a curation table. Null rather than <c>[good]</c> by default because
    /// the configuration binder appends a protocol's list to a default one (<c>[good]</c> + <c>[good]</c>).
    /// </summary>
    public List<string>? Groups { get; init; }

    /// <summary>The curation labels kept; empty: every cluster.</summary>
    public IReadOnlyList<string> KeptGroups => Groups is null ? ["good"] : Groups.Contains("*") ? [] : Groups;

    /// <summary>Spike counts (default) or rates per window.</summary>
    public SpikeMeasure Spikes { get; init; } = SpikeMeasure.Count;

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Events.Validate());
        if (SampleRate is { } rate && !(rate > 0 && double.IsFinite(rate)))
            problems.Add($"SampleRate is {rate}: expected a positive number of Hz");
        if (Groups?.Any(string.IsNullOrWhiteSpace) == true)
            problems.Add("Groups has an empty label");
        return problems;
    }
}
