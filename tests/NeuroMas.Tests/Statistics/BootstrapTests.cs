using System.Diagnostics;
using MathNet.Numerics.Distributions;
using NeuroMas.Statistics;

namespace NeuroMas.Tests.Statistics;

/// <summary>Coverage, clustering and determinism of the cluster bootstrap.</summary>
public class BootstrapTests
{
    /// <summary>
    /// <paramref name="trials"/> trials of <paramref name="perTrial"/> 0/1 outcomes; each trial's own rate is drawn
    /// from a Beta with mean <paramref name="rate"/> (concentration 4), so outcomes of one trial share noise, as the
    /// samples of one recorded trial do. The population mean is <paramref name="rate"/>.
    /// </summary>
    private static (double[] Values, int[] Trial) ClusteredBernoulli(Random random, double rate, int trials, int perTrial)
    {
        var trialRate = new Beta(4 * rate, 4 * (1 - rate), random);
        var values = new double[trials * perTrial];
        var trial = new int[values.Length];
        for (var t = 0; t < trials; t++)
        {
            var p = trialRate.Sample();
            for (var s = 0; s < perTrial; s++)
            {
                values[t * perTrial + s] = random.NextDouble() < p ? 1 : 0;
                trial[t * perTrial + s] = 1000 + 3 * t;
            }
        }
        return (values, trial);
    }

    [TestCase(IntervalMethod.Percentile)]
    [TestCase(IntervalMethod.Bca)]
    public void Interval_CoversTrueRate_AtNominalFrequency(IntervalMethod method)
    {
        // 200 simulated experiments at 95 %: the share covering the true rate is Binomial(200, 0.95), about 0.95 ± 0.015.
        var random = new Random(42);
        var options = new BootstrapOptions { Method = method, Resamples = 1000 };
        var (clustered, iid) = (0, 0);
        for (var rep = 0; rep < 200; rep++)
        {
            var (values, trial) = ClusteredBernoulli(random, 0.8, trials: 60, perTrial: 5);
            if (Bootstrap.Mean(values, trial, options with { Seed = rep }).Contains(0.8)) clustered++;
            if (Bootstrap.Mean(values, Enumerable.Range(0, values.Length).ToArray(), options with { Seed = rep }).Contains(0.8)) iid++;
        }
        TestContext.Out.WriteLine($"{method}: coverage by trial {clustered / 200.0:0.000}, i.i.d. {iid / 200.0:0.000}");
        Assert.That(clustered / 200.0, Is.InRange(0.90, 0.99), "resampling trials covers at about the nominal rate");
        // Outcomes within a trial are correlated (intraclass correlation 0.2, five per trial): treating them as
        // independent understates the spread by about √1.8, so such an interval covers only about 86 % of the time.
        Assert.That(iid / 200.0, Is.LessThan(0.91), "resampling single samples ignores the trials' shared noise");
    }

    [Test]
    public void DuplicatedTrials_DoNotShrinkTheInterval_WhileAnIidBootstrapWouldShrink()
    {
        var (values, trial) = ClusteredBernoulli(new Random(7), 0.7, trials: 100, perTrial: 5);
        var doubledValues = values.Concat(values).ToArray();
        var doubledTrial = trial.Concat(trial).ToArray(); // every trial appears twice, under its own id

        var byTrial = Bootstrap.Mean(values, trial);
        var byTrialDoubled = Bootstrap.Mean(doubledValues, doubledTrial);
        Assert.That(byTrialDoubled.Low, Is.EqualTo(byTrial.Low).Within(1e-12));
        Assert.That(byTrialDoubled.High, Is.EqualTo(byTrial.High).Within(1e-12));

        var iid = Bootstrap.Mean(values, Enumerable.Range(0, values.Length).ToArray());
        var iidDoubled = Bootstrap.Mean(doubledValues, Enumerable.Range(0, doubledValues.Length).ToArray());
        Assert.That(iidDoubled.Width, Is.LessThan(0.8 * iid.Width), "the i.i.d. interval shrinks by about 1/√2 on duplicated data");
        Assert.That(byTrial.Width, Is.GreaterThan(iid.Width), "trials sharing noise widen the interval over the i.i.d. one");
    }

    [Test]
    public void Interval_IsDeterministicForASeed_AndMovesWithTheSeed()
    {
        // Real-valued outcomes, so two seeds' end points cannot coincide on the grid of a 0/1 mean.
        var random = new Random(3);
        var values = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var trial = Enumerable.Range(0, 200).Select(i => i / 4).ToArray();
        var first = Bootstrap.Mean(values, trial, new BootstrapOptions { Seed = 5 });
        Assert.That(Bootstrap.Mean(values, trial, new BootstrapOptions { Seed = 5 }), Is.EqualTo(first));
        Assert.That(Bootstrap.Mean(values, trial, new BootstrapOptions { Seed = 6 }).Low, Is.Not.EqualTo(first.Low));
        Assert.That(first.Value, Is.EqualTo(values.Average()).Within(1e-12));
        Assert.That(first.Low, Is.LessThan(first.Value));
        Assert.That(first.High, Is.GreaterThan(first.Value));
        Assert.That(first.Clusters, Is.EqualTo(50));
    }

