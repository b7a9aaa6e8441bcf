using NeuroMas.Results;

namespace NeuroMas.Tests.Results;

public class SubsamplingTests
{
    private static IEnumerable<ResultRow> Run(int units, int repeat, double iia, double low, double high)
    {
        var id = $"clmas-count-k16-s1-cl0.85-u{units}-r{repeat}-0123456789";
        ResultRow Row(string source, string target, string condition, string metric, double value) =>
            new(id, "clmas", source, target, "count", 16, 1, 400, true, condition, metric, value);
        yield return Row("recording", "recording", "data", "units", units);
        yield return Row("recording", "gru1", "intervention", "iia", iia);
        yield return Row("recording", "gru1", "intervention", "iia_ci_low", low);
        yield return Row("recording", "gru1", "intervention", "iia_ci_high", high);
    }

    [Test]
    public void APointOfOneRun_CarriesThatRunsBootstrapInterval_APointOfSeveral_TheirTInterval()
    {
        var rows = Run(8, 0, 0.08, 0.06, 0.10).Concat(Run(32, 0, 0.20, 0.17, 0.24)).Concat(Run(32, 1, 0.30, 0.26, 0.33)).ToList();
        var points = Subsampling.Points(rows, 0.95).Where(p => p.Measure == "iia").ToList();
        var single = points.Single(p => p.Units == 8).Summary;
        Assert.That((single.Seeds, single.Mean, single.CiLow, single.CiHigh), Is.EqualTo((1, 0.08, 0.06, 0.10)));
        var pooled = points.Single(p => p.Units == 32).Summary;
        Assert.That(pooled.Seeds, Is.EqualTo(2));
        Assert.That(pooled.Mean, Is.EqualTo(0.25).Within(1e-12));
        Assert.That(pooled.CiLow, Is.EqualTo(0), "two runs 0.1 apart: the t-interval (12.7 · 0.05) is clipped at 0, not a run's own interval");
    }
}
