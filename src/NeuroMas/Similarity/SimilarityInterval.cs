using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;
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
        if (debiased) return DebiasedCka(x, y, members, options);
        return Bootstrap.Statistic(members.Length, drawn =>
        {
            var rows = drawn.SelectMany(g => members[g]).ToArray();
            try
            {
                return score(Rows(x, rows), Rows(y, rows));
            }
            catch (InputException)
            {
                return double.NaN; // a resample with too few distinct rows has no score; the bootstrap leaves it out
            }
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
        double Score(int[] drawn)
        {
            var rows = drawn.SelectMany(g => members[g]).ToArray();
            var (a, b) = (new List<double>(), new List<double>());
            for (var i = 0; i < rows.Length; i++)
            {
                for (var j = i + 1; j < rows.Length; j++)
                {
                    if (rows[i] == rows[j]) continue;
                    var k = Condensed(Math.Min(rows[i], rows[j]), Math.Max(rows[i], rows[j]), n);
                    a.Add(rdmX[k]);
                    b.Add(rdmY[k]);
                }
            }

            if (a.Count < 3) return double.NaN;
            var r = correlation == RsaCorrelation.Spearman ? Correlation.Spearman(a, b) : Correlation.Pearson(a, b);
            return double.IsFinite(r) ? r : double.NaN; // a constant RDM in a resample: no correlation
        }

        var interval = Bootstrap.Statistic(members.Length, Score, options);
        return interval with { Value = observed };
    }

    /// <summary>The row indices of each group, groups in ascending id order.</summary>
    private static int[][] Members(int rows, IReadOnlyList<int>? groups, string measure)
    {
        if (groups is null) return Enumerable.Range(0, rows).Select(i => new[] { i }).ToArray();
        if (groups.Count != rows)
            throw new InputException($"{measure} interval: groups has {groups.Count} entries but the representations have {rows} rows: expected one group id per row");
        return Enumerable.Range(0, rows).GroupBy(i => groups[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
    }

    private static Matrix<double> Rows(Matrix<double> m, int[] rows) =>
        Matrix<double>.Build.Dense(rows.Length, m.ColumnCount, (i, j) => m[rows[i], j]);

    /// <summary>Index of the pair (i, j), i &lt; j, in a condensed RDM of n rows (SciPy's pdist order).</summary>
    private static int Condensed(int i, int j, int n) => i * n - i * (i + 1) / 2 + (j - i - 1);
}