    [Test]
    public void Interval_DoesNotDependOnTheOrderOfTheItems()
    {
        var (values, trial) = ClusteredBernoulli(new Random(4), 0.5, trials: 30, perTrial: 3);
        var order = Enumerable.Range(0, values.Length).Reverse().ToArray();
        var forward = Bootstrap.Mean(values, trial);
        var backward = Bootstrap.Mean(order.Select(i => values[i]).ToArray(), order.Select(i => trial[i]).ToArray());
        Assert.That(backward.Low, Is.EqualTo(forward.Low).Within(1e-12));
        Assert.That(backward.High, Is.EqualTo(forward.High).Within(1e-12));
    }

    [Test]
    public void Weights_ReweightTheMean_AndAZeroWeightItemChangesNothing()
    {
        double[] values = [1, 0, 1, 1, 0, 0];
        int[] trial = [0, 0, 1, 1, 2, 2];
        double[] weights = [3, 1, 1, 1, 0, 2];
        var weighted = Bootstrap.Mean(values, trial, weights: weights);
        Assert.That(weighted.Value, Is.EqualTo((3 + 1 + 1) / 8.0).Within(1e-12));
    }

    [Test]
    public void PairsWhoseTwoSamplesShareATrial_GiveTheOneWayInterval()
    {
        // With source trial = target trial every pair has one trial, and the two-way scheme must reduce to the one-way.
        var (values, trial) = ClusteredBernoulli(new Random(9), 0.75, trials: 40, perTrial: 3);
        var oneWay = Bootstrap.Mean(values, trial);
        var twoWay = Bootstrap.MeanOfPairs(values, trial, trial);
        Assert.That(twoWay.Low, Is.EqualTo(oneWay.Low).Within(1e-12));
        Assert.That(twoWay.High, Is.EqualTo(oneWay.High).Within(1e-12));
    }

    [Test]
    public void PairsWithTargetTrialEffects_GetAWiderIntervalThanResamplingSourcesAlone()
    {
        // Outcome depends only on the target trial (half the trials are "hard"): resampling by source trial misses
        // that variation, the two-way scheme sees it.
        var random = new Random(11);
        var hard = Enumerable.Range(0, 60).Select(_ => random.NextDouble() < 0.5).ToArray();
        var (source, target, values) = (new int[600], new int[600], new double[600]);
        for (var i = 0; i < 600; i++)
        {
            (source[i], target[i]) = (random.Next(60), random.Next(60));
            values[i] = random.NextDouble() < (hard[target[i]] ? 0.3 : 0.9) ? 1 : 0;
        }
        var bySource = Bootstrap.Mean(values, source);
        var twoWay = Bootstrap.MeanOfPairs(values, source, target);
        Assert.That(twoWay.Width, Is.GreaterThan(1.3 * bySource.Width));
    }

    [Test]
    public void AllOutcomesEqual_GiveAPointInterval()
    {
        var interval = Bootstrap.Mean(Enumerable.Repeat(1.0, 20).ToArray(), Enumerable.Range(0, 20).ToArray());
        Assert.That((interval.Low, interval.Value, interval.High), Is.EqualTo((1.0, 1.0, 1.0)));
    }

    [Test]
    public void BadInput_IsRefusedWithOneLineNamingTheField()
    {
        var lengths = Assert.Throws<InputException>(() => Bootstrap.Mean([1, 0, 1], [1, 2]));
        Assert.That(lengths!.Message, Is.EqualTo("bootstrap: cluster has 2 entries but values has 3: expected one per value"));
        var single = Assert.Throws<InputException>(() => Bootstrap.Mean([1, 0, 1], [4, 4, 4]));
        Assert.That(single!.Message, Does.Contain("cluster has 1 distinct id: expected at least 2"));
        var nan = Assert.Throws<InputException>(() => Bootstrap.Mean([1, double.NaN], [1, 2]));
        Assert.That(nan!.Message, Does.Contain("values[1] is NaN"));
        var options = Assert.Throws<InputException>(() => Bootstrap.Mean([1, 0], [1, 2], new BootstrapOptions { Confidence = 95 }));
        Assert.That(options!.Message, Does.Contain("confidence is 95: expected a number in (0, 1)"));
    }
}
