using MathNet.Numerics.LinearAlgebra;
using NeuroMas.Similarity;
using static NeuroMas.Tests.Similarity.TestMatrices;

namespace NeuroMas.Tests.Similarity;

public class DebiasedCkaTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Debiased_IsAboutZero_ForIndependentWideData_WhereLinearIsHigh(int seed)
    {
        var x = Gaussian(50, 1000, seed);
        var y = Gaussian(50, 1000, seed + 100);
        Assert.That(Cka.Linear(x, y), Is.GreaterThan(0.8), "linear CKA is biased up with few rows for the width");
        Assert.That(Math.Abs(Cka.LinearDebiased(x, y)), Is.LessThan(0.05));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Debiased_IsOne_ForRotatedScaledShiftedCopy(int seed)
    {
        var x = Gaussian(60, 20, seed);
        var y = Shifted(Scale(seed) * x * Orthogonal(20, seed + 10), seed + 20);
        Assert.That(Cka.LinearDebiased(x, y), Is.EqualTo(1.0).Within(1e-9));
        var wide = Gaussian(30, 200, seed);
        Assert.That(Cka.LinearDebiased(wide, wide * Orthogonal(200, seed + 5)), Is.EqualTo(1.0).Within(1e-9));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Debiased_MatchesSongsUnbiasedHsicOnGramMatrices(int seed)
    {
        // Reference: Song et al. (2012), eq. 5, on the raw (uncentred) linear kernels with zeroed diagonals.
        var x = Gaussian(25, 8, seed) + 3;
        var y = x * Gaussian(8, 5, seed + 1) + Gaussian(25, 5, seed + 2);
        double Hsic(Matrix<double> k, Matrix<double> l)
        {
            var n = k.RowCount;
            var (kt, lt) = (k - Matrix<double>.Build.DiagonalOfDiagonalVector(k.Diagonal()), l - Matrix<double>.Build.DiagonalOfDiagonalVector(l.Diagonal()));
            var one = Vector<double>.Build.Dense(n, 1);
            return ((kt * lt).Trace() + one * kt * one * (one * lt * one) / ((n - 1) * (n - 2)) - 2.0 / (n - 2) * (one * (kt * lt) * one)) / (n * (n - 3));
        }
        var (kx, ly) = (x * x.Transpose(), y * y.Transpose());
        var reference = Hsic(kx, ly) / Math.Sqrt(Hsic(kx, kx) * Hsic(ly, ly));
        Assert.That(reference, Is.InRange(0.1, 0.99), "a case that is neither trivial nor identical");
        Assert.That(Cka.LinearDebiased(x, y), Is.EqualTo(reference).Within(1e-9));
    }

    [Test]
    public void TooFewRows_AreRefused()
    {
        var ex = Assert.Throws<InputException>(() => Cka.LinearDebiased(Gaussian(3, 5, 1), Gaussian(3, 5, 2)));
        Assert.That(ex!.Message, Is.EqualTo("debiased CKA: x has 3 rows; expected at least 4 (samples or task conditions)"));
    }
}
