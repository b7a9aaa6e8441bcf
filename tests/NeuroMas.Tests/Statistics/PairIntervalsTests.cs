using NeuroMas.Alignment;
using NeuroMas.Statistics;

namespace NeuroMas.Tests.Statistics;

/// <summary>The intervals and the control test the runner writes beside every IIA, on pairs with known origins.</summary>
public class PairIntervalsTests
{
    /// <summary>Pairs whose outcome is their source trial's (each trial used <paramref name="uses"/> times).</summary>
    private static ScoredPairs Pairs(int trials, int uses, int seed, bool recorded = true)
    {
        var random = new Random(seed);
        var outcome = Enumerable.Range(0, trials).Select(_ => random.NextDouble() < 0.7).ToArray();
        var n = trials * uses;
        var source = Enumerable.Range(0, n).Select(i => i % trials).ToArray();
        return new ScoredPairs([.. Enumerable.Range(0, n)], [.. source.Select(t => outcome[t])], [.. Enumerable.Repeat(4, n)],
            [.. source.Select(t => outcome[t] ? 4 : 2)], new PairTrials([.. Enumerable.Range(0, n)], recorded ? source : null, null));
    }

    [Test]
    public void PairsFromARecording_AreResampledByTrial_SoReusingATrialDoesNotShrinkTheInterval()
    {
        var once = PairIntervals.Iia(Pairs(100, 1, seed: 3), BootstrapOptions.Default)!;
        var tenTimes = PairIntervals.Iia(Pairs(100, 10, seed: 3), BootstrapOptions.Default)!;
        var asIfIndependent = PairIntervals.Iia(Pairs(100, 10, seed: 3, recorded: false), BootstrapOptions.Default)!;
        Assert.That(tenTimes.Value, Is.EqualTo(once.Value).Within(1e-12));
        Assert.That(tenTimes.Width, Is.EqualTo(once.Width).Within(0.25 * once.Width), "the same 100 trials carry the same evidence");
        Assert.That(asIfIndependent.Width, Is.LessThan(0.5 * tenTimes.Width), "counting the 1,000 pairs as independent would shrink it about √10-fold");
        Assert.That(tenTimes.Clusters, Is.EqualTo(100));
    }

    [Test]
    public void TokenAccuracyInterval_IsAroundThePooledTokenAccuracy()
    {
        var pairs = Pairs(60, 3, seed: 5);
        var interval = PairIntervals.TokenAccuracy(pairs, BootstrapOptions.Default)!;
        Assert.That(interval.Value, Is.EqualTo(pairs.Accuracy.Token).Within(1e-12));
        Assert.That(interval.Low, Is.LessThan(interval.Value));
        Assert.That(interval.High, Is.GreaterThan(interval.Value));
    }

    [Test]
    public void OnePair_OrOneTrial_HasNoInterval()
    {
        Assert.That(PairIntervals.Iia(Pairs(1, 5, seed: 1), BootstrapOptions.Default), Is.Null);
        var single = Pairs(2, 1, seed: 1) with { Rows = [0], Correct = [true], Tokens = [4], CorrectTokens = [4], Trials = new PairTrials([0], [0], null) };
        Assert.That(PairIntervals.Iia(single, BootstrapOptions.Default), Is.Null);
    }

    private static DirectionScore Score(ScoredPairs pairs) =>
        new(0, 1, "rec", "net", true, "intervention", pairs.Accuracy.Trial, pairs.Accuracy.Token, pairs.Count) { PerPair = pairs };

    [Test]
    public void ControlTest_FindsAClearWin_AndNothingAgainstItself()
    {
        var intervention = Pairs(80, 5, seed: 2);
        var random = new Random(9);
        var control = intervention with { Correct = [.. intervention.Correct.Select(_ => random.NextDouble() < 0.1)] };
        var win = ControlTest.AgainstControl(Score(intervention), Score(control), permutations: 2000, seed: 1)!;
        Assert.That(win.PValue, Is.EqualTo(1.0 / 2001).Within(1e-12), "0.7 against 0.1 over 80 trials: no sign flip reaches it");
        var tie = ControlTest.AgainstControl(Score(intervention), Score(intervention), permutations: 2000, seed: 1)!;
        Assert.That(tie.PValue, Is.EqualTo(1.0), "identical outcomes: every permutation reaches a zero difference");
    }

    [Test]
    public void ControlTest_PairsOutcomesByPairIndex_NotByRowOrder()
    {
        var intervention = Pairs(50, 2, seed: 4);
        // The control scored the same pairs in reverse order: its outcomes are the intervention's, so there is no effect.
        var reversed = new ScoredPairs([.. intervention.Rows.Reverse()], [.. intervention.Correct.Reverse()], [.. intervention.Tokens.Reverse()],
            [.. intervention.CorrectTokens.Reverse()], new PairTrials([.. intervention.Trials!.Pair.Reverse()], [.. intervention.Trials.SourceTrial!.Reverse()], null));
        Assert.That(ControlTest.AgainstControl(Score(intervention), Score(reversed), 500, 1)!.PValue, Is.EqualTo(1.0));
    }
}
