using System.Globalization;

namespace NeuroMas.Statistics;

/// <summary>
/// Permutation p-values: how often a statistic computed with the labels permuted reaches the observed one.
/// One-sided (large is the effect), with the +1 of Phipson and Smyth (2010) so the p-value is valid and never 0.
/// </summary>
public static class PermutationTest
{
    /// <summary>
    /// p-value of <paramref name="observed"/> against <paramref name="nullStatistics"/> (e.g. the IIA of each map
    /// retrained on permuted labels): <c>(1 + #{null ≥ observed}) / (1 + n)</c>. A null value within 1e-12
    /// (relative) of the observed one counts as reaching it, so rounding cannot make a tie look like an effect.
    /// </summary>
    /// <exception cref="InputException">No null statistic, or a value that is not finite.</exception>
    public static PermutationResult PValue(double observed, IReadOnlyList<double> nullStatistics)
    {
        ArgumentNullException.ThrowIfNull(nullStatistics);
        if (!double.IsFinite(observed))
            throw new InputException($"permutation test: observed is {observed.ToString(CultureInfo.InvariantCulture)}: expected a finite number");
        if (nullStatistics.Count == 0)
            throw new InputException("permutation test: no null statistics: expected at least one permutation");
        for (var i = 0; i < nullStatistics.Count; i++)
        {
            if (!double.IsFinite(nullStatistics[i]))
                throw new InputException($"permutation test: null statistic {i} is {nullStatistics[i].ToString(CultureInfo.InvariantCulture)}: expected a finite number");
        }
        var threshold = observed - 1e-12 * Math.Max(1, Math.Abs(observed));
        var reached = nullStatistics.Count(v => v >= threshold);
        return new PermutationResult(observed, (1.0 + reached) / (1.0 + nullStatistics.Count), nullStatistics.Count);
    }

    /// <summary>
    /// A cheaper scheme when retraining per permutation is too costly: a paired test of whether the mean outcome of
    /// <paramref name="treatment"/> (e.g. intervention IIA per test pair) exceeds that of <paramref name="control"/>
    /// (the shuffled-labels control's outcome on the same pairs). Under the null the two runs are exchangeable, so
    /// each cluster's treatment and control outcomes are swapped as a block with probability ½ (a sign flip of the
    /// cluster's summed difference); the statistic is <c>mean(treatment) − mean(control)</c>. It conditions on the
    /// two trained maps, so it tests the test set's evidence, not retraining variability.
    /// </summary>
    /// <param name="treatment">Outcome per item, <c>[items]</c>.</param>
    /// <param name="control">Outcome of the control on the same items, <c>[items]</c>.</param>
    /// <param name="cluster">Cluster per item (e.g. the source trial), <c>[items]</c>.</param>
    /// <param name="permutations">Number of sign-flip permutations, ≥ 1.</param>
    /// <param name="seed">Seed of the flips.</param>
    /// <exception cref="InputException">Lengths differ, no items, or a value that is not finite.</exception>
    public static PermutationResult PairedByCluster(IReadOnlyList<double> treatment, IReadOnlyList<double> control, IReadOnlyList<int> cluster,
        int permutations = 10_000, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        if (treatment.Count == 0)
            throw new InputException("permutation test: treatment is empty: expected at least one outcome");
        if (control.Count != treatment.Count || cluster.Count != treatment.Count)
            throw new InputException(
                $"permutation test: treatment has {treatment.Count} outcomes, control {control.Count}, cluster {cluster.Count}: expected the same items in all three");
        var ids = cluster.Distinct().Order().Select((id, k) => (id, k)).ToDictionary(p => p.id, p => p.k);
        var difference = new double[ids.Count];
        for (var i = 0; i < treatment.Count; i++)
        {
            if (!double.IsFinite(treatment[i]) || !double.IsFinite(control[i]))
                throw new InputException($"permutation test: item {i} has treatment {treatment[i]} and control {control[i]}: expected finite numbers");
            difference[ids[cluster[i]]] += treatment[i] - control[i];
        }
        var n = treatment.Count;
        var observed = difference.Sum() / n;
        var random = new Random(seed);
        var nulls = new double[permutations];
        for (var p = 0; p < permutations; p++)
        {
            var sum = 0.0;
            foreach (var d in difference) sum += random.Next(2) == 0 ? d : -d;
            nulls[p] = sum / n;
        }
        return PValue(observed, nulls);
    }
}
