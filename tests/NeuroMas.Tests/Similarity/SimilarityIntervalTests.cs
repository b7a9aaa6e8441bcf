using NeuroMas.Similarity;
using NeuroMas.Statistics;
using static NeuroMas.Tests.Similarity.TestMatrices;

namespace NeuroMas.Tests.Similarity;

public class SimilarityIntervalTests
{
    private static readonly BootstrapOptions Fast = new() { Resamples = 400 };

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
