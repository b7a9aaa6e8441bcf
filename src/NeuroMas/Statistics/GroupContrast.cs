namespace NeuroMas.Statistics;

/// <summary>A pairwise score's mean within groups, across groups and their difference, each with its interval.</summary>
public sealed record GroupContrastResult(Interval Within, Interval Across, Interval Difference, int WithinPairs, int AcrossPairs);

/// <summary>
/// Within- against across-group means of a score between systems (IIA of each direction, CKA of each pair), with
/// bootstrap intervals that resample the <em>systems</em> (the units of replication: each model is one seed of its
/// group), not the test pairs: a resample draws n systems with replacement and averages the score over the ordered pairs
/// of distinct systems drawn, within a group and across groups. A resample without a within or an across pair has no value.
/// </summary>
public static class GroupContrast
{
    /// <param name="score">The score from system i to system j (NaN where there is none; a symmetric score gives the same both ways).</param>
    /// <param name="groups">Each system's group.</param>
    /// <exception cref="InputException">Fewer than two groups, or no pair within or across them.</exception>
    public static GroupContrastResult Of(Func<int, int, double> score, IReadOnlyList<string> groups, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(groups);
        var n = groups.Count;
        if (groups.Distinct().Count() < 2) throw new InputException($"group contrast: expected systems of at least 2 groups, found {groups.Distinct().Count()} ({string.Join(", ", groups.Distinct())})");
        double Mean(int[] draw, bool within)
        {
            var (sum, count) = (0.0, 0);
            for (var p = 0; p < draw.Length; p++)
                for (var q = 0; q < draw.Length; q++)
                {
                    var (i, j) = (draw[p], draw[q]);
                    if (i == j || (groups[i] == groups[j]) != within) continue;
                    var value = score(i, j);
                    if (!double.IsFinite(value)) continue;
                    sum += value;
                    count++;
                }
            return count == 0 ? double.NaN : sum / count;
        }
        var all = Enumerable.Range(0, n).ToArray();
        int Pairs(bool within) => all.Sum(i => all.Count(j => i != j && (groups[i] == groups[j]) == within && double.IsFinite(score(i, j))));
        var (withinPairs, acrossPairs) = (Pairs(true), Pairs(false));
        if (withinPairs == 0 || acrossPairs == 0)
            throw new InputException($"group contrast: expected scores within and across groups, found {withinPairs} within and {acrossPairs} across");
        return new GroupContrastResult(
            Bootstrap.Statistic(n, d => Mean(d, within: true), options),
            Bootstrap.Statistic(n, d => Mean(d, within: false), options),
            Bootstrap.Statistic(n, d => Mean(d, within: true) - Mean(d, within: false), options),
            withinPairs, acrossPairs);
    }
}
