using NeuroMas.Alignment;
using NeuroMas.Simulation;
using NeuroMas.Tasks;
using NeuroMas.Tests.Models;
using TorchSharp;
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
        Assert.That(LatentData.Loss(c, c).item<float>(), Is.EqualTo(0).Within(1e-6));
        Assert.That(LatentData.Loss(-c, c).item<float>(), Is.GreaterThan(LatentData.Loss(c + 0.1 * randn(10, 8), c).item<float>()));
    }

    [Test]
    public void Options_ListEveryProblem_EachByItsKey()
    {
        Assert.That(new AlignmentOptions().Validate(), Is.Empty);
        var problems = new AlignmentOptions { BatchSize = 0, ClWeight = -1, TargetIia = 1.5, Threads = -1, Patience = 0, ClTarget = (ClTarget)7 }.Validate();
        Assert.That(problems, Is.EqualTo(new[]
        {
            "cl_weight: expected >= 0, found -1", "batch_size: expected >= 1, found 0", "patience: expected >= 1, found 0",
            "target_iia: expected 0 to 1, found 1.5", "cl_target: expected one of mean, sample, nearest, found '7'",
            "threads: expected >= 0 (0 = libtorch default), found -1",
        }));
    }

    private static AlignmentOptions Clmas(int steps, int patience = 10) => new()
    {
        Method = AlignmentMethod.Clmas,
        SubspaceSize = 4,
        TrainPairs = 200,
        ValidationPairs = 50,
        TestPairs = 100,
        BatchSize = 16,
        MaxSteps = steps,
        ValidateEvery = steps < 20 ? 5 : 10,
        Patience = patience,
    };

    [Test]
    public void Clmas_ReportsBehaviourClFitMatchesAndGroundTruth()
    {
        using var source = TestNetworks.Create("gru", seed: 4, width: 16);
        using var network = TestNetworks.Create("gru", seed: 1, width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 24, Trials = 80 }, "sim");
        using var recording = new RecordingSystem("rec", simulated.Recording, Task.CausalModel);
        var system = new NetworkSystem("src", source);
        using var natural = system.NaturalStates(Task, 100, seed: 3);
        using var truth = new GroundTruth(system, simulated.Observation, simulated.Bias, natural);
        using var trainer = new AlignmentTrainer([new NetworkSystem("net", network), recording], Task, Clmas(10), new Dictionary<int, GroundTruth> { [1] = truth });
        var result = trainer.Train();
        Assert.That(result.Scores.Select(s => (s.SourceName, s.TargetName, s.Condition)), Is.SupersetOf(new[]
        {
            ("rec", "net", "intervention"), ("net", "net", "intervention"), ("rec", "net", "no_intervention"),
            ("net", "rec", "ground_truth"), ("rec", "rec", "ground_truth"), ("net", "rec", "ground_truth_ceiling"),
        }));
        foreach (var from in new[] { "rec", "net" })
        {
            // IIA over changed pairs is scored on exactly the pairs the no-intervention control gets wrong.
            var alone = result.Scores.Single(s => s.SourceName == from && s.Condition == "no_intervention");
            var changed = result.Scores.Single(s => s.SourceName == from && s.Condition == "intervention_changed");
            Assert.That(changed.Pairs, Is.EqualTo((int)Math.Round((1 - alone.Iia) * alone.Pairs)));
        }
        Assert.That(result.ClFits.Select(f => (f.Source, f.Condition)), Is.EquivalentTo(new[]
            { ("net", "intervention"), ("rec", "intervention"), ("net", "no_intervention"), ("rec", "no_intervention") }));
        // The baseline is a real fit: the target left alone is not its latent.
        Assert.That(result.ClFits.Where(f => f.Condition == "no_intervention").All(f => f.Mse > 0), Is.True);
        Assert.That(result.Matches.All(m => m.Matched + m.Unmatched == 100), Is.True);
        Assert.That(result.ClFits.All(f => f.Cosine is >= -1 and <= 1 && f.Mse >= 0), Is.True);
    }

    [Test]
    public void Clmas_StoppedMidRunAndResumed_EndsWhereAnUninterruptedRunEnds()
    {
        using var source = TestNetworks.Create("gru", seed: 4, width: 16);
        using var network = TestNetworks.Create("gru", seed: 1, width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 24, Trials = 80 }, "sim");
        var options = Clmas(40, patience: 100);
        AlignmentResult Train(ICheckpointStore? store, CancellationToken cancel = default, IProgress<AlignmentProgress>? progress = null)
        {
            using var recording = new RecordingSystem("rec", simulated.Recording, Task.CausalModel);
            using var trainer = new AlignmentTrainer([new NetworkSystem("net", network), recording], Task, options);
            return trainer.Train(progress, cancel, store);
        }
        var whole = Train(null);
        var store = new MemoryCheckpointStore();
        using (var stop = new CancellationTokenSource())
        {
            var stopped = Train(store, stop.Token, new SyncProgress(p => { if (p.Step == 20) stop.Cancel(); }));
            Assert.That(stopped.Steps, Is.EqualTo(20), "the first attempt stopped mid-run");
        }
        var reported = new List<int>();
        var resumed = Train(store, progress: new SyncProgress(p => reported.Add(p.Step)));
        Assert.That(reported, Is.EqualTo(new[] { 30, 40 }), "the resumed run went on from step 20");
        Assert.That(resumed.Steps, Is.EqualTo(whole.Steps));
        Assert.That(resumed.History.Select(h => h.ValidationLoss), Is.EqualTo(whole.History.Select(h => h.ValidationLoss)).Within(1e-6));
        Assert.That(resumed.Scores.Select(s => s.Iia), Is.EqualTo(whole.Scores.Select(s => s.Iia)));
        Assert.That(resumed.ClFits.Select(f => f.Mse), Is.EqualTo(whole.ClFits.Select(f => f.Mse)).Within(1e-6));
    }

    [Test]
    public void ClTrainingSteps_LeaveNoNativeTensorAlive()
    {
        using var source = TestNetworks.Create("gru", seed: 4, width: 16);
        using var network = TestNetworks.Create("gru", seed: 1, width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 24, Trials = 80 }, "sim");
        using var recording = new RecordingSystem("rec", simulated.Recording, Task.CausalModel);
        using var trainer = new AlignmentTrainer([new NetworkSystem("net", network), recording], Task, Clmas(10));
        Assert.That(trainer.TrainedDirections.Count(d => d.Loss == DirectionLoss.CounterfactualLatent), Is.EqualTo(2), "the CL path is trained");
        using var optimizer = optim.Adam(trainer.Maps.SelectMany(m => m.parameters()), 1e-3);
        long? live = null;
        for (var step = 0; step < 30; step++)
        {
            trainer.TrainStep(optimizer, new Random(step));
            var now = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            if (step == 5) live = now;
            if (step > 5) Assert.That(now, Is.EqualTo(live), $"live tensors grew at step {step}");
        }
    }

    [Test]
    public void ANetworkMarkedInaccessible_IsScoredByRunningIt()
    {
        // The network's own states stand in for a recording; its ground truth is the identity, so mapping an intervened
        // state back and running the network is the true IIA of the direction into it.
        var shipped = Path.Combine(NeuroMas.Tests.Cli.CliRunner.Root, "datasets", "networks");
        using var target = NeuroMas.Models.Checkpoint.Load(Path.Combine(shipped, "gru-seed4.nmck")).Network;
        using var network = NeuroMas.Models.Checkpoint.Load(Path.Combine(shipped, "gru-seed1.nmck")).Network;
        var states = RecordingSimulator.States(target, Task, trials: 80, seed: 2, "gru4 states");
        Assert.That(states.Units, Is.EqualTo(128));
        using var inaccessible = new RecordingSystem("gru4", states, Task.CausalModel);
        using var truth = GroundTruth.Identity(new NetworkSystem("gru4", target));
        using var trainer = new AlignmentTrainer([new NetworkSystem("net", network), inaccessible], Task, Clmas(10), new Dictionary<int, GroundTruth> { [1] = truth });
        var result = trainer.Train();
        var ceiling = result.Scores.Single(s => s.Condition == "ground_truth_ceiling");
        // The latent is a real state of that network with the counterfactual causal state: running it on must mostly be right.
        Assert.That(ceiling.Iia, Is.GreaterThan(0.5));
        Assert.That(result.Scores.Count(s => s.Condition == "ground_truth"), Is.EqualTo(2));
        using var scope = NewDisposeScope();
        var h = randn(5, 128);
        Assert.That(truth.Back(h, truth.Record(h), h + 1).allclose(h + 1, atol: 1e-6), Is.True, "identity observation: the state is the recording");
    }

    [Test]
    public void ARecordingInOtherUnits_AlignsTheSame()
    {
        // Hz, z-scored or ×50 + 5: the same recording. The maps and the CL loss see it in standardised units fitted on
        // training trials, so the alignment does not depend on the file's units.
        using var source = TestNetworks.Create("gru", seed: 4, width: 16);
        using var network = TestNetworks.Create("gru", seed: 1, width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 24, Trials = 80 }, "sim").Recording;
        var scaled = new float[simulated.Samples, simulated.Units];
        for (var i = 0; i < simulated.Samples; i++)
            for (var u = 0; u < simulated.Units; u++) scaled[i, u] = simulated.Activity[i, u] * 50 + 5;
        AlignmentResult Train(NeuroMas.Recordings.Recording recording)
        {
            using var system = new RecordingSystem("rec", recording, Task.CausalModel);
            using var trainer = new AlignmentTrainer([new NetworkSystem("net", network), system], Task, Clmas(20));
            return trainer.Train();
        }
        var plain = Train(simulated);
        var hz = Train(new NeuroMas.Recordings.Recording("sim-hz", scaled, simulated.Labels, simulated.Trial, simulated.Step));
        Assert.That(hz.Scores.Select(s => s.Iia), Is.EqualTo(plain.Scores.Select(s => s.Iia)).Within(0.02));
        Assert.That(hz.ClFits.Select(f => f.Mse), Is.EqualTo(plain.ClFits.Select(f => f.Mse)).Within(1e-3), "the CL loss is in standardised units");
        Assert.That(hz.ClFits.Select(f => f.Mse).Max(), Is.LessThan(10), "not in the file's units (×50 would make it thousands)");
    }

    private sealed class MemoryCheckpointStore : ICheckpointStore
    {
        private byte[]? _saved;
        public Stream? OpenRead() => _saved is null ? null : new MemoryStream(_saved);
        public void Write(Action<Stream> write)
        {
            using var stream = new MemoryStream();
            write(stream);
            _saved = stream.ToArray();
        }
    }

    private sealed class SyncProgress(Action<AlignmentProgress> report) : IProgress<AlignmentProgress>
    {
        public void Report(AlignmentProgress value) => report(value);
    }

    [Test]
    public void MeanLatents_AverageOnlyTheirSplitsTrials()
    {
        using var scope = NewDisposeScope();
        using var source = TestNetworks.Create("gru", seed: 4, width: 16);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 8, Trials = 60 }, "sim");
        using var recording = new RecordingSystem("rec", simulated.Recording, Task.CausalModel);
        var r = simulated.Recording;
        int[] state = [r.Labels["count"][0], r.Labels["phase"][0]];
        for (var split = 0; split < 3; split++)
        {
            var rows = Enumerable.Range(0, r.Samples).Where(i => r.Labels["count"][i] == state[0] && r.Labels["phase"][i] == state[1]
                && CausalStates.SplitOf(r.Trial[i]) == split).Select(i => (long)i).ToArray();
            Assert.That(rows, Is.Not.Empty);
            var expected = recording.SamplesAt(tensor(rows)).mean([0]);
            var actual = recording.Means(split)[recording.MeanRow(state, split)!.Value];
            Assert.That(actual.allclose(expected, atol: 1e-5), Is.True, $"split {split}");
        }
        Assert.That(recording.Means(0)[recording.MeanRow(state, 0)!.Value].allclose(recording.Means(2)[recording.MeanRow(state, 2)!.Value]), Is.False);
    }

    [Test]
    public void IiaOverChangedPairs_LeavesOutThePairsTheTargetAloneAlreadyGetsRight()
    {
        using var scope = NewDisposeScope();
        var (trained, _) = NeuroMas.Models.Checkpoint.Load(Path.Combine(NeuroMas.Tests.Cli.CliRunner.Root, "datasets", "networks", "gru-seed1.nmck"));
        using var network = trained;
        var task = TaskCatalog.Get("multi-object");
        var system = new NetworkSystem("gru", network);
        var pairs = PairSampler.Sample(task, new PairSamplerOptions { Count = 300, Seed = 11, Variable = "count" });
        var states = (Source: system.StatesAt(pairs.Select(p => p.Source).ToList(), pairs.Select(p => p.SourcePosition).ToList(), task.MaxLength),
            Target: system.StatesAt(pairs.Select(p => p.Target).ToList(), pairs.Select(p => p.TargetPosition).ToList(), task.MaxLength));
        using var data = DirectionData.Build(pairs, task.MaxLength, states.Source, states.Target);
        var alone = BehaviourObjective.Score(network, data, _ => null);
        Assert.That(alone.Trial, Is.GreaterThan(0.02), "some pairs need no change: the trained network already gets them right");
        // Left alone, the target gets none of the pairs that need a change right.
        var changedAlone = BehaviourObjective.ScoreChanged(network, data, _ => null);
        Assert.That(changedAlone.Trials, Is.EqualTo(alone.Trials - alone.CorrectTrials));
        Assert.That(changedAlone.CorrectTrials, Is.Zero);
        // Whatever the intervention, the changed pairs are the same rows.
        var swapped = BehaviourObjective.ScoreChanged(network, data, rows => data.SourceStates.index_select(0, rows));
        Assert.That(swapped.Trials, Is.EqualTo(changedAlone.Trials));
    }

    [Test]
    public void NearestLatent_IsTheClosestSampleWithTheCounterfactualLabels_InTheSameSplit()
    {
        // Trials 0, 1, 2 are all in the training split (trial % 5 in 0..2). Sample 0 (count 1) is the target; of the
        // count-2 samples, sample 3 is closest to it, sample 4 closer still but in trial 3 (the validation split).
        var activity = new float[,] { { 0, 0 }, { 5, 5 }, { 3, 0 }, { 1, 1 }, { 0.5f, 0 } };
        var labels = new Dictionary<string, int[]> { ["count"] = [1, 2, 2, 2, 2], ["phase"] = [-1, -1, -1, -1, -1] };
        var recording = new NeuroMas.Recordings.Recording("toy", activity, labels, [0, 1, 2, 2, 3], [0, 0, 0, 1, 0]);
        using var system = new RecordingSystem("toy", recording, Task.CausalModel);
        Assert.That(system.Nearest([2, -1], 0, split: 0), Is.EqualTo(3));
        Assert.That(system.Nearest([2, -1], 0, split: 1), Is.EqualTo(4));
        Assert.That(system.Nearest([7, -1], 0, split: 0), Is.Null);
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
        // If the recording sees the whole state, moving the recorded state to the exact recording of another
        // network state and mapping back reproduces that state: the ground truth is sound.
        using var scope = NewDisposeScope();
        using var source = TestNetworks.Create("gru", seed: 2, width: 16);
        var system = new NetworkSystem("src", source);
        var simulated = RecordingSimulator.Simulate(source, Task, new SimulationOptions { Units = 40, Trials = 20, Noise = "none" }, "sim");
        var natural = system.NaturalStates(Task, 200, seed: 5);
        using var truth = new GroundTruth(system, simulated.Observation, simulated.Bias, natural);
        var (h, other) = (natural[..50], natural[50..100]);
        var back = truth.Back(h, truth.Record(h), truth.Record(other));
        Assert.That((back - other).abs().max().item<float>(), Is.LessThan(0.02f));
    }

    [Test]
    public void GroundTruth_WithFewerUnitsThanDimensions_RecoversStatesOfALowDimensionalNetwork()
    {
        // States in a 4-dimensional subspace of a 16-wide network, seen through 8 units: W has a null space,
        // so W⁺ loses part of every state change, but the recording still determines the state.
        using var scope = NewDisposeScope();
        using var source = TestNetworks.Create("gru", seed: 2, width: 16);
        manual_seed(7);
        var basis = randn(4, 16);
        var natural = randn(500, 4).matmul(basis) + 0.5;
        var w = randn(16, 8);
        var observation = new float[16, 8];
        Buffer.BlockCopy(w.data<float>().ToArray(), 0, observation, 0, 16 * 8 * sizeof(float));
        using var truth = new GroundTruth(new NetworkSystem("src", source), observation, new float[8], natural);
        var (h, other) = (natural[..20], natural[20..40]);
        var back = truth.Back(h, truth.Record(h), truth.Record(other));
        var pinv = h + (truth.Record(other) - truth.Record(h)).matmul(linalg.pinv(w));
        Assert.That((back - other).abs().max().item<float>(), Is.LessThan(0.01f));
        Assert.That((pinv - other).abs().max().item<float>(), Is.GreaterThan(0.1f), "the test must need more than W⁺");
    }
}
