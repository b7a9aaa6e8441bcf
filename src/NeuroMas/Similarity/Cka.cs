using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace NeuroMas.Similarity;

/// <summary>
/// Centred kernel alignment (Kornblith et al. 2019) between two representations of the same
/// conditions: <c>HSIC(K, L) / √(HSIC(K, K) · HSIC(L, L))</c> with centred Gram matrices
/// <c>K</c> of <c>x</c> and <c>L</c> of <c>y</c>. The result lies in [0, 1].
/// </summary>
/// <remarks>
/// Rows are samples or task conditions and must correspond one to one between <c>x</c> and
/// <c>y</c>; widths may differ. Both are centred here, so a constant offset does not matter.
/// </remarks>
public static partial class Cka
{
    /// <summary>
    /// Linear CKA: invariant to orthogonal transforms and isotropic scaling of either side
    /// (<c>Linear(x, c·x·Q) = 1</c>), not to general invertible linear maps.
    /// </summary>
    /// <remarks>
    /// With few rows for the width, unrelated data already score high (independent Gaussian
    /// <c>[200, 4096]</c> and <c>[200, 512]</c>: about 0.83), so read a score against a shuffled or
    /// independent baseline of the same shape.
    /// </remarks>
    /// <param name="x">Representation <c>[rows, width_x]</c>, rows ≥ 2.</param>
    /// <param name="y">Representation <c>[rows, width_y]</c>, the same rows as <paramref name="x"/>.</param>
    /// <returns>
    /// <c>‖Ycᵀ Xc‖²_F / (‖Xcᵀ Xc‖_F · ‖Ycᵀ Yc‖_F)</c>, equal to the Gram-matrix form. Costs
    /// <c>O(rows · width²)</c> time and <c>O(width²)</c> memory (widths above the row count are
    /// first reduced to the row count), so thousands of rows are fine.
    /// </returns>
    /// <exception cref="InputException">
    /// Row counts differ, fewer than 2 rows, a NaN or infinity, or either side has zero variance.
    /// </exception>
    public static double Linear(Matrix<double> x, Matrix<double> y)
    {
        var (xc, yc) = SimilarityInput.CentredPair("CKA", x, y);
        xc = SimilarityInput.ReducedWidth(xc);
        yc = SimilarityInput.ReducedWidth(yc);

        var crossNorm = MatrixNorms.Frobenius(yc.TransposeThisAndMultiply(xc));
        var selfX = MatrixNorms.Frobenius(xc.TransposeThisAndMultiply(xc));
        var selfY = MatrixNorms.Frobenius(yc.TransposeThisAndMultiply(yc));
        // The 1/(rows − 1)² HSIC factors cancel; dividing in two steps avoids overflow of the square.
        return crossNorm / selfX * (crossNorm / selfY);
    }

    /// <summary>
    /// CKA with Gaussian (RBF) kernels <c>K_ij = exp(−‖x_i − x_j‖² / (2σ²))</c>, where for each side
    /// <c>σ = sigmaFraction × median distance</c> over its distinct row pairs <c>i &lt; j</c>.
    /// Invariant to rotation, translation and isotropic scaling of either side.
    /// </summary>
    /// <param name="x">Representation <c>[rows, width_x]</c>, rows ≥ 2.</param>
    /// <param name="y">Representation <c>[rows, width_y]</c>, the same rows as <paramref name="x"/>.</param>
    /// <param name="sigmaFraction">
    /// Kernel width as a fraction of the median pairwise distance; 0.5 by default. (Kornblith et
    /// al. take the median of squared distances including the zero diagonal, so their σ for the
    /// same fraction is slightly smaller.)
    /// </param>
    /// <returns>
    /// The kernel CKA in [0, 1]. Builds two <c>[rows, rows]</c> kernels: <c>O(rows²)</c> memory.
    /// Narrow kernels tend towards the identity and push CKA towards 1 for any data (independent
    /// <c>[300, 20]</c> Gaussians score about 0.35 at the default 0.5, 0.11 at 1.0); very wide
    /// kernels recover <see cref="Linear"/>.
    /// </returns>
    /// <exception cref="InputException">
    /// As <see cref="Linear"/>; also a non-positive <paramref name="sigmaFraction"/>, or a median
    /// pairwise distance of 0 (more than half the row pairs identical).
    /// </exception>
    public static double Rbf(Matrix<double> x, Matrix<double> y, double sigmaFraction = 0.5)
    {
        const string Measure = "CKA RBF";
        SimilarityInput.Positive(Measure, nameof(sigmaFraction), sigmaFraction);
        var (xc, yc) = SimilarityInput.CentredPair(Measure, x, y);

        var k = CentredRbfKernel(Measure, "x", xc, sigmaFraction);
        var l = CentredRbfKernel(Measure, "y", yc, sigmaFraction);
        return Inner(k, l) / Math.Sqrt(Inner(k, k) * Inner(l, l));
    }

    /// <summary>The doubly centred kernel <c>H K H</c> of <paramref name="m"/> <c>[rows, width]</c>, flat row-major <c>[rows·rows]</c>.</summary>
    private static double[] CentredRbfKernel(string measure, string name, Matrix<double> m, double sigmaFraction)
    {
        var n = m.RowCount;
        var rows = m.ToRowArrays();
        var squared = new double[n * n];
        var distances = new double[n * (n - 1) / 2];
        var pair = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var d2 = SquaredDistance(rows[i], rows[j]);
                squared[i * n + j] = d2;
                squared[j * n + i] = d2;
                distances[pair++] = Math.Sqrt(d2);
            }
        }

        var median = ArrayStatistics.MedianInplace(distances);
        if (median <= 0)
        {
            throw new InputException(
                $"{measure}: {name} has a median pairwise distance of 0 (most of its {n} rows are identical); " +
                "expected distinct rows to set the kernel width");
        }

        var sigma = sigmaFraction * median;
        var scale = -1 / (2 * sigma * sigma);
        var kernel = new double[n * n];
        for (var p = 0; p < kernel.Length; p++)
        {
            kernel[p] = Math.Exp(scale * squared[p]);
        }

        // H K H = K − row means − column means + grand mean; K is symmetric so row means suffice.
        var rowMean = new double[n];
        var grand = 0.0;
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += kernel[i * n + j];
            }

            rowMean[i] = sum / n;
            grand += rowMean[i];
        }

        grand /= n;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                kernel[i * n + j] += grand - rowMean[i] - rowMean[j];
            }
        }

        return kernel;
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = a[k] - b[k];
            sum += d * d;
        }

        return sum;
    }

    private static double Inner(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var p = 0; p < a.Length; p++)
        {
            sum += a[p] * b[p];
        }

        return sum;
    }
}
