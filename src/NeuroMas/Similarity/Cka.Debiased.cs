using MathNet.Numerics.LinearAlgebra;

namespace NeuroMas.Similarity;

public static partial class Cka
{
    /// <summary>
    /// Debiased linear CKA: <see cref="Linear"/> with every HSIC replaced by its unbiased estimator (Song et al.
    /// 2012, as Kornblith et al. 2019 and Nguyen et al. 2021 use), so independent representations score about 0
    /// even with few rows for their width, where linear CKA is high (independent Gaussian <c>[50, 1000]</c>: linear
    /// about 0.95, debiased about 0). Can be slightly negative; 1 for a rotated, scaled or shifted copy.
    /// </summary>
    /// <param name="x">Representation <c>[rows, width_x]</c>, rows ≥ 4 (the estimator divides by n − 3).</param>
    /// <param name="y">Representation <c>[rows, width_y]</c>, the same rows as <paramref name="x"/>.</param>
    /// <returns>
    /// <c>HSIC_u(K, L) / √(HSIC_u(K, K) · HSIC_u(L, L))</c> with linear kernels of the centred data, computed in
    /// feature space (Kornblith et al.'s form): <c>O(rows · width²)</c> time, widths above the row count first
    /// reduced to it, as in <see cref="Linear"/>.
    /// </returns>
    /// <exception cref="InputException">As <see cref="Linear"/>, fewer than 4 rows, or a side whose unbiased
    /// self-similarity is not positive (its rows too nearly alike for the estimator).</exception>
    public static double LinearDebiased(Matrix<double> x, Matrix<double> y)
    {
        const string Measure = "debiased CKA";
        var (xc, yc) = SimilarityInput.CentredPair(Measure, x, y, minRows: 4);
        xc = SimilarityInput.ReducedWidth(xc); // keeps x xᵀ, hence every row's squared norm
        yc = SimilarityInput.ReducedWidth(yc);
        var n = xc.RowCount;
        var rowsX = RowSquaredNorms(xc);
        var rowsY = RowSquaredNorms(yc);

        var cross = Unbiased(Math.Pow(MatrixNorms.Frobenius(yc.TransposeThisAndMultiply(xc)), 2), rowsX, rowsY, n);
        var selfX = Unbiased(Math.Pow(MatrixNorms.Frobenius(xc.TransposeThisAndMultiply(xc)), 2), rowsX, rowsX, n);
        var selfY = Unbiased(Math.Pow(MatrixNorms.Frobenius(yc.TransposeThisAndMultiply(yc)), 2), rowsY, rowsY, n);
        if (!(selfX > 0) || !(selfY > 0))
        {
            throw new InputException(
                $"{Measure}: the unbiased self-similarity of {(selfX > 0 ? "y" : "x")} is not positive over {n} rows: " +
                "expected a representation that varies across more rows");
        }

        return cross / Math.Sqrt(selfX) / Math.Sqrt(selfY);
    }

    /// <summary>
    /// <c>n(n − 3) · HSIC_u</c> of two centred linear kernels from <c>tr(K L)</c> and the rows' squared norms (the
    /// kernels' diagonals): <c>tr(K L) − n/(n − 2) · diag(K)·diag(L) + tr(K) tr(L) / ((n − 1)(n − 2))</c>; the
    /// common factor cancels in the ratio.
    /// </summary>
    private static double Unbiased(double traceKl, double[] diagK, double[] diagL, int n)
    {
        double dot = 0, traceK = 0, traceL = 0;
        for (var i = 0; i < n; i++)
        {
            dot += diagK[i] * diagL[i];
            traceK += diagK[i];
            traceL += diagL[i];
        }

        return traceKl - n / (n - 2.0) * dot + traceK * traceL / ((n - 1.0) * (n - 2.0));
    }

    private static double[] RowSquaredNorms(Matrix<double> m)
    {
        var norms = new double[m.RowCount];
        for (var i = 0; i < m.RowCount; i++)
        {
            for (var j = 0; j < m.ColumnCount; j++)
            {
                norms[i] += m[i, j] * m[i, j];
            }
        }

        return norms;
    }
}
