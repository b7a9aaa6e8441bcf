using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;
using NeuroMas.Similarity;
using NeuroMas.Statistics;
using static NeuroMas.Tests.Similarity.TestMatrices;

namespace NeuroMas.Tests.Similarity;

public class SimilarityIntervalTests
{
    private static readonly BootstrapOptions Fast = new() { Resamples = 400 };

    /// <summary>
    /// The RSA interval as it was computed before its resamples became weighted correlations over the original pairs:
    /// every resample lists the drawn rows' pairs (a row with its own copy left out) and correlates the lists.
    /// </summary>
    private static Interval ListedRsa(Matrix<double> x, Matrix<double> y, RdmMetric metric, RsaCorrelation correlation, BootstrapOptions options, int[]? groups)
    {
        var n = x.RowCount;
        var (rdmX, rdmY) = (Rsa.Rdm(x, metric), Rsa.Rdm(y, metric));
        var members = groups is null
            ? Enumerable.Range(0, n).Select(i => new[] { i }).ToArray()
            : Enumerable.Range(0, n).GroupBy(i => groups[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        int Condensed(int i, int j) => i * n - i * (i + 1) / 2 + (j - i - 1);
        double Score(int[] drawn)
        {
            var rows = drawn.SelectMany(g => members[g]).ToArray();
            var (a, b) = (new List<double>(), new List<double>());
            for (var i = 0; i < rows.Length; i++)
                for (var j = i + 1; j < rows.Length; j++)
                {
                    if (rows[i] == rows[j]) continue;
                    var k = Condensed(Math.Min(rows[i], rows[j]), Math.Max(rows[i], rows[j]));
                    a.Add(rdmX[k]);
                    b.Add(rdmY[k]);
                }
            if (a.Count < 3) return double.NaN;
            var r = correlation == RsaCorrelation.Spearman ? Correlation.Spearman(a, b) : Correlation.Pearson(a, b);
            return double.IsFinite(r) ? r : double.NaN;
        }
        return Bootstrap.Statistic(members.Length, Score, options);
    }

    /// <summary>The CKA interval as it was computed before: every resample's rows copied out and scored by <see cref="Cka.Linear"/>.</summary>
    private static Interval CopiedRowsCka(Matrix<double> x, Matrix<double> y, BootstrapOptions options, int[]? groups)
    {
        var n = x.RowCount;
        var members = groups is null
            ? Enumerable.Range(0, n).Select(i => new[] { i }).ToArray()
            : Enumerable.Range(0, n).GroupBy(i => groups[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        Matrix<double> Rows(Matrix<double> m, int[] rows) => Matrix<double>.Build.Dense(rows.Length, m.ColumnCount, (i, j) => m[rows[i], j]);
        return Bootstrap.Statistic(members.Length, drawn =>
        {
            var rows = drawn.SelectMany(g => members[g]).ToArray();
            try
            {
                return Cka.Linear(Rows(x, rows), Rows(y, rows));
            }
            catch (InputException)
            {
                return double.NaN;
            }
        }, options);
    }

    [TestCase(IntervalMethod.Percentile, false, 40)] // wider than it has rows
    [TestCase(IntervalMethod.Bca, true, 40)]
    [TestCase(IntervalMethod.Bca, false, 5)]
    public void CkaInterval_IsTheIntervalOfTheCopiedResamples(IntervalMethod method, bool grouped, int width)
    {
        var x = Gaussian(30, width, 31) + 3; // off-centre, so that centring at each resample's mean matters
        var y = x * Gaussian(width, 6, 32) + Gaussian(30, 6, 33);
        var groups = grouped ? Enumerable.Range(0, 30).Select(i => i / 2).ToArray() : null;
        var options = new BootstrapOptions { Resamples = 200, Method = method, Seed = 7 };
        var expected = CopiedRowsCka(x, y, options, groups);
        var actual = SimilarityInterval.Cka(x, y, options: options, groups: groups);
        Assert.That(actual.Value, Is.EqualTo(Cka.Linear(x, y)).Within(1e-12));
        Assert.That(actual.Low, Is.EqualTo(expected.Low).Within(1e-9));
        Assert.That(actual.High, Is.EqualTo(expected.High).Within(1e-9));
        Assert.That(actual.Low, Is.LessThan(actual.High));
    }

    [TestCase(RsaCorrelation.Spearman, IntervalMethod.Percentile, false)]
    [TestCase(RsaCorrelation.Spearman, IntervalMethod.Bca, true)]
    [TestCase(RsaCorrelation.Pearson, IntervalMethod.Bca, false)]
    public void RsaInterval_IsTheIntervalOfTheListedResamples(RsaCorrelation correlation, IntervalMethod method, bool grouped)
    {
        var x = Gaussian(36, 6, 21);
        // Rounded so that the RDMs have tied values, which Spearman's mid-ranks must treat as the listed lists do.
        var y = (x * Gaussian(6, 5, 22) + 0.7 * Gaussian(36, 5, 23)).Map(v => Math.Round(v, 1));
        var groups = grouped ? Enumerable.Range(0, 36).Select(i => i / 3).ToArray() : null;
        var options = new BootstrapOptions { Resamples = 200, Method = method, Seed = 5 };
        var expected = ListedRsa(x, y, RdmMetric.Euclidean, correlation, options, groups);
        var actual = SimilarityInterval.Rsa(x, y, RdmMetric.Euclidean, correlation, options, groups);
        Assert.That(Rsa.Rdm(y, RdmMetric.Euclidean).GroupBy(v => v).Any(g => g.Count() > 1), Is.True, "the check needs tied dissimilarities");
        Assert.That(actual.Low, Is.EqualTo(expected.Low).Within(1e-9));
        Assert.That(actual.High, Is.EqualTo(expected.High).Within(1e-9));
        Assert.That(actual.Low, Is.LessThan(actual.High));
    }

    [Test]
    public void CkaInterval_BracketsTheScore_AndShrinksWithMoreConditions()
    {
        var few = Gaussian(40, 6, 1);
        var many = Gaussian(400, 6, 1);
        var mixing = Gaussian(6, 6, 2);
        var small = SimilarityInterval.Cka(few, few * mixing + 2 * Gaussian(40, 6, 3), options: Fast);
        var large = SimilarityInterval.Cka(many, many * mixing + 2 * Gaussian(400, 6, 3), options: Fast);
        Assert.That(small.Value, Is.EqualTo(Cka.Linear(few, few * mixing + 2 * Gaussian(40, 6, 3))).Within(1e-12));
        Assert.That(small.Low, Is.LessThan(small.Value));
        Assert.That(small.High, Is.GreaterThan(small.Value));
        Assert.That(large.Width, Is.LessThan(0.6 * small.Width), "ten times the conditions: about a third of the width");
    }

    [Test]
    public void DebiasedCkaInterval_ContainsZero_ForIndependentData()
    {
        var (x, y) = (Gaussian(40, 300, 4), Gaussian(40, 300, 5));
        var interval = SimilarityInterval.Cka(x, y, debiased: true, options: Fast);
        Assert.That(interval.Value, Is.EqualTo(Cka.LinearDebiased(x, y)).Within(1e-9), "all multiplicities 1: the plain estimator");
        Assert.That(interval.Contains(0), Is.True, $"[{interval.Low}, {interval.High}]");
        Assert.That(interval.Width, Is.GreaterThan(0));
    }

    [Test]
    public void RsaInterval_BracketsTheScore_AndExcludesZeroForRelatedSystems()
    {
        var x = Gaussian(30, 10, 6);
        var y = x * Gaussian(10, 8, 7) + 0.5 * Gaussian(30, 8, 8);
        var interval = SimilarityInterval.Rsa(x, y, RdmMetric.Euclidean, RsaCorrelation.Spearman, Fast);
        Assert.That(interval.Value, Is.EqualTo(Rsa.Compare(x, y, RdmMetric.Euclidean, RsaCorrelation.Spearman)).Within(1e-12));
        Assert.That(interval.Low, Is.GreaterThan(0.2));
        Assert.That(interval.Low, Is.LessThan(interval.Value));
        Assert.That(interval.High, Is.GreaterThan(interval.Value).And.LessThanOrEqualTo(1));
    }

    [Test]
    public void Groups_AreResampledWhole_SoDuplicatedConditionsDoNotShrinkTheInterval()
    {
        var x = Gaussian(30, 5, 9);
        var y = x * Gaussian(5, 5, 10) + Gaussian(30, 5, 11);
        var doubledX = x.Stack(x);
        var doubledY = y.Stack(y);
        var condition = Enumerable.Range(0, 60).Select(i => i % 30).ToArray();
        var byRow = SimilarityInterval.Cka(x, y, options: Fast);
        var byCondition = SimilarityInterval.Cka(doubledX, doubledY, options: Fast, groups: condition);
        var byDoubledRow = SimilarityInterval.Cka(doubledX, doubledY, options: Fast);
        Assert.That(byCondition.Width, Is.EqualTo(byRow.Width).Within(0.25 * byRow.Width));
        Assert.That(byDoubledRow.Width, Is.LessThan(0.85 * byCondition.Width));
        var wrong = Assert.Throws<InputException>(() => SimilarityInterval.Cka(x, y, groups: [1, 2]));
        Assert.That(wrong!.Message, Does.Contain("groups has 2 entries but the representations have 30 rows"));
    }
}
