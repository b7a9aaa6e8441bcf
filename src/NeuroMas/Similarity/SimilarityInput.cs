using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace NeuroMas.Similarity;

/// <summary>
/// The one place where the similarity measures check their input and prepare it (centring,
/// width reduction). Every message names the measure, the argument, what was expected and what
/// was found, on one line.
/// </summary>
internal static class SimilarityInput
{
    // A centred representation whose norm is this small relative to the raw one is constant up to
    // rounding; a correlation or a normalisation of it would amplify rounding noise into a result.
    private const double ZeroVarianceTolerance = 1e-12;

    /// <summary>Checks a pair of representations <c>[rows, width_x]</c>, <c>[rows, width_y]</c>.</summary>
    public static void Pair(string measure, Matrix<double> x, Matrix<double> y, int minRows)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.RowCount != y.RowCount)
        {
            throw new InputException(
                $"{measure}: x has {x.RowCount} rows but y has {y.RowCount}; " +
                "expected the same task conditions (rows, in the same order) in both");
        }

        Single(measure, "x", x, minRows);
        Single(measure, "y", y, minRows);
    }

    /// <summary>Checks one representation <c>[rows, width]</c>: enough rows, every value finite.</summary>
    public static void Single(string measure, string name, Matrix<double> m, int minRows)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.RowCount < minRows)
        {
            throw new InputException(
                $"{measure}: {name} has {m.RowCount} row{(m.RowCount == 1 ? "" : "s")}; " +
                $"expected at least {minRows} (samples or task conditions)");
        }

        for (var i = 0; i < m.RowCount; i++)
        {
            for (var j = 0; j < m.ColumnCount; j++)
            {
                var v = m[i, j];
                if (!double.IsFinite(v))
                {
                    throw new InputException(
                        $"{measure}: {name} has {v.ToString(CultureInfo.InvariantCulture)} at row {i}, column {j}; expected finite values");
                }
            }
        }
    }

    /// <summary>
    /// Checks a pair and returns both with column means removed, shapes unchanged.
    /// Throws when either does not vary across rows.
    /// </summary>
    public static (Matrix<double> X, Matrix<double> Y) CentredPair(
        string measure, Matrix<double> x, Matrix<double> y, int minRows = 2)
    {
        Pair(measure, x, y, minRows);
        return (Centred(measure, "x", x), Centred(measure, "y", y));
    }

    /// <summary>
    /// <paramref name="m"/> <c>[rows, width]</c> minus its column means; throws when it has zero variance.
    /// </summary>
    public static Matrix<double> Centred(string measure, string name, Matrix<double> m)
    {
        var rows = m.RowCount;
        var mean = m.ColumnSums() / rows;
        var centred = Matrix<double>.Build.Dense(rows, m.ColumnCount, (i, j) => m[i, j] - mean[j]);

        if (MatrixNorms.Frobenius(centred) <= ZeroVarianceTolerance * MatrixNorms.Frobenius(m))
        {
            throw new InputException(
                $"{measure}: {name} has zero variance (its {rows} rows are all the same, up to rounding); " +
                "expected a representation that differs between conditions");
        }

        return centred;
    }

    /// <summary>
    /// For a centred <paramref name="m"/> <c>[rows, width]</c> wider than it is tall, an equivalent
    /// <c>[rows, rows]</c> matrix with the same row Gram matrix (<c>m mᵀ</c>), so the same Frobenius
    /// norm, the same singular values of <c>mᵀ y</c> for any <c>y</c>, and still centred. Otherwise
    /// <paramref name="m"/> itself. Keeps feature-space products at most <c>[rows, rows]</c>.
    /// </summary>
    public static Matrix<double> ReducedWidth(Matrix<double> m)
    {
        if (m.ColumnCount <= m.RowCount)
        {
            return m;
        }

        // mᵀ = Q R with orthonormal Q, so m mᵀ = Rᵀ R and mᵀ y = Q (R y).
        return m.Transpose().QR(QRMethod.Thin).R.Transpose();
    }

    /// <summary>Throws when a dissimilarity vector is constant, which leaves its correlation undefined.</summary>
    public static void VaryingRdm(string measure, string name, double[] rdm)
    {
        for (var k = 1; k < rdm.Length; k++)
        {
            if (rdm[k] != rdm[0])
            {
                return;
            }
        }

        throw new InputException(
            $"{measure}: every one of the {rdm.Length} dissimilarities of {name} equals {rdm[0].ToString(CultureInfo.InvariantCulture)}; " +
            "expected dissimilarities that vary, for a correlation to be defined");
    }

    /// <summary>Checks a user-given positive finite number.</summary>
    public static void Positive(string measure, string name, double value)
    {
        if (!(double.IsFinite(value) && value > 0))
        {
            throw new InputException($"{measure}: {name} is {value.ToString(CultureInfo.InvariantCulture)}; expected a finite number > 0");
        }
    }
}
