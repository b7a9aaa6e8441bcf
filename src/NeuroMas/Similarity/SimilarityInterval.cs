using MathNet.Numerics.LinearAlgebra;
using NeuroMas.Statistics;

namespace NeuroMas.Similarity;

/// <summary>
/// Bootstrap intervals on CKA and RSA over the conditions (rows) the two representations share: each resample
/// draws rows, or groups of rows, with replacement and recomputes the score on both representations' drawn rows
/// (<see cref="Bootstrap.Statistic"/>), so the interval says how much the score depends on which conditions were
/// sampled.
/// </summary>
public static class SimilarityInterval
{
    /// <summary>Linear CKA (<see cref="Cka.Linear"/>) or, with <paramref name="debiased"/>, <see cref="Cka.LinearDebiased"/>, with its interval.</summary>
    /// <param name="x">Representation <c>[rows, width_x]</c>.</param>
    /// <param name="y">Representation <c>[rows, width_y]</c>, the same rows.</param>
    /// <param name="debiased">Use the unbiased-HSIC CKA.</param>
    /// <param name="options">Bootstrap options; default 2,000 BCa resamples at 95 %. Costs about
    /// (resamples + rows) CKA evaluations with BCa, resamples with the percentile method. The debiased score is
    /// resampled through row multiplicities on <c>[rows, rows]</c> kernels (see <see cref="WeightedHsic"/>).</param>
    /// <param name="groups">Group id per row, <c>[rows]</c> (e.g. the trial of each sample), resampled as whole
    /// groups; each row its own group when null.</param>
    /// <exception cref="InputException">As the score itself, or <paramref name="groups"/> of the wrong length.</exception>
    public static Interval Cka(Matrix<double> x, Matrix<double> y, bool debiased = false, BootstrapOptions? options = null,
        IReadOnlyList<int>? groups = null)
    {
        Func<Matrix<double>, Matrix<double>, double> score = debiased ? Similarity.Cka.LinearDebiased : Similarity.Cka.Linear;
        score(x, y); // the observed score's own input checks, with its own messages
        var members = Members(x.RowCount, groups, debiased ? "debiased CKA" : "CKA");
        return debiased ? DebiasedCka(x, y, members, options) : LinearCka(x, y, members, options);
    }

    /// <summary>
    /// Linear CKA resampled through row multiplicities on the two linear kernels, computed once: the CKA of the
    /// resample's rows (each drawn row as often as drawn) is <c>Σ c_p c_q K̃_pq L̃_pq / √(Σ c_p c_q K̃²_pq · Σ c_p c_q L̃²_pq)</c>,
    /// with <c>K̃</c> the kernel centred at the resample's weighted mean; O(rows²) per resample instead of the products
    /// of two resampled <c>[rows, width]</c> matrices. NaN when a side of the resample has no variance.
    /// </summary>
    private static Interval LinearCka(Matrix<double> x, Matrix<double> y, int[][] members, BootstrapOptions? options)
    {
        var n = x.RowCount;
        var k = Gram(SimilarityInput.Centred("CKA", "x", x));
        var l = Gram(SimilarityInput.Centred("CKA", "y", y));
        var (weights, meanK, meanL) = (new double[n], new double[n], new double[n]);
        return Bootstrap.Statistic(members.Length, drawn =>
        {
            Array.Clear(weights);
            foreach (var g in drawn)
                foreach (var row in members[g]) weights[row]++;
            var total = weights.Sum();
            var (overallK, overallL) = (0.0, 0.0);
            for (var p = 0; p < n; p++)
            {
                var (sk, sl) = (0.0, 0.0);
                for (var q = 0; q < n; q++)
                {
                    sk += weights[q] * k[p * n + q];
                    sl += weights[q] * l[p * n + q];
                }
                (meanK[p], meanL[p]) = (sk / total, sl / total);
                overallK += weights[p] * meanK[p];
                overallL += weights[p] * meanL[p];
            }
            (overallK, overallL) = (overallK / total, overallL / total);
            var (kl, kk, ll) = (0.0, 0.0, 0.0);
            for (var p = 0; p < n; p++)
            {
                if (weights[p] == 0) continue;
                for (var q = 0; q < n; q++)
                {
                    var w = weights[p] * weights[q];
                    if (w == 0) continue;
                    var kc = k[p * n + q] - meanK[p] - meanK[q] + overallK;
                    var lc = l[p * n + q] - meanL[p] - meanL[q] + overallL;
                    kl += w * kc * lc;
                    kk += w * kc * kc;
                    ll += w * lc * lc;
                }
            }
            // A resample with one distinct row (or a side with no variance in it) has no score; the bootstrap leaves it out.
            return kk > 0 && ll > 0 ? kl / Math.Sqrt(kk) / Math.Sqrt(ll) : double.NaN;
        }, options);
    }

    /// <summary>
    /// Debiased CKA resampled through row multiplicities (<see cref="WeightedHsic"/>) on the two centred linear
    /// kernels, computed once: <c>[rows, rows]</c> each, so meant for conditions (hundreds of rows), not raw samples.
    /// </summary>
    private static Interval DebiasedCka(Matrix<double> x, Matrix<double> y, int[][] members, BootstrapOptions? options)
    {
        var n = x.RowCount;
        var k = Gram(SimilarityInput.Centred("debiased CKA", "x", x));
        var l = Gram(SimilarityInput.Centred("debiased CKA", "y", y));
        return Bootstrap.Statistic(members.Length, drawn =>
        {
            var weights = new double[n];
            foreach (var g in drawn)
                foreach (var row in members[g]) weights[row]++;
            var selfK = WeightedHsic.Of(k, k, n, weights);
            var selfL = WeightedHsic.Of(l, l, n, weights);
            return selfK > 0 && selfL > 0 ? WeightedHsic.Of(k, l, n, weights) / Math.Sqrt(selfK) / Math.Sqrt(selfL) : double.NaN;
        }, options);
    }

