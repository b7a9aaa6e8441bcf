using MathNet.Numerics.LinearAlgebra;
using NeuroMas.Similarity;
using static NeuroMas.Tests.Similarity.TestMatrices;

namespace NeuroMas.Tests.Similarity;

/// <summary>Every measure rejects the same bad input with a one-line message prefixed by its name.</summary>
public class InputCheckTests
{
    private static readonly string[] Measures = ["CKA", "CKA RBF", "RSA", "Procrustes"];

    [TestCaseSource(nameof(Measures))]
    public void Throws_ForDifferentRowCounts(string measure)
    {
        var error = Assert.Throws<InputException>(() => Run(measure, Gaussian(100, 5, 1), Gaussian(99, 7, 2)));

        Assert.That(error.Message, Does.StartWith($"{measure}: x has 100 rows but y has 99; expected the same task conditions"));
    }

    [TestCaseSource(nameof(Measures))]
    public void Throws_ForSingleRow(string measure)
    {
        var error = Assert.Throws<InputException>(() => Run(measure, Gaussian(1, 5, 1), Gaussian(1, 5, 2)));

        Assert.That(error.Message, Does.StartWith($"{measure}: x has 1 row; expected at least"));
    }

    [Test]
    public void Rsa_Throws_ForTwoRows()
    {
        var error = Assert.Throws<InputException>(() => Run("RSA", Gaussian(2, 5, 1), Gaussian(2, 5, 2)));

        Assert.That(error.Message, Does.StartWith("RSA: x has 2 rows; expected at least 3"));
    }

    [TestCaseSource(nameof(NonFiniteCases))]
    public void Throws_ForNonFiniteValue(string measure, double value)
    {
        var y = Gaussian(20, 5, 2);
        y[3, 2] = value;

        var error = Assert.Throws<InputException>(() => Run(measure, Gaussian(20, 5, 1), y));
        Assert.That(error.Message, Does.StartWith($"{measure}: y has ").And.Contains("at row 3, column 2; expected finite values"));
    }

    [TestCaseSource(nameof(Measures))]
    public void Throws_ForZeroVariance(string measure)
    {
        var row = Gaussian(1, 6, 2).Row(0);
        var constant = Matrix<double>.Build.DenseOfRowVectors(Enumerable.Repeat(row, 30));

        var error = Assert.Throws<InputException>(() => Run(measure, Gaussian(30, 4, 1), constant));
        Assert.That(error.Message, Does.StartWith($"{measure}: y has zero variance (its 30 rows are all the same, up to rounding)"));
    }

    [Test]
    public void Throws_ForZeroVariance_WithManyRowsOfAnInexactConstant()
    {
        // 0.1 is not a binary fraction: the column mean is off by rounding, so centring leaves tiny
        // non-zero values that the check must still count as no variance.
        var constant = Matrix<double>.Build.Dense(5000, 3, (_, j) => 0.1 * (j + 1));

        var error = Assert.Throws<InputException>(() => Cka.Linear(Gaussian(5000, 3, 1), constant));
        Assert.That(error.Message, Does.StartWith("CKA: y has zero variance"));
    }

    private static IEnumerable<TestCaseData> NonFiniteCases() =>
        Measures.SelectMany(m => new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity }
            .Select(v => new TestCaseData(m, v)));

    private static double Run(string measure, Matrix<double> x, Matrix<double> y) => measure switch
    {
        "CKA" => Cka.Linear(x, y),
        "CKA RBF" => Cka.Rbf(x, y),
        "RSA" => Rsa.Compare(x, y, RdmMetric.Euclidean, RsaCorrelation.Spearman),
        "Procrustes" => Procrustes.Distance(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "no such measure in this test"),
    };
}
