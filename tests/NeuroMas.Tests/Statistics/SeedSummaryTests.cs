using NeuroMas.Statistics;

namespace NeuroMas.Tests.Statistics;

public class SeedSummaryTests
{
    private static readonly SummaryKey Key = new("mas", "gru1", "gru2", "count", 16, "intervention", "iia");

    [Test]
    public void Of_GivesMeanSampleSdAndStudentTInterval()
    {
        double[] values = [0.80, 0.90, 0.85, 0.95];
        // Reference: mean 0.875; sd = √(Σ(x − mean)² / 3) = √(0.0125 / 3); t(3, 0.975) = 3.182446305 from printed t tables.
        var mean = values.Sum() / 4;
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 3);
        var half = 3.182446305 * sd / 2;
        var row = SeedSummary.Of(Key, values);
        Assert.That(row.Seeds, Is.EqualTo(4));
        Assert.That(row.Mean, Is.EqualTo(0.875).Within(1e-12));
        Assert.That(row.Sd, Is.EqualTo(Math.Sqrt(0.0125 / 3)).Within(1e-12));
        Assert.That(row.CiLow, Is.EqualTo(mean - half).Within(1e-8));
        Assert.That(row.CiHigh, Is.EqualTo(mean + half).Within(1e-8));
        Assert.That(row.CiLow, Is.EqualTo(0.772287).Within(1e-6), "0.875 − 3.182446 · 0.0645497 / 2");
    }

    [Test]
    public void Of_WithNinetyPercent_UsesItsOwnQuantile()
    {
        // t(1, 0.95) = 6.313751515: two seeds 0 and 1 give mean 0.5, sd √0.5, half-width 6.3137515 · √0.5 / √2.
        var row = SeedSummary.Of(Key, [0.0, 1.0], confidence: 0.90);
        Assert.That(row.CiHigh - row.Mean, Is.EqualTo(6.313751515 * 0.5).Within(1e-8));
    }

    [Test]
    public void AnIntervalOverFewSeeds_IsClippedToTheRangeItsMetricCanTake()
    {
        // The untrained-network control over three seeds: 0.016, 0.034, 0.050 has mean 0.0333, sd 0.0170, and the
        // t-interval's lower end 0.0333 − 4.303 · 0.0170 / √3 < 0, impossible for a share of pairs.
        double[] values = [0.016, 0.034, 0.050];
        Assert.That(SeedSummary.Of(Key, values).CiLow, Is.LessThan(0), "unbounded: the plain t-interval");
        var clipped = SeedSummary.Of(Key, values, range: (0, 1));
        Assert.That(clipped.CiLow, Is.EqualTo(0));
        Assert.That(clipped.CiHigh, Is.EqualTo(SeedSummary.Of(Key, values).CiHigh), "the upper end is inside [0, 1] and unchanged");
        var rows = new[] { "iia", "rsa" }.SelectMany(metric => values.Select((v, seed) =>
            new NeuroMas.Results.ResultRow($"clmas-count-k16-s{seed + 1}-cl0.85-0123456789", "clmas", "recording", "gru1", "count", 16, seed + 1, 400, true,
                "untrained_network", metric, metric == "rsa" ? v - 0.2 : v)));
        var summary = NeuroMas.Results.ResultsSummary.Summarise(rows);
        Assert.That(summary.Single(r => r.Key.Metric == "iia").CiLow, Is.EqualTo(0), "results.csv's proportions are clipped");
        Assert.That(summary.Single(r => r.Key.Metric == "rsa").CiLow, Is.LessThan(0), "a correlation is not");
    }

    [Test]
    public void OneSeed_HasNoSpreadOrInterval_AndNonFiniteSeedsAreLeftOut()
    {
        var row = SeedSummary.Of(Key, [0.7, double.NaN]);
        Assert.That(row.Seeds, Is.EqualTo(1));
        Assert.That(row.Mean, Is.EqualTo(0.7));
        Assert.That(double.IsNaN(row.Sd) && double.IsNaN(row.CiLow) && double.IsNaN(row.CiHigh), Is.True);
        Assert.Throws<InputException>(() => SeedSummary.Of(Key, [double.NaN]));
    }

    [Test]
    public void Summarise_GroupsByKey_InOrderOfFirstAppearance()
    {
        var rows = new[]
        {
            (Key, 0.9), (Key with { SubspaceSize = 4 }, 0.5), (Key, 0.7), (Key with { SubspaceSize = 4 }, 0.6),
        };
        var summary = SeedSummary.Summarise(rows, r => r.Item1, r => r.Item2);
        Assert.That(summary.Select(s => s.Key.SubspaceSize), Is.EqualTo(new[] { 16, 4 }));
        Assert.That(summary.Select(s => s.Mean), Is.EqualTo(new[] { 0.8, 0.55 }).Within(1e-12));
        Assert.That(summary[0].Fields(), Has.Length.EqualTo(SeedSummaryRow.Columns.Length));
        Assert.That(summary[0].Fields()[8], Is.EqualTo("0.8"));
    }
}
