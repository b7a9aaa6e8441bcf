using MathNet.Numerics.LinearAlgebra;
using NeuroMas.Similarity;
using static NeuroMas.Tests.Similarity.TestMatrices;

namespace NeuroMas.Tests.Similarity;

public class ProcrustesTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Distance_IsZero_ForRotatedScaledShiftedCopy(int seed)
    {
        var x = Gaussian(100, 12, seed);
        var y = Shifted(Scale(seed) * x * Orthogonal(12, seed + 10), seed + 20);

        Assert.That(Procrustes.Distance(x, y), Is.EqualTo(0.0).Within(1e-10));
        Assert.That(Procrustes.Angle(x, y), Is.EqualTo(0.0).Within(1e-10));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Distance_IsZero_ForCopyEmbeddedInWiderSpace(int seed)
    {
        var x = Gaussian(60, 8, seed);
        var y = x * Isometry(8, 20, seed + 10);

        Assert.That(Procrustes.Distance(x, y), Is.EqualTo(0.0).Within(1e-10));
        Assert.That(Procrustes.Distance(y, x), Is.EqualTo(0.0).Within(1e-10));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Distance_IsZero_ForRotatedCopyWiderThanRows(int seed)
    {
        var x = Gaussian(10, 30, seed);
        var y = x * Orthogonal(30, seed + 10);

        Assert.That(Procrustes.Distance(x, y), Is.EqualTo(0.0).Within(1e-10));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Distance_IsLarge_ForIndependentData(int seed)
    {
        var x = Gaussian(200, 10, seed);
        var y = Gaussian(200, 10, seed + 10);

        Assert.That(Procrustes.Distance(x, y), Is.GreaterThan(1.0));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Distance_IsPositive_ForIllConditionedLinearMap(int seed)
    {
        var x = Gaussian(300, 20, seed);
        var y = x * IllConditioned(20, seed + 10);

        Assert.That(Procrustes.Distance(x, y), Is.GreaterThan(0.1));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Distance_IsSymmetric(int seed)
    {
        var x = Gaussian(50, 6, seed);
        var y = x * Gaussian(6, 9, seed + 10) + Gaussian(50, 9, seed + 20);

        Assert.That(Procrustes.Distance(y, x), Is.EqualTo(Procrustes.Distance(x, y)).Within(1e-12));
    }

    [TestCase(12, 5, 7, 1)]
    [TestCase(20, 20, 3, 2)]
    [TestCase(8, 30, 15, 3)]
    public void Distance_And_Angle_MatchNuclearNormFormulas(int rows, int widthX, int widthY, int seed)
    {
        var x = Shifted(Gaussian(rows, widthX, seed), seed + 1, size: 3);
        var y = Gaussian(rows, widthY, seed + 2);
        y.SetSubMatrix(0, 0, x.SubMatrix(0, rows, 0, Math.Min(widthX, widthY)));
        y += Gaussian(rows, widthY, seed + 3);
        var nuclear = NaiveNuclearNorm(x, y);
        Assert.That(nuclear, Is.InRange(0.05, 0.99), "the case should be neither trivial nor identical");

        Assert.That(Procrustes.Distance(x, y), Is.EqualTo(Math.Sqrt(2 - 2 * nuclear)).Within(1e-10));
        Assert.That(Procrustes.Angle(x, y), Is.EqualTo(Math.Acos(nuclear)).Within(1e-10));
    }

    /// <summary>‖Xnᵀ Yn‖_* with centring, unit Frobenius norm and zero-padding done as written.</summary>
    private static double NaiveNuclearNorm(Matrix<double> x, Matrix<double> y)
    {
        var width = Math.Max(x.ColumnCount, y.ColumnCount);
        var xn = PaddedUnit(x, width);
        var yn = PaddedUnit(y, width);
        return (xn.Transpose() * yn).Svd(computeVectors: false).S.Sum();
    }

    private static Matrix<double> PaddedUnit(Matrix<double> m, int width)
    {
        var n = m.RowCount;
        var centring = Matrix<double>.Build.DenseIdentity(n) - Matrix<double>.Build.Dense(n, n, 1.0 / n);
        var centred = centring * m;
        var padded = Matrix<double>.Build.Dense(n, width);
        padded.SetSubMatrix(0, 0, centred / centred.FrobeniusNorm());
        return padded;
    }
}
