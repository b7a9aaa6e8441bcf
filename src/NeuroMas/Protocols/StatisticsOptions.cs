using Microsoft.Extensions.Configuration;
using NeuroMas.Statistics;

namespace NeuroMas.Protocols;

/// <summary>
/// How a protocol's numbers get their intervals and tests (the <c>statistics:</c> section): bootstrap intervals on every
/// IIA and token accuracy over held-out trials, the permutation test of each intervention against its shuffled-labels
/// control, and an optional multiple-comparison correction (the raw p-value is always kept).
/// </summary>
public sealed record StatisticsOptions
{
    /// <summary>Coverage of every interval, in (0, 1).</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Bootstrap resamples per interval (≥ 100).</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>How an interval is read off the resamples: <c>bca</c> (default) or <c>percentile</c>.</summary>
    public IntervalMethod Interval { get; init; } = IntervalMethod.Bca;

    /// <summary>Sign-flip permutations of the test against the shuffled-labels control (≥ 1; p ≥ 1 / (permutations + 1)).</summary>
    public int Permutations { get; init; } = 10_000;

    /// <summary>
    /// Resamples of the intervals on CKA and RSA (percentile; whole sequences resampled); 0: none. Fewer than the IIA's by
    /// default: each resample recomputes a score over every pair of conditions.
    /// </summary>
    [ConfigurationKeyName("similarity_resamples")]
    public int SimilarityResamples { get; init; } = 500;

    /// <summary>Correction over every p-value of the protocol, reported beside the raw ones: <c>none</c> (default), <c>holm</c>, <c>benjamini_hochberg</c> (FDR).</summary>
    [ConfigurationKeyName("p_adjust")]
    public Correction PAdjust { get; init; } = Correction.None;

    /// <summary>The bootstrap as these options and a run's seed set it.</summary>
    public BootstrapOptions Bootstrap(int seed) => new() { Confidence = Confidence, Resamples = Resamples, Method = Interval, Seed = seed };

    /// <summary>The bootstrap of the similarity intervals, or null when they are off.</summary>
    public BootstrapOptions? SimilarityBootstrap(int seed) =>
        SimilarityResamples > 0 ? new() { Confidence = Confidence, Resamples = SimilarityResamples, Method = IntervalMethod.Percentile, Seed = seed } : null;

    /// <summary>Every problem with these options, each with its key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(new BootstrapOptions { Confidence = Confidence, Resamples = Resamples }.Validate().Select(p => "statistics: " + p));
        if (SimilarityResamples is > 0 and < 100) problems.Add($"statistics.similarity_resamples: expected 0 (no intervals) or at least 100, found {SimilarityResamples}");
        if (Permutations < 1) problems.Add($"statistics.permutations: expected at least 1, found {Permutations}");
        return problems;
    }
}
