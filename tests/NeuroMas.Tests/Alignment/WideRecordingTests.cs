using NeuroMas.Alignment;
using NeuroMas.Recordings;
using NeuroMas.Simulation;
using NeuroMas.Tasks;
using NeuroMas.Tests.Models;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

/// <summary>The PCA front end (<c>pca</c>) and the subspace map on recordings wider than the network.</summary>
public class WideRecordingTests
{
    private static readonly ITask Task = TaskCatalog.Get("multi-object", maxCount: 6);

    /// <summary>
    /// Six units over 100 trials of 4 samples: in training trials units 0 and 1 share a signal; in validation and test trials
    /// units 2 and 3 share one a hundred times larger. All else is unit noise.
    /// </summary>
    private static Recording Leaky(TrialSplit split)
    {
        var random = new Random(3);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var (trials, steps, units) = (100, 4, 6);
        var activity = new float[trials * steps, units];
        var (trial, step) = (new int[trials * steps], new int[trials * steps]);
        for (var i = 0; i < trials * steps; i++)
        {
            (trial[i], step[i]) = (i / steps, i % steps);
            for (var u = 0; u < units; u++) activity[i, u] = (float)Gauss();
            var shared = (float)Gauss();
            if (split.Of(trial[i]) == 0) { activity[i, 0] += 3 * shared; activity[i, 1] += 3 * shared; }
            else { activity[i, 2] += 300 * shared; activity[i, 3] += 300 * shared; }
        }
        var labels = new Dictionary<string, int[]> { ["count"] = step.Select(s => s + 1).ToArray(), ["phase"] = step.Select(_ => -1).ToArray() };
        return new Recording("leaky", activity, labels, trial, step);
    }

    [Test]
    public void Pca_IsFittedOnTrainingTrialsOnly()
    {
        using var system = new RecordingSystem("rec", Leaky(TrialSplit.Default), Task.CausalModel, components: 1);
        Assert.That(system.Width, Is.EqualTo(1));
        using var scope = NewDisposeScope();
        var component = system.Projection!.Components[.., 0];
        // Fitted on every trial, the first component would be (e2 + e3)/√2: the held-out trials' signal.
        var training = component[0].item<float>() + component[1].item<float>();
        Assert.That(Math.Abs(training) / Math.Sqrt(2), Is.GreaterThan(0.95), "the training trials' shared direction (e0 + e1)/√2");
        Assert.That(Math.Abs(component[2].item<float>()) + Math.Abs(component[3].item<float>()), Is.LessThan(0.3), "not the held-out trials' direction");
        Assert.That(system.SamplesAt(arange(400L)).shape, Is.EqualTo(new long[] { 400, 1 }));
    }

    [TestCase(0)]
    [TestCase(7)]
    public void Pca_OutsideOneToTheUnits_IsOneLineNamingTheKey(int bad)
    {
        var recording = Leaky(TrialSplit.Default);
        if (bad == 0)
        {
            Assert.That(new AlignmentOptions { Pca = -2 }.Validate(), Is.EqualTo(new[] { "pca: expected 0 (off) or a number of principal components >= 1, found -2" }));
            return;
        }
        var e = Assert.Throws<InputException>(() => new RecordingSystem("rec", recording, Task.CausalModel, components: bad).Dispose())!;
        Assert.That(e.Message, Is.EqualTo("leaky: pca: expected 1 to 6 components (the recording's 6 units, 240 training samples), found 7"));
    }

