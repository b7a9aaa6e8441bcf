using MathNet.Numerics.LinearAlgebra;

namespace NeuroMas.Similarity;

/// <summary>
/// Orthogonal Procrustes distance (Williams et al. 2021, "Generalized shape metrics") between two
/// representations of the same conditions, after each is centred (column means removed) and
/// scaled to unit Frobenius norm: <c>Xn = Xc / ‖Xc‖_F</c>, likewise <c>Yn</c>. The narrower one is
/// zero-padded to the wider width so that the orthogonal map is square.
/// </summary>
/// <remarks>
/// Both forms are metrics, zero exactly when one representation is a rotation (or reflection),
/// isotropic scaling and translation of the other. Zero-padding does not change the singular
/// values of <c>Xnᵀ Yn</c> beyond adding zeros, so the nuclear norm below is that of the unpadded
/// product.
/// </remarks>
public static class Procrustes
{
    private const string Measure = "Procrustes";

    /// <summary>
    /// The Euclidean form <c>min_Q ‖Xn − Yn Q‖_F = √(2 − 2·‖Xnᵀ Yn‖_*)</c> over orthogonal <c>Q</c>,
    /// where <c>‖·‖_*</c> is the nuclear norm (sum of singular values).
    /// </summary>
    /// <param name="x">Representation <c>[rows, width_x]</c>, rows ≥ 2.</param>
    /// <param name="y">Representation <c>[rows, width_y]</c>, the same rows as <paramref name="x"/>.</param>
    /// <returns>
    /// A distance in [0, √2]. It is computed as the residual of the optimal alignment, not from the
    /// formula, so it stays accurate near 0 (the formula loses half the digits there).
    /// </returns>
    /// <exception cref="InputException">
    /// Row counts differ, fewer than 2 rows, a NaN or infinity, or either side has zero variance.
    /// </exception>
    public static double Distance(Matrix<double> x, Matrix<double> y)
    {
        var (xn, yn) = Normalised(x, y);
        // Yn Q ≈ Xn is solved by Q = U Vᵀ where Ynᵀ Xn = U S Vᵀ.
        var svd = yn.TransposeThisAndMultiply(xn).Svd(computeVectors: true);
        var rotation = svd.U * svd.VT;
        return MatrixNorms.Frobenius(xn - yn * rotation);
    }

    /// <summary>
    /// The angular form <c>arccos(‖Xnᵀ Yn‖_*)</c>: the angle between <c>Xn</c> and the best
    /// orthogonal alignment of <c>Yn</c> (the default metric of the netrep package).
    /// </summary>
    /// <param name="x">Representation <c>[rows, width_x]</c>, rows ≥ 2.</param>
    /// <param name="y">Representation <c>[rows, width_y]</c>, the same rows as <paramref name="x"/>.</param>
    /// <returns>An angle in radians, in [0, π/2].</returns>
    /// <exception cref="InputException">As <see cref="Distance"/>.</exception>
    public static double Angle(Matrix<double> x, Matrix<double> y)
    {
        // For unit-norm Xn and Yn Q, ‖Xn − Yn Q‖ = 2 sin(θ/2); this avoids arccos near 1.
        var chord = Distance(x, y);
        return 2 * Math.Asin(Math.Min(1, chord / 2));
    }

    /// <summary>Centred, width-reduced, unit-norm and zero-padded copies, both <c>[rows, width]</c>.</summary>
    private static (Matrix<double> X, Matrix<double> Y) Normalised(Matrix<double> x, Matrix<double> y)
    {
        var (xc, yc) = SimilarityInput.CentredPair(Measure, x, y);
        xc = SimilarityInput.ReducedWidth(xc);
        yc = SimilarityInput.ReducedWidth(yc);
        xc /= MatrixNorms.Frobenius(xc);
        yc /= MatrixNorms.Frobenius(yc);

        var width = Math.Max(xc.ColumnCount, yc.ColumnCount);
        return (Padded(xc, width), Padded(yc, width));
    }

    private static Matrix<double> Padded(Matrix<double> m, int width)
    {
        if (m.ColumnCount == width)
        {
            return m;
        }

        var padded = Matrix<double>.Build.Dense(m.RowCount, width);
        padded.SetSubMatrix(0, 0, m);
        return padded;
    }
}
