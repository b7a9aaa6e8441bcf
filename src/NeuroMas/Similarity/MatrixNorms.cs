using MathNet.Numerics.LinearAlgebra;

namespace NeuroMas.Similarity;

/// <summary>Norms computed directly from the entries.</summary>
internal static class MatrixNorms
{
    /// <summary>
    /// <c>√(Σ m_ij²)</c> in one pass. MathNet 5.0's <c>Matrix.FrobeniusNorm()</c> took about 3 s on a
    /// <c>[5000, 128]</c> dense matrix here (the generic version forms <c>m mᴴ</c>, a <c>[5000, 5000]</c>
    /// temporary), which made linear CKA on thousands of rows slow.
    /// </summary>
    public static double Frobenius(Matrix<double> m)
    {
        var sum = 0.0;
        foreach (var v in m.Enumerate())
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }
}
