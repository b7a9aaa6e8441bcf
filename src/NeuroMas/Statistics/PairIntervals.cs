using NeuroMas.Alignment;

namespace NeuroMas.Statistics;

/// <summary>
/// Intervals on a direction's held-out accuracies, resampling what is independent: the recorded trials the pairs' samples
/// came from (both ends' trials, two-way, when both ends are recordings), or the pairs themselves where both ends are
/// networks (each pair runs its own sequences). Pairs that share a recorded trial share its noise and are never counted as
/// independent evidence.
/// </summary>
public static class PairIntervals
{
    /// <summary>Interval of the IIA (fraction of pairs whose whole response is right).</summary>
    public static Interval? Iia(ScoredPairs pairs, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count < 2) return null;
        var values = pairs.Correct.Select(c => c ? 1.0 : 0.0).ToArray();
        var trials = pairs.Trials;
        if (trials?.SourceTrial is { } source && trials.TargetTrial is { } target)
        {
            // Two recordings, two pools of trials: offset the target's ids so a source trial never stands for a target one.
            var offset = source.Max() + 1 - target.Min();
            return Guarded(() => Bootstrap.MeanOfPairs(values, source, [.. target.Select(t => t + offset)], options), Clusters(pairs));
        }
        return Guarded(() => Bootstrap.Mean(values, Clusters(pairs), options), Clusters(pairs));
    }

    /// <summary>Interval of the token accuracy (scored tokens right, pooled over pairs), resampling the same units (source trials when two-way).</summary>
    public static Interval? TokenAccuracy(ScoredPairs pairs, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count < 2 || pairs.Tokens.Sum() == 0) return null;
        var values = pairs.Tokens.Select((t, i) => t == 0 ? 0.0 : (double)pairs.CorrectTokens[i] / t).ToArray();
        var weights = pairs.Tokens.Select(t => (double)t).ToArray();
        return Guarded(() => Bootstrap.Mean(values, Clusters(pairs), options, weights), Clusters(pairs));
    }

    /// <summary>The unit resampled one-way: the source's recorded trial, else the target's, else the pair.</summary>
    public static int[] Clusters(ScoredPairs pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Trials?.SourceTrial ?? pairs.Trials?.TargetTrial ?? pairs.Trials?.Pair ?? pairs.Rows;
    }

    /// <summary>Fewer than two units cannot be resampled: no interval rather than a made-up one.</summary>
    private static Interval? Guarded(Func<Interval> interval, int[] clusters) => clusters.Distinct().Count() < 2 ? null : interval();
}
