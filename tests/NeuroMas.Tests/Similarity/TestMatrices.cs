using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace NeuroMas.Tests.Similarity;

/// <summary>Seeded random representations and transforms for the similarity tests.</summary>
internal static class TestMatrices
{
    /// <summary>Standard normal entries, <c>[rows, columns]</c>.</summary>
    public static Matrix<double> Gaussian(int rows, int columns, int seed) =>
        Matrix<double>.Build.Random(rows, columns, new Normal(0, 1, new Random(seed)));

    /// <summary>A random orthogonal matrix <c>[width, width]</c> (QR of a Gaussian matrix).</summary>
    public static Matrix<double> Orthogonal(int width, int seed) => Gaussian(width, width, seed).QR().Q;

    /// <summary>A map <c>[width, wider]</c> with orthonormal rows: <c>x·P</c> embeds x isometrically in more units.</summary>
    public static Matrix<double> Isometry(int width, int wider, int seed) =>
        Gaussian(wider, width, seed).QR(QRMethod.Thin).Q.Transpose();

    /// <summary>An invertible <c>[width, width]</c> map with singular values spread from 1 down to 1e-3.</summary>
    public static Matrix<double> IllConditioned(int width, int seed)
    {
        var singular = Matrix<double>.Build.DenseOfDiagonalArray(
            Enumerable.Range(0, width).Select(k => Math.Pow(10, -3.0 * k / (width - 1))).ToArray());
        return Orthogonal(width, seed) * singular * Orthogonal(width, seed + 1000);
    }

    /// <summary><paramref name="m"/> with the same random offset (entries up to ±<paramref name="size"/>) added to every row.</summary>
    public static Matrix<double> Shifted(Matrix<double> m, int seed, double size = 50)
    {
        var offset = Gaussian(1, m.ColumnCount, seed) * size;
        return m + Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (_, j) => offset[0, j]);
    }

    /// <summary>A scale factor in [0.1, 10), drawn from <paramref name="seed"/>.</summary>
    public static double Scale(int seed) => 0.1 + 9.9 * new Random(seed).NextDouble();
}