    private static double[] Gram(Matrix<double> m) => m.TransposeAndMultiply(m).ToRowMajorArray();

    /// <summary>
    /// The RSA score (<see cref="Rsa.Compare"/>) with its interval. The dissimilarities are computed once; a
    /// resample takes those between its drawn rows, leaving out the pairs of a row with its own copy (their zero
    /// dissimilarity is an artefact of drawing the row twice, not a similarity of the systems), as rsatoolbox does.
    /// </summary>
    /// <param name="x">Representation <c>[conditions, width_x]</c>, conditions ≥ 3.</param>
    /// <param name="y">Representation <c>[conditions, width_y]</c>, the same conditions.</param>
    /// <param name="metric">Dissimilarity for both RDMs.</param>
    /// <param name="correlation">Spearman or Pearson.</param>
    /// <param name="options">Bootstrap options, as for <see cref="Cka"/>.</param>
    /// <param name="groups">Group id per condition, resampled as whole groups; each condition its own when null.</param>
    public static Interval Rsa(Matrix<double> x, Matrix<double> y, RdmMetric metric, RsaCorrelation correlation,
        BootstrapOptions? options = null, IReadOnlyList<int>? groups = null)
    {
        var observed = Similarity.Rsa.Compare(x, y, metric, correlation); // checks the input
        var n = x.RowCount;
        var rdmX = Similarity.Rsa.Rdm(x, metric);
        var rdmY = Similarity.Rsa.Rdm(y, metric);
        var members = Members(n, groups, "RSA");
        // A resample's pairs are the original pairs (p, q), each as often as the product of its rows' multiplicities
        // (a row with its own copy left out): the correlation of that multiset is a weighted correlation over the
        // original pairs, and Spearman's mid-ranks come from one pass in the pairs' sorted order, computed once.
        var spearman = correlation == RsaCorrelation.Spearman;
        var (orderX, orderY) = spearman ? (SortedOrder(rdmX), SortedOrder(rdmY)) : (null, null);
        var (weights, rankX, rankY, counts) = (new double[rdmX.Length], new double[rdmX.Length], new double[rdmX.Length], new double[n]);
        double Score(int[] drawn)
        {
            Array.Clear(counts);
            foreach (var g in drawn)
                foreach (var row in members[g]) counts[row]++;
            var total = 0.0;
            for (int p = 0, k = 0; p < n; p++)
                for (var q = p + 1; q < n; q++, k++)
                    total += weights[k] = counts[p] * counts[q];
            if (total < 3) return double.NaN;
            var (a, b) = spearman ? (MidRanks(rdmX, orderX!, weights, rankX), MidRanks(rdmY, orderY!, weights, rankY)) : (rdmX, rdmY);
            var r = WeightedPearson(a, b, weights, total);
            return double.IsFinite(r) ? r : double.NaN; // a constant RDM in a resample: no correlation
        }

        var interval = Bootstrap.Statistic(members.Length, Score, options);
        return interval with { Value = observed };
    }

    private static int[] SortedOrder(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort((double[])values.Clone(), order);
        return order;
    }

    /// <summary>
    /// Each pair's rank in the multiset where pair k occurs <c>weights[k]</c> times, ties (equal values, and a pair's
    /// own copies) given their mean rank, 1-based: the ranks Spearman's correlation of the expanded lists uses.
    /// </summary>
    private static double[] MidRanks(double[] values, int[] order, double[] weights, double[] ranks)
    {
        var below = 0.0;
        for (var i = 0; i < order.Length;)
        {
            var (j, tied) = (i, 0.0);
            for (; j < order.Length && values[order[j]] == values[order[i]]; j++) tied += weights[order[j]];
            var mid = below + (tied + 1) / 2;
            for (var t = i; t < j; t++) ranks[order[t]] = mid;
            below += tied;
            i = j;
        }
        return ranks;
    }

    private static double WeightedPearson(double[] a, double[] b, double[] weights, double total)
    {
        var (meanA, meanB) = (0.0, 0.0);
        for (var k = 0; k < a.Length; k++)
        {
            meanA += weights[k] * a[k];
            meanB += weights[k] * b[k];
        }
        (meanA, meanB) = (meanA / total, meanB / total);
        var (ab, aa, bb) = (0.0, 0.0, 0.0);
        for (var k = 0; k < a.Length; k++)
        {
            if (weights[k] == 0) continue;
            var (da, db) = (a[k] - meanA, b[k] - meanB);
            ab += weights[k] * da * db;
            aa += weights[k] * da * da;
            bb += weights[k] * db * db;
        }
        return ab / Math.Sqrt(aa * bb);
    }

    /// <summary>The row indices of each group, groups in ascending id order.</summary>
    private static int[][] Members(int rows, IReadOnlyList<int>? groups, string measure)
    {
        if (groups is null) return Enumerable.Range(0, rows).Select(i => new[] { i }).ToArray();
        if (groups.Count != rows)
            throw new InputException($"{measure} interval: groups has {groups.Count} entries but the representations have {rows} rows: expected one group id per row");
        return Enumerable.Range(0, rows).GroupBy(i => groups[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
    }
}
