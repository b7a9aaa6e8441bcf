using MathNet.Numerics.LinearAlgebra;
using NeuroMas.Similarity;
using static NeuroMas.Tests.Similarity.TestMatrices;

namespace NeuroMas.Tests.Similarity;

public class CkaTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Linear_IsOne_ForRotatedScaledCopy(int seed)
    {
        var x = Gaussian(200, 20, seed);
        var y = Scale(seed) * x * Orthogonal(20, seed + 10);

        Assert.That(Cka.Linear(x, y), Is.EqualTo(1.0).Within(1e-9));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Linear_IsOne_ForShiftedCopy(int seed)
    {
        var x = Gaussian(150, 12, seed);

        Assert.That(Cka.Linear(x, Shifted(x, seed + 10)), Is.EqualTo(1.0).Within(1e-9));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Linear_IsOne_ForCopyEmbeddedInWiderSpace(int seed)
    {
        var x = Gaussian(100, 10, seed);
        var y = x * Isometry(10, 35, seed + 10);

        Assert.That(Cka.Linear(x, y), Is.EqualTo(1.0).Within(1e-9));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Linear_IsSymmetric(int seed)
    {
        var x = Gaussian(100, 10, seed);
        var y = x * Gaussian(10, 6, seed + 10) + 2 * Gaussian(100, 6, seed + 20);

        var forward = Cka.Linear(x, y);
        Assert.That(forward, Is.InRange(0.05, 0.95), "the case should be neither trivial nor identical");
        Assert.That(Cka.Linear(y, x), Is.EqualTo(forward).Within(1e-12));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Linear_IsLow_ForIndependentNoise(int seed)
    {
        var x = Gaussian(500, 20, seed);
        var noise = Gaussian(500, 20, seed + 10);

        Assert.That(Cka.Linear(x, noise), Is.LessThan(0.2));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Linear_IsBelowOne_ForIllConditionedLinearMap(int seed)
    {
        var x = Gaussian(300, 20, seed);
        var y = x * IllConditioned(20, seed + 10);

        Assert.That(Cka.Linear(x, y), Is.LessThan(1 - 1e-3));
    }

    [TestCase(12, 5, 7, 1)]
    [TestCase(30, 3, 3, 2)]
    public void Linear_MatchesGramHsic_OnSmallCase(int rows, int widthX, int widthY, int seed)
    {
        var x = Shifted(Gaussian(rows, widthX, seed), seed + 1, size: 3);
        var y = x * Gaussian(widthX, widthY, seed + 2) + Gaussian(rows, widthY, seed + 3);

        Assert.That(Cka.Linear(x, y), Is.EqualTo(GramCka(x, y)).Within(1e-12));
    }

    [TestCase(8, 30, 15, 1)]
    [TestCase(10, 4, 40, 2)]
    public void Linear_MatchesGramHsic_WhenWiderThanRows(int rows, int widthX, int widthY, int seed)
    {
        var x = Gaussian(rows, widthX, seed);
        var y = Gaussian(rows, widthY, seed + 1);

        Assert.That(Cka.Linear(x, y), Is.EqualTo(GramCka(x, y)).Within(1e-12));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Rbf_IsOne_ForRotatedScaledShiftedCopy(int seed)
    {
        var x = Gaussian(80, 10, seed);
        var y = Shifted(Scale(seed) * x * Orthogonal(10, seed + 10), seed + 20);

        Assert.That(Cka.Rbf(x, y), Is.EqualTo(1.0).Within(1e-9));
    }

    [TestCase(0.5, 1)]
    [TestCase(2.0, 2)]
    public void Rbf_MatchesNaiveKernelComputation(double sigmaFraction, int seed)
    {
        var x = Gaussian(12, 4, seed);
        var y = x * Gaussian(4, 6, seed + 1) + Gaussian(12, 6, seed + 2);

        Assert.That(Cka.Rbf(x, y, sigmaFraction), Is.EqualTo(NaiveRbfCka(x, y, sigmaFraction)).Within(1e-12));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Rbf_ApproachesLinear_ForWideKernel(int seed)
    {
        // exp(−d²/2σ²) ≈ 1 − d²/2σ², and the centred −d²/2 kernel is the linear Gram matrix.
        var x = Gaussian(100, 8, seed);
        var y = x * IllConditioned(8, seed + 10) + Gaussian(100, 8, seed + 20);
        var linear = Cka.Linear(x, y);
        Assert.That(linear, Is.InRange(0.05, 0.95), "the case should be neither trivial nor identical");

        Assert.That(Cka.Rbf(x, y, sigmaFraction: 1000), Is.EqualTo(linear).Within(1e-5));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Rbf_Throws_ForNonPositiveSigmaFraction(double sigmaFraction)
    {
        var x = Gaussian(10, 3, 1);

        var error = Assert.Throws<InputException>(() => Cka.Rbf(x, x, sigmaFraction));
        Assert.That(error.Message, Does.StartWith("CKA RBF: sigmaFraction is").And.Contains("expected a finite number > 0"));
    }

    [Test]
    public void Rbf_Throws_WhenMostRowsAreIdentical()
    {
        // 8 of 10 rows equal: 28 of the 45 row pairs are at distance 0, so the median is 0.
        var x = Matrix<double>.Build.Dense(10, 3, (i, j) => i < 8 ? 1.0 : i + j);
        var y = Gaussian(10, 3, 1);

        var error = Assert.Throws<InputException>(() => Cka.Rbf(x, y));
        Assert.That(error.Message, Does.StartWith("CKA RBF: x has a median pairwise distance of 0"));
    }

    /// <summary>HSIC(K, L) / √(HSIC(K, K) HSIC(L, L)) with K = X Xᵀ, L = Y Yᵀ and H = I − 11ᵀ/n, as written.</summary>
    private static double GramCka(Matrix<double> x, Matrix<double> y) =>
        KernelCka(x * x.Transpose(), y * y.Transpose());

    private static double KernelCka(Matrix<double> k, Matrix<double> l)
    {
        var n = k.RowCount;
        var h = Matrix<double>.Build.DenseIdentity(n) - Matrix<double>.Build.Dense(n, n, 1.0 / n);
        double Hsic(Matrix<double> a, Matrix<double> b) => (a * h * b * h).Trace() / ((n - 1.0) * (n - 1.0));
        return Hsic(k, l) / Math.Sqrt(Hsic(k, k) * Hsic(l, l));
    }

    private static double NaiveRbfCka(Matrix<double> x, Matrix<double> y, double sigmaFraction) =>
        KernelCka(NaiveRbfKernel(x, sigmaFraction), NaiveRbfKernel(y, sigmaFraction));

    private static Matrix<double> NaiveRbfKernel(Matrix<double> m, double sigmaFraction)
    {
        var n = m.RowCount;
        var distances = new List<double>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distances.Add((m.Row(i) - m.Row(j)).L2Norm());
            }
        }

        distances.Sort();
        var half = distances.Count / 2;
        var median = distances.Count % 2 == 1 ? distances[half] : (distances[half - 1] + distances[half]) / 2;
        var sigma = sigmaFraction * median;
        return Matrix<double>.Build.Dense(n, n, (i, j) =>
        {
            var d = (m.Row(i) - m.Row(j)).L2Norm();
            return Math.Exp(-d * d / (2 * sigma * sigma));
        });
    }
}
