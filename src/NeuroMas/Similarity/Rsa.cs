using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace NeuroMas.Similarity;

/// <summary>
/// Representational similarity analysis (Kriegeskorte et al. 2008): compare two systems through
/// the dissimilarities between their responses to the same task conditions.
/// </summary>
public static class Rsa
{
    /// <summary>
    /// The representational dissimilarity matrix of <paramref name="x"/>, condensed to its upper
    /// triangle.
    /// </summary>
    /// <param name="x">Representation <c>[conditions, width]</c>, conditions ≥ 2.</param>
    /// <param name="metric">How two rows are compared.</param>
    /// <returns>
    /// <c>[conditions · (conditions − 1) / 2]</c>: the dissimilarity of rows <c>(i, j)</c>, <c>i &lt; j</c>,
    /// in the order (0,1), (0,2), …, (0,n−1), (1,2), … (SciPy's <c>pdist</c> order).
    /// </returns>
    /// <exception cref="InputException">
    /// Fewer than 2 rows, a NaN or infinity, or (cosine only) a row whose norm is 0.
    /// </exception>
    public static double[] Rdm(Matrix<double> x, RdmMetric metric)
    {
        SimilarityInput.Single("RSA", "x", x, minRows: 2);
        return Dissimilarities("RSA", "x", x, metric);
    }

    /// <summary>
    /// The correlation between the dissimilarity matrices of <paramref name="x"/> and
    /// <paramref name="y"/> (upper triangles only, so the zero diagonal does not inflate it).
    /// </summary>
    /// <param name="x">Representation <c>[conditions, width_x]</c>, conditions ≥ 3.</param>
    /// <param name="y">Representation <c>[conditions, width_y]</c>, the same conditions in the same order.</param>
    /// <param name="metric">Dissimilarity used for both RDMs.</param>
    /// <param name="correlation">Spearman (average ranks for ties) or Pearson.</param>
    /// <returns>A correlation in [−1, 1].</returns>
    /// <exception cref="InputException">
    /// Row counts differ, fewer than 3 rows, a NaN or infinity, a side with zero variance, a zero
    /// row under the cosine metric, or an RDM whose dissimilarities are all equal.
    /// </exception>
    public static double Compare(Matrix<double> x, Matrix<double> y, RdmMetric metric, RsaCorrelation correlation)
    {
        const string Measure = "RSA";
        // Three conditions give three dissimilarities, the fewest for which a correlation means anything.
        SimilarityInput.CentredPair(Measure, x, y, minRows: 3);
        var rdmX = Dissimilarities(Measure, "x", x, metric);
        var rdmY = Dissimilarities(Measure, "y", y, metric);
        SimilarityInput.VaryingRdm(Measure, "x", rdmX);
        SimilarityInput.VaryingRdm(Measure, "y", rdmY);

        return correlation switch
        {
            RsaCorrelation.Spearman => Correlation.Spearman(rdmX, rdmY),
            RsaCorrelation.Pearson => Correlation.Pearson(rdmX, rdmY),
            _ => throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "unknown RSA correlation"),
        };
    }

    private static double[] Dissimilarities(string measure, string name, Matrix<double> x, RdmMetric metric)
    {
        var rows = x.ToRowArrays();
        var n = rows.Length;
        var rdm = new double[n * (n - 1) / 2];
        var pair = 0;
        switch (metric)
        {
            case RdmMetric.CosineDistance:
                var norms = new double[n];
                for (var i = 0; i < n; i++)
                {
                    norms[i] = Math.Sqrt(Dot(rows[i], rows[i]));
                    if (norms[i] == 0)
                    {
                        throw new InputException(
                            $"{measure}: {name} row {i} is all zeros; expected non-zero rows for the cosine " +
                            "distance (use the Euclidean metric for representations with silent conditions)");
                    }
                }

                for (var i = 0; i < n; i++)
                {
                    for (var j = i + 1; j < n; j++)
                    {
                        // Rounding can put the cosine a hair outside [−1, 1].
                        rdm[pair++] = Math.Clamp(1 - Dot(rows[i], rows[j]) / (norms[i] * norms[j]), 0, 2);
                    }
                }

                break;
            case RdmMetric.Euclidean:
                for (var i = 0; i < n; i++)
                {
                    for (var j = i + 1; j < n; j++)
                    {
                        rdm[pair++] = Distance(rows[i], rows[j]);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown RDM metric");
        }

        return rdm;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    private static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = a[k] - b[k];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
