using NeuroMas.Decoding;
using NeuroMas.Recordings;
using NeuroMas.Tests.Recordings;

namespace NeuroMas.Tests.Decoding;

/// <summary>Trial-grouped cross-validated linear decoding on recordings whose answer is known.</summary>
public class LinearDecoderTests
{
    /// <summary>
    /// <paramref name="trials"/> × <paramref name="steps"/> samples of <paramref name="units"/>
    /// units; the label <c>x</c> takes <paramref name="classes"/> values (−3, −3 + 2, …) drawn per
    /// sample; activity is Gaussian noise plus, when <paramref name="informative"/>, a random
    /// direction per class scaled by <paramref name="signal"/>.
    /// </summary>
    private static Recording Synthetic(int seed, bool informative, int classes = 12, int trials = 200, int steps = 5,
        int units = 24, double signal = 3.0)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var means = new double[classes, units];
        for (var k = 0; k < classes; k++)
            for (var u = 0; u < units; u++)
                means[k, u] = informative ? signal * Gaussian() : 0;
        var n = trials * steps;
        var activity = new float[n, units];
        var x = new int[n];
        for (var i = 0; i < n; i++)
        {
            var k = random.Next(classes);
            x[i] = -3 + 2 * k;
            for (var u = 0; u < units; u++)
                activity[i, u] = (float)(means[k, u] + Gaussian() + 10);
        }
        var trial = Enumerable.Range(0, n).Select(i => 7 * (i / steps)).ToArray();
        var step = Enumerable.Range(0, n).Select(i => i % steps).ToArray();
        return new Recording("synthetic", activity, new Dictionary<string, int[]> { ["x"] = x }, trial, step);
    }

    [Test]
    public void AccuracyOver_ReweightsHeldOutAccuracyToAnotherMixOfStates()
    {
        // State "a": 3 of 4 samples right; state "b": 0 of 2 right. Overall 0.5; over the mix a, a, a, b: 0.5625.
        var result = new DecodingResult("x", 0.5, 0.5, 2, [0.5, 0.5], 2, [true, true, true, false, false, false]);
        string[] stateOf = ["a", "a", "a", "a", "b", "b"];
        Assert.That(result.AccuracyOver(["a", "a", "a", "b"], i => stateOf[i]), Is.EqualTo((0.75 * 3 + 0) / 4).Within(1e-12));
        Assert.That(result.AccuracyOver(["b", "c"], i => stateOf[i]), Is.EqualTo(0.0), "a state no sample has is skipped");
    }

    [Test]
    public void NearlyNoiseFreeRecordingOfATrainedGru_HasItsCountDecodedAlmostPerfectly()
    {
        // A trained GRU's count is linearly readable from its state; seen through 96 units with 1% noise it must
        // decode nearly perfectly. An under-fitted or over-regularised decoder (the first version: 0.83 on such a
        // recording) would make a poor ceiling for IIA.
        var (network, _) = NeuroMas.Models.Checkpoint.Load(Path.Combine(NeuroMas.Tests.Cli.CliRunner.Root, "datasets", "networks", "gru-seed2.nmck"));
        using (network)
        {
            var task = NeuroMas.Tasks.TaskCatalog.Get("multi-object");
            var simulated = NeuroMas.Simulation.RecordingSimulator.Simulate(network, task,
                new NeuroMas.Simulation.SimulationOptions { Units = 96, Trials = 150, NoiseLevel = 0.01, Seed = 5 }, "clean");
            var result = LinearDecoder.CrossValidatedAccuracy(simulated.Recording, "count");
            Assert.That(result.Accuracy, Is.GreaterThan(0.90));
        }
    }

    [Test]
    public void NewtonFit_GivesTheAccuraciesOfTheOldLbfgsFit_OnASimulatedRecording()
    {
        // A noisy simulated recording like the shipped one, small enough for the old fit's 1,000 L-BFGS iterations.
        var (network, _) = NeuroMas.Models.Checkpoint.Load(Path.Combine(NeuroMas.Tests.Cli.CliRunner.Root, "datasets", "networks", "gru-seed2.nmck"));
        using (network)
        {
            var simulated = NeuroMas.Simulation.RecordingSimulator.Simulate(network, NeuroMas.Tasks.TaskCatalog.Get("multi-object"),
                new NeuroMas.Simulation.SimulationOptions { Units = 96, Trials = 80, NoiseLevel = 0.1, Seed = 9 }, "noisy");
            foreach (var variable in new[] { "count", "phase" })
            {
                var fast = LinearDecoder.CrossValidatedAccuracy(simulated.Recording, variable);
                var reference = ReferenceLbfgsDecoder.CrossValidatedAccuracy(simulated.Recording, variable);
                Assert.That(fast.Accuracy, Is.EqualTo(reference.Accuracy).Within(0.005), variable);
                Assert.That(fast.ChanceLevel, Is.EqualTo(reference.ChanceLevel), variable);
            }
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void SeparableLabels_AreDecoded_AtLeast95Percent(int seed)
    {
        var result = LinearDecoder.CrossValidatedAccuracy(Synthetic(seed, informative: true), "x", folds: 5, seed: seed);
        Assert.That(result.Accuracy, Is.GreaterThanOrEqualTo(0.95));
        Assert.That(result.Classes, Is.EqualTo(12));
        Assert.That(result.Folds, Is.EqualTo(5));
        Assert.That(result.FoldAccuracies, Has.Count.EqualTo(5));
        Assert.That(result.Accuracy, Is.EqualTo(result.FoldAccuracies.Average()).Within(1e-12));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void LabelsIndependentOfActivity_AreDecodedAtChance(int seed)
    {
        var result = LinearDecoder.CrossValidatedAccuracy(Synthetic(seed, informative: false, classes: 4), "x", seed: seed);
        Assert.That(result.ChanceLevel, Is.InRange(0.25, 0.30));
        Assert.That(result.Accuracy, Is.EqualTo(result.ChanceLevel).Within(0.05));
    }

    [Test]
    public void ManyClassesAndUnits_AreDecoded_WhenSignalIsWeakButReal()
    {
        // A tenth of the work of a shipped recording's variable (40 classes, 96 units, 5,000
        // samples: about a minute on a loaded 2-core machine), with the same weak per-unit signal.
        var recording = Synthetic(3, informative: true, classes: 20, trials: 400, steps: 5, units: 48, signal: 0.5);
        var result = LinearDecoder.CrossValidatedAccuracy(recording, "x");
        Assert.That(result.Accuracy, Is.GreaterThan(result.ChanceLevel + 0.3));
    }

    [TestCase(5, 1)]
    [TestCase(3, 8)]
    public void FoldAssignment_NeverSplitsATrial_AndBalancesTrials(int folds, int seed)
    {
        var trial = Synthetic(seed, informative: false, trials: 53).Trial;
        var fold = LinearDecoder.FoldOfEachSample(trial, folds, seed);
        var foldsOfTrial = trial.Zip(fold).GroupBy(p => p.First).Select(g => g.Select(p => p.Second).Distinct().Count());
        Assert.That(foldsOfTrial, Is.All.EqualTo(1));
        var trialsPerFold = trial.Zip(fold).DistinctBy(p => p.First).GroupBy(p => p.Second).Select(g => g.Count()).ToList();
        Assert.That(trialsPerFold, Has.Count.EqualTo(folds));
        Assert.That(trialsPerFold.Max() - trialsPerFold.Min(), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void FoldAssignment_DependsOnTheSeed_AndOnlyOnIt()
    {
        var trial = Synthetic(1, informative: false).Trial;
        var first = LinearDecoder.FoldOfEachSample(trial, 5, 4);
        var again = LinearDecoder.FoldOfEachSample(trial, 5, 4);
        var other = LinearDecoder.FoldOfEachSample(trial, 5, 5);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void FixtureLabels_AreDecodedFromTheFixtureActivity()
    {
        // The fixture's activity is a deterministic function of count, phase and the trial: phase
        // (two classes, half the samples each) is decodable well above chance.
        var recording = RecordingFixtures.Loaders["hdf5-plain"]();
        var result = LinearDecoder.CrossValidatedAccuracy(recording, "phase");
        Assert.That(result.ChanceLevel, Is.EqualTo(0.5));
        Assert.That(result.Accuracy, Is.GreaterThan(0.6));
    }

    [Test]
    public void MissingLabel_OrTooFewTrials_IsRefused()
    {
        var recording = Synthetic(1, informative: false, trials: 4);
        var missing = Assert.Throws<InputException>(() => LinearDecoder.CrossValidatedAccuracy(recording, "count"));
        Assert.That(missing!.Message, Is.EqualTo("synthetic: no label 'count' to decode: the labels are [x]"));
        var few = Assert.Throws<InputException>(() => LinearDecoder.CrossValidatedAccuracy(recording, "x", folds: 5));
        Assert.That(few!.Message, Does.Contain("4 distinct trials: expected at least 5"));
    }
}