    [Test]
    public void Pca_StandardizeAfterUnstandardize_IsTheIdentityOnTheScores()
    {
        using var network = TestNetworks.Create("gru", seed: 4, width: 16);
        var simulated = RecordingSimulator.Simulate(network, Task, new SimulationOptions { Units = 64, Trials = 60 }, "sim");
        using var system = new RecordingSystem("rec", simulated.Recording, Task.CausalModel, components: 8);
        using var scope = NewDisposeScope();
        var scores = system.SamplesAt(arange(50L));
        var back = system.Standardize(system.Unstandardize(scores));
        Assert.That((back - scores).abs().max().item<float>(), Is.LessThan(1e-3));
        Assert.That(system.Projection!.ExplainedVariance, Is.InRange(0.5, 1.0));
        // Not whitened: the first component keeps more variance than the last, and the map's z-score keeps that.
        var variance = system.SamplesAt(arange((long)simulated.Recording.Samples)).var(0, unbiased: false);
        Assert.That(variance[0].item<float>(), Is.GreaterThan(4 * variance[7].item<float>()));
        var (_, scale) = system.UnitStatistics(Task, 1);
        Assert.That((scale - scale[0]).abs().max().item<float>(), Is.LessThan(1e-6), "one deviation for every component");
    }

    [Test]
    public void SubspaceMap_OnAWideRecording_TrainsAndScoresTheGroundTruth()
    {
        using var source = TestNetworks.Create("gru", seed: 4, width: 16);
        using var network = TestNetworks.Create("gru", seed: 1, width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 512, Trials = 60 }, "sim");
        foreach (var (map, pca) in new[] { (MapKind.Subspace, 0), (MapKind.Orthogonal, 12) })
        {
            using var recording = new RecordingSystem("rec", simulated.Recording, Task.CausalModel, components: pca);
            var system = new NetworkSystem("src", source);
            using var natural = system.NaturalStates(Task, 60, seed: 3);
            using var truth = new GroundTruth(system, simulated.Observation, simulated.Bias, natural);
            var options = new AlignmentOptions
            {
                Method = AlignmentMethod.Clmas,
                Map = map,
                Pca = pca,
                SubspaceSize = 4,
                TrainPairs = 200,
                ValidationPairs = 50,
                TestPairs = 100,
                BatchSize = 16,
                MaxSteps = 30,
                ValidateEvery = 10,
                Patience = 10,
            };
            using var trainer = new AlignmentTrainer([new NetworkSystem("net", network), recording], Task, options, new Dictionary<int, GroundTruth> { [1] = truth });
            var result = trainer.Train();
            Assert.That(trainer.Maps[1].Width, Is.EqualTo(pca == 0 ? 512 : 12));
            if (map == MapKind.Subspace) Assert.That(trainer.Maps[1].ParameterCount, Is.EqualTo(512 * 4), "only the swapped block is learned");
            Assert.That(result.History[^1].ValidationLoss, Is.LessThan(result.History[0].ValidationLoss), $"{map}, pca {pca}");
            Assert.That(result.Scores.Where(s => s.Condition == "ground_truth").Select(s => s.Iia), Has.All.InRange(0.0, 1.0));
        }
    }

    [Test]
    public void DirectionsPerStep_DrawsThatManyDistinctDirections_AndInTimeEvery()
    {
        using var a = TestNetworks.Create("gru", seed: 1, width: 16);
        using var b = TestNetworks.Create("gru", seed: 2, width: 16);
        using var c = TestNetworks.Create("gru", seed: 3, width: 16);
        var options = new AlignmentOptions { Method = AlignmentMethod.Mas, SubspaceSize = 4, DirectionsPerStep = 3, TrainPairs = 20, ValidationPairs = 10, TestPairs = 10 };
        using var trainer = new AlignmentTrainer([new NetworkSystem("a", a), new NetworkSystem("b", b), new NetworkSystem("c", c)], Task, options);
        var random = new Random(1);
        var seen = new HashSet<Direction>();
        for (var step = 0; step < 50; step++)
        {
            var chosen = trainer.StepDirections(random);
            Assert.That(chosen, Has.Count.EqualTo(3).And.Unique);
            seen.UnionWith(chosen);
        }
        Assert.That(seen, Is.EquivalentTo(trainer.TrainedDirections));
        using var all = new AlignmentTrainer([new NetworkSystem("a", a), new NetworkSystem("b", b)], Task, options with { DirectionsPerStep = 0 });
        Assert.That(all.StepDirections(new Random(1)), Is.EquivalentTo(all.TrainedDirections));
    }
}
