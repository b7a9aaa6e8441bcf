using NeuroMas.Statistics;

namespace NeuroMas.Tests.Statistics;

public class GroupContrastTests
{
    private static readonly string[] Groups = ["a", "a", "a", "b", "b", "b"];

    [TestCase(1)]
    [TestCase(2)]
    public void SeparatedGroups_GiveWithinAboveAcross_WithAnIntervalAboveZero(int seed)
    {
        var noise = new Random(seed);
        var table = new double[6, 6];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                table[i, j] = (Groups[i] == Groups[j] ? 0.9 : 0.4) + 0.05 * (noise.NextDouble() - 0.5);
        var result = GroupContrast.Of((i, j) => table[i, j], Groups, new BootstrapOptions { Seed = seed, Method = IntervalMethod.Percentile });
        var within = Enumerable.Range(0, 6).SelectMany(i => Enumerable.Range(0, 6).Where(j => j != i && Groups[i] == Groups[j]).Select(j => table[i, j])).Average();
        Assert.That(result.Within.Value, Is.EqualTo(within).Within(1e-12), "the mean over ordered pairs of distinct systems");
        Assert.That(result.WithinPairs, Is.EqualTo(12));
        Assert.That(result.AcrossPairs, Is.EqualTo(18));
        Assert.That(result.Difference.Value, Is.EqualTo(0.5).Within(0.05));
        Assert.That(result.Difference.Low, Is.GreaterThan(0.3));
        Assert.That(result.Within.Contains(result.Within.Value) && result.Across.Contains(result.Across.Value), Is.True);
    }

    [Test]
    public void OneSystemUnlikeTheRest_WidensTheInterval_AndExchangeableGroupsCoverZero()
    {
        var random = new Random(3);
        var table = new double[6, 6];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                table[i, j] = 0.7 + 0.2 * random.NextDouble();
        var result = GroupContrast.Of((i, j) => table[i, j], Groups, new BootstrapOptions { Method = IntervalMethod.Percentile });
        Assert.That(result.Difference.Contains(0), Is.True, $"{result.Difference.Low}..{result.Difference.High}");
    }

    [Test]
    public void MissingScores_AreLeftOut_AndOneGroupIsAnInputError()
    {
        var result = GroupContrast.Of((i, j) => i < j ? 1.0 : double.NaN, Groups);
        Assert.That(result.WithinPairs, Is.EqualTo(6));
        Assert.That(result.Within.Value, Is.EqualTo(1.0));
        Assert.That(() => GroupContrast.Of((_, _) => 1.0, ["a", "a"]), Throws.TypeOf<InputException>().With.Message.Contains("at least 2 groups"));
    }
}
