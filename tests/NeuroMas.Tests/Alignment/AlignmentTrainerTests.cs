using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Tasks;
using NeuroMas.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

public class AlignmentTrainerTests
{
    private static readonly ITask Task = TaskCatalog.Get("multi-object", maxCount: 6);

    private static AlignmentOptions Small(AlignmentMethod method, int k = 4) => new()
    {
        Method = method,
        SubspaceSize = k,
        TrainPairs = 200,
        ValidationPairs = 100,
        TestPairs = 100,
        BatchSize = 32,
        MaxSteps = 20,
        ValidateEvery = 10,
        Seed = 1,
    };

    [Test]
    public void IdentityMapsWithAFullSwap_ReproduceTheSourcesBehaviour()
    {
        using var scope = NewDisposeScope();
        using var network = TestNetworks.Create("gru", width: 16);
        var system = new NetworkSystem("g", network);
        using var trainer = new AlignmentTrainer([system, system], Task, Small(AlignmentMethod.Mas, k: 16) with { ZScore = false });
        foreach (var map in trainer.Maps) map.load_state_dict(new OrthogonalMap(16, randomStart: false).state_dict());
        var data = trainer.Data(0, 1, 2);
        var intervened = trainer.Intervene(0, 1, data.SourceStates, data.TargetStates);
        Assert.That(intervened.allclose(data.SourceStates, atol: 1e-5), Is.True);
        // With the source's own state, the target continues exactly as the source network does from it.
        var rows = arange(data.Count, dtype: int64);
        var fromSource = network.InterventionLogits(data.Tokens, data.Positions, data.SourceStates, data.Steps);
        var fromSwap = network.InterventionLogits(data.Tokens, data.Positions, intervened, data.Steps);
        Assert.That(fromSwap.allclose(fromSource, atol: 1e-4), Is.True);
    }

    [Test]
    public void SwappingAStateWithItself_LeavesTheTargetsOutputsUnchanged()
    {
        using var scope = NewDisposeScope();
        using var network = TestNetworks.Create("gru", width: 16);
        using var trainer = new AlignmentTrainer([new NetworkSystem("g", network)], Task, Small(AlignmentMethod.Das));
        var data = trainer.Data(0, 0, 2);
        var intervened = trainer.Intervene(0, 0, data.TargetStates, data.TargetStates);
        Assert.That(intervened.allclose(data.TargetStates, atol: 1e-4), Is.True);
    }

    [Test]
    public void TrainingSteps_LeaveNoNativeTensorAlive()
    {
        using var network = TestNetworks.Create("gru", width: 16);
        using var trainer = new AlignmentTrainer([new NetworkSystem("a", network), new NetworkSystem("b", network)], Task, Small(AlignmentMethod.Mas));
        var rows = Enumerable.Range(0, 32).Select(i => (long)i).ToArray();
        using var optimizer = optim.Adam(trainer.Maps.SelectMany(m => m.parameters()), 1e-3);
        foreach (var d in trainer.TrainedDirections) trainer.Data(d.Source, d.Target, 0);
        long? live = null;
        for (var step = 0; step < 30; step++)
        {
            using (var scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                var loss = trainer.TrainedDirections.Select(d => trainer.GroupLoss(d.Target, [(d.Source, trainer.Data(d.Source, d.Target, 0), rows)]))
                    .Aggregate((a, b) => a + b);
                loss.backward();
                optimizer.step();
            }
            var now = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            if (step == 5) live = now;
            if (step > 5) Assert.That(now, Is.EqualTo(live), $"live tensors grew at step {step}");
        }
    }

    [Test]
    public void TrainedDirectionsFollowTheMethod()
    {
        using var network = TestNetworks.Create("gru", width: 16);
        var systems = new[] { new NetworkSystem("a", network), new NetworkSystem("b", network) };
        using var uni = new AlignmentTrainer(systems, Task, Small(AlignmentMethod.Unimas));
        using var stitch = new AlignmentTrainer(systems, Task, Small(AlignmentMethod.Stitching));
        Assert.That(uni.TrainedDirections.Select(d => (d.Source, d.Target)), Is.EquivalentTo(new[] { (0, 1), (1, 1) }));
        Assert.That(stitch.TrainedDirections.Select(d => (d.Source, d.Target)), Is.EquivalentTo(new[] { (0, 1) }));
        Assert.That(uni.Directions.Select(d => (d.Source, d.Target)), Is.EquivalentTo(new[] { (0, 0), (0, 1), (1, 0), (1, 1) }), "every direction is evaluated");
        Assert.That(stitch.SubspaceSize, Is.EqualTo(16), "stitching swaps the full width");
    }

    [Test]
    public void AMethodGivenTheWrongNumberOfSystems_IsAnInputError()
    {
        using var network = TestNetworks.Create("gru", width: 16);
        var e = Assert.Throws<InputException>(() => new AlignmentTrainer([new NetworkSystem("a", network)], Task, Small(AlignmentMethod.Unimas)));
        Assert.That(e!.Message, Does.Contain("expects 2 system(s), found 1"));
    }

    [Test]
    public void Result_ReportsEveryDirection_WithItsControl()
    {
        using var network = TestNetworks.Create("gru", width: 16);
        using var trainer = new AlignmentTrainer([new NetworkSystem("a", network), new NetworkSystem("b", network)], Task, Small(AlignmentMethod.Unimas));
        var result = trainer.Train();
        // Four directions × (intervention, no intervention, IIA over changed pairs).
        Assert.That(result.Scores, Has.Count.EqualTo(12));
        Assert.That(result.Scores.Count(s => s.Trained), Is.EqualTo(6));
        Assert.That(result.Scores.Where(s => s.Condition != "intervention_changed").All(s => s.Pairs == 100 && s.Iia is >= 0 and <= 1), Is.True);
        Assert.That(result.ClFits, Is.Empty, "no direction into an inaccessible system");
        Assert.That(result.MapParameters, Is.EqualTo(2 * 16 * 16));
    }
}
