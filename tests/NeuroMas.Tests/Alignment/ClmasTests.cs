using NeuroMas.Alignment;
using NeuroMas.Simulation;
using NeuroMas.Tasks;
using NeuroMas.Tests.Models;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

public class ClmasTests
{
    private static readonly ITask Task = TaskCatalog.Get("multi-object", maxCount: 6);

    [Test]
    public void ClLoss_IsZeroForTheLatentItself_AndGrowsWithDistance()
    {
        using var scope = NewDisposeScope();
        var c = randn(10, 8);
        Assert.That(ClmasData.Loss(c, c).item<float>(), Is.EqualTo(0).Within(1e-6));
        Assert.That(ClmasData.Loss(-c, c).item<float>(), Is.GreaterThan(ClmasData.Loss(c + 0.1 * randn(10, 8), c).item<float>()));
    }

    [Test]
    public void Clmas_ReportsBehaviourClFitMatchesAndGroundTruth()
    {
        using var source = TestNetworks.Create("gru", seed: 4, width: 16);
        using var network = TestNetworks.Create("gru", seed: 1, width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 24, Trials = 80 }, "sim");
        using var recording = new RecordingSystem("rec", simulated.Recording, Task.CausalModel);
        using var truth = new GroundTruth(new AlignmentSystem("src", source), simulated.Observation, simulated.Bias);
        using var trainer = new ClmasTrainer(new AlignmentSystem("net", network), recording, Task, new ClmasOptions
        {
            SubspaceSize = 4, TrainPairs = 200, ValidationPairs = 50, TestPairs = 100, BatchSize = 16, MaxSteps = 10, ValidateEvery = 5,
        }, truth);
        var result = trainer.Train();
        Assert.That(result.Scores.Select(s => (s.SourceName, s.TargetName, s.Condition)), Is.SupersetOf(new[]
        {
            ("rec", "net", "intervention"), ("net", "net", "intervention"), ("rec", "net", "no_intervention"),
            ("net", "rec", "ground_truth"), ("rec", "rec", "ground_truth"), ("net", "rec", "ground_truth_ceiling"),
        }));
        Assert.That(result.ClFits.Select(f => f.Source), Is.EquivalentTo(new[] { "net", "rec" }));
        Assert.That(result.Matches.All(m => m.Matched + m.Unmatched == 100), Is.True);
        Assert.That(result.ClFits.All(f => f.Cosine is >= -1 and <= 1 && f.Mse >= 0), Is.True);
    }

    [Test]
    public void RecordingWithoutTheCausalVariables_IsAnInputError()
    {
        using var source = TestNetworks.Create("gru", width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 8, Trials = 10 }, "sim.h5");
        var labels = new Dictionary<string, int[]> { ["count"] = simulated.Recording.Labels["count"] };
        var partial = new NeuroMas.Recordings.Recording("sim.h5", simulated.Recording.Activity, labels, simulated.Recording.Trial, simulated.Recording.Step);
        var e = Assert.Throws<InputException>(() => new RecordingSystem("rec", partial, Task.CausalModel));
        Assert.That(e!.Message, Does.StartWith("sim.h5").And.Contain("phase"));
    }

    [Test]
    public void OracleLatent_WithAFullRankObservation_GivesTheCounterfactualBehaviour()
    {
        // If the recording sees the whole state, moving the recorded state to the exact recording of the
        // counterfactual network state and mapping back reproduces that state: the ground truth is sound.
        using var scope = NewDisposeScope();
        using var source = TestNetworks.Create("gru", seed: 2, width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 40, Trials = 20, Noise = "none" }, "sim");
        using var truth = new GroundTruth(new AlignmentSystem("src", source), simulated.Observation, simulated.Bias);
        var h = randn(5, 16);
        var other = randn(5, 16);
        var back = truth.Back(h, truth.Record(h), truth.Record(other));
        Assert.That(back.allclose(other, atol: 1e-3), Is.True);
    }
}
