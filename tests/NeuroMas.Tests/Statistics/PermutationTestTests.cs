using NeuroMas.Statistics;

namespace NeuroMas.Tests.Statistics;

public class PermutationTestTests
{
    [Test]
    public void PValue_CountsNullsReachingTheObserved_PlusOne()
    {
        var nulls = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var result = PermutationTest.PValue(95, nulls);
        Assert.That(result.PValue, Is.EqualTo(6 / 101.0).Within(1e-15), "95, 96, 97, 98, 99 reach it");
        Assert.That(result.Permutations, Is.EqualTo(100));
        Assert.That(PermutationTest.PValue(1000, nulls).PValue, Is.EqualTo(1 / 101.0).Within(1e-15), "never 0");
        Assert.That(PermutationTest.PValue(-1, nulls).PValue, Is.EqualTo(1.0));
    }

    [Test]
    public void PValue_IsValidUnderTheNull_RejectingAboutFivePercentAtFivePercent()
    {
        // Observed and null drawn from one distribution: P(p ≤ 0.05) must be about 0.05 (here 2,000 repetitions).
        var random = new Random(3);
        var rejections = 0;
        for (var rep = 0; rep < 2000; rep++)
        {
            var nulls = Enumerable.Range(0, 99).Select(_ => random.NextDouble()).ToArray();
            if (PermutationTest.PValue(random.NextDouble(), nulls).PValue <= 0.05) rejections++;
        }
        Assert.That(rejections / 2000.0, Is.InRange(0.035, 0.065));
    }

    [Test]
    public void PairedByCluster_FindsARealEffect_AndNoneWhenThereIsNone()
    {
        var random = new Random(5);
        var cluster = Enumerable.Range(0, 400).Select(i => i / 4).ToArray();
        var treatment = cluster.Select(_ => random.NextDouble() < 0.8 ? 1.0 : 0.0).ToArray();
        var control = cluster.Select(_ => random.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray();
        var sameAsControl = cluster.Select(_ => random.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray();
        var effect = PermutationTest.PairedByCluster(treatment, control, cluster, permutations: 2000);
        Assert.That(effect.PValue, Is.EqualTo(1 / 2001.0).Within(1e-12));
        Assert.That(effect.Observed, Is.EqualTo(treatment.Average() - control.Average()).Within(1e-12));
        var none = PermutationTest.PairedByCluster(sameAsControl, control, cluster, permutations: 2000);
        Assert.That(none.PValue, Is.GreaterThan(0.05));
    }

    [Test]
    public void Holm_MatchesTheDefinitionOnASmallFamily()
    {
        // Sorted: 0.005, 0.01, 0.03, 0.04 → ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04 → running max 0.02, 0.03, 0.06, 0.06
        // (R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02).
        double[] raw = [0.01, 0.04, 0.03, 0.005];
        Assert.That(MultipleComparisons.Holm(raw), Is.EqualTo(new[] { 0.03, 0.06, 0.06, 0.02 }).Within(1e-12));
        Assert.That(MultipleComparisons.Adjust(raw, Correction.None), Is.EqualTo(raw), "raw values are kept");
        Assert.That(MultipleComparisons.Holm([0.5, 0.6]), Is.EqualTo(new[] { 1.0, 1.0 }), "capped at 1");
    }

    [Test]
    public void BenjaminiHochberg_MatchesTheDefinitionOnASmallFamily()
    {
        // Sorted: 0.005, 0.01, 0.03, 0.04 → ×4/1, ×4/2, ×4/3, ×4/4 = 0.02, 0.02, 0.04, 0.04 → running min from the top
        // (R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") = 0.02 0.04 0.04 0.02).
        double[] raw = [0.01, 0.04, 0.03, 0.005];
        Assert.That(MultipleComparisons.Adjust(raw, Correction.BenjaminiHochberg), Is.EqualTo(new[] { 0.02, 0.04, 0.04, 0.02 }).Within(1e-12));
        Assert.That(MultipleComparisons.BenjaminiHochberg([0.01, 0.02, 0.9]), Is.EqualTo(new[] { 0.03, 0.03, 0.9 }).Within(1e-12));
    }

    [Test]
    public void BadPValues_AreRefused()
    {
        var zero = Assert.Throws<InputException>(() => MultipleComparisons.Holm([0.01, 0]));
        Assert.That(zero!.Message, Is.EqualTo("multiple comparisons: p-value 1 is 0: expected a number in (0, 1]"));
        Assert.Throws<InputException>(() => PermutationTest.PValue(0.5, []));
    }
}
