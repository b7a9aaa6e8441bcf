using MathNet.Numerics.LinearAlgebra;
using NeuroMas.Similarity;
using static NeuroMas.Tests.Similarity.TestMatrices;

namespace NeuroMas.Tests.Similarity;

public class RsaTests
{
    // Rows a = (1, 0), b = (0, 2), c = (1, 1), d = (3, 0); pairs in the order ab ac ad bc bd cd.
    private static readonly Matrix<double> FourPoints =
        Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 2 }, { 1, 1 }, { 3, 0 } });

    [Test]
    public void Rdm_CosineDistance_MatchesHandValues_InCondensedOrder()
    {
        var diagonal = 1 - 1 / Math.Sqrt(2);

        Assert.That(Rsa.Rdm(FourPoints, RdmMetric.CosineDistance),
            Is.EqualTo(new[] { 1, diagonal, 0, diagonal, 1, diagonal }).Within(1e-15));
    }

    [Test]
    public void Rdm_Euclidean_MatchesHandValues_InCondensedOrder()
    {
        Assert.That(Rsa.Rdm(FourPoints, RdmMetric.Euclidean),
            Is.EqualTo(new[] { Math.Sqrt(5), 1, 2, Math.Sqrt(2), Math.Sqrt(13), Math.Sqrt(5) }).Within(1e-15));
    }

    [TestCase(RdmMetric.CosineDistance, RsaCorrelation.Pearson, 1)]
    [TestCase(RdmMetric.CosineDistance, RsaCorrelation.Pearson, 2)]
    [TestCase(RdmMetric.CosineDistance, RsaCorrelation.Spearman, 1)]
    [TestCase(RdmMetric.CosineDistance, RsaCorrelation.Spearman, 2)]
    [TestCase(RdmMetric.Euclidean, RsaCorrelation.Pearson, 3)]
    [TestCase(RdmMetric.Euclidean, RsaCorrelation.Spearman, 3)]
    public void Compare_IsOne_ForRotatedScaledCopy(RdmMetric metric, RsaCorrelation correlation, int seed)
    {
        var x = Gaussian(40, 10, seed);
        var y = Scale(seed) * x * Orthogonal(10, seed + 10);

        Assert.That(Rsa.Compare(x, y, metric, correlation), Is.EqualTo(1.0).Within(1e-9));
    }

    [TestCase(RsaCorrelation.Pearson)]
    [TestCase(RsaCorrelation.Spearman)]
    public void Compare_EuclideanRdm_IsOne_ForShiftedCopy(RsaCorrelation correlation)
    {
        var x = Gaussian(40, 10, 1);

        Assert.That(Rsa.Compare(x, Shifted(x, 2), RdmMetric.Euclidean, correlation), Is.EqualTo(1.0).Within(1e-9));
    }

    [Test]
    public void Compare_CosineRdm_IsBelowOne_ForShiftedCopy()
    {
        // Cosine distances are taken between raw rows, so a common offset changes the angles.
        var x = Gaussian(40, 10, 1);

        Assert.That(Rsa.Compare(x, Shifted(x, 2, size: 1), RdmMetric.CosineDistance, RsaCorrelation.Pearson),
            Is.LessThan(1 - 1e-3));
    }

    [Test]
    public void Compare_Spearman_UsesAverageRanksForTies()
    {
        // Points on a line with integer positions: many equal distances in both RDMs.
        double[] positionsX = [0, 1, 2, 3, 4, 6];
        double[] positionsY = [0, 2, 3, 5, 6, 7];
        var x = Matrix<double>.Build.DenseOfColumnArrays(positionsX);
        var y = Matrix<double>.Build.DenseOfColumnArrays(positionsY);
        var rdmX = LineDistances(positionsX);
        var rdmY = LineDistances(positionsY);
        var expected = Pearson(AverageRanks(rdmX), AverageRanks(rdmY));
        Assert.That(Pearson(OrdinalRanks(rdmX), OrdinalRanks(rdmY)), Is.Not.EqualTo(expected).Within(1e-3),
            "the case should tell average ranks from arbitrary tie-breaking");

        Assert.That(Rsa.Compare(x, y, RdmMetric.Euclidean, RsaCorrelation.Spearman), Is.EqualTo(expected).Within(1e-12));
    }

    [TestCase(RdmMetric.CosineDistance, RsaCorrelation.Pearson, 1)]
    [TestCase(RdmMetric.CosineDistance, RsaCorrelation.Spearman, 2)]
    [TestCase(RdmMetric.Euclidean, RsaCorrelation.Pearson, 3)]
    [TestCase(RdmMetric.Euclidean, RsaCorrelation.Spearman, 4)]
    public void Compare_IsNearZero_ForUnrelatedData(RdmMetric metric, RsaCorrelation correlation, int seed)
    {
        var x = Gaussian(60, 10, seed);
        var y = Gaussian(60, 10, seed + 10);

        Assert.That(Math.Abs(Rsa.Compare(x, y, metric, correlation)), Is.LessThan(0.2));
    }

    [Test]
    public void Compare_MatchesPearsonOfRdms()
    {
        var x = Gaussian(15, 4, 1);
        var y = x * Gaussian(4, 3, 2) + Gaussian(15, 3, 3);
        var expected = Pearson(Rsa.Rdm(x, RdmMetric.Euclidean), Rsa.Rdm(y, RdmMetric.Euclidean));

        Assert.That(Rsa.Compare(x, y, RdmMetric.Euclidean, RsaCorrelation.Pearson), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Rdm_Throws_ForZeroRowUnderCosine()
    {
        var x = Gaussian(5, 3, 1);
        x.ClearRow(3);

        var error = Assert.Throws<InputException>(() => Rsa.Rdm(x, RdmMetric.CosineDistance));
        Assert.That(error.Message, Does.StartWith("RSA: x row 3 is all zeros"));
    }

    [Test]
    public void Compare_Throws_ForConstantRdm()
    {
        // The corners of a simplex are all √2 apart.
        var x = Matrix<double>.Build.DenseIdentity(3);
        var y = Gaussian(3, 2, 1);

        var error = Assert.Throws<InputException>(
            () => Rsa.Compare(x, y, RdmMetric.Euclidean, RsaCorrelation.Pearson));
        Assert.That(error.Message, Does.StartWith("RSA: every one of the 3 dissimilarities of x equals"));
    }

    private static double[] LineDistances(double[] positions)
    {
        var distances = new List<double>();
        for (var i = 0; i < positions.Length; i++)
        {
            for (var j = i + 1; j < positions.Length; j++)
            {
                distances.Add(Math.Abs(positions[i] - positions[j]));
            }
        }

        return [.. distances];
    }

    /// <summary>1-based ranks; tied values share the mean of the ranks they span.</summary>
    private static double[] AverageRanks(double[] values) =>
        values.Select(v => values.Count(u => u < v) + (values.Count(u => u == v) + 1) / 2.0).ToArray();

    /// <summary>1-based ranks with ties broken by position.</summary>
    private static double[] OrdinalRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        var meanA = a.Average();
        var meanB = b.Average();
        var cov = a.Zip(b, (u, v) => (u - meanA) * (v - meanB)).Sum();
        var varA = a.Sum(u => (u - meanA) * (u - meanA));
        var varB = b.Sum(v => (v - meanB) * (v - meanB));
        return cov / Math.Sqrt(varA * varB);
    }
}
