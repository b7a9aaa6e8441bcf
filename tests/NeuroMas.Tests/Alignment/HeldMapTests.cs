using NeuroMas.Alignment;
using NeuroMas.Tasks;
using NeuroMas.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

/// <summary>
/// A held map (<see cref="AlignmentMap.Hold"/>) computes its matrix once per loss instead of once per direction. The loss
/// and its gradients must be those of recomputing it every time, to float rounding (the gradient of the shared matrix is
/// summed before the matrix exponential's backward instead of after).
/// </summary>
public class HeldMapTests
{
    private static readonly ITask Task = TaskCatalog.Get("multi-object", maxCount: 6);

    [TestCase(MapKind.Orthogonal)]
    [TestCase(MapKind.Subspace)]
    public void HoldingTheMaps_GivesTheSameLossAndGradients(MapKind kind)
    {
        using var scope = NewDisposeScope();
        using var a = TestNetworks.Create("gru", width: 16, seed: 1);
        using var b = TestNetworks.Create("gru", width: 16, seed: 2);
        var options = new AlignmentOptions { Method = AlignmentMethod.Mas, SubspaceSize = 4, TrainPairs = 64, ValidationPairs = 8, TestPairs = 8, Seed = 3, Map = kind };
        using var trainer = new AlignmentTrainer([new NetworkSystem("a", a), new NetworkSystem("b", b)], Task, options);
        foreach (var map in trainer.Maps)
            using (no_grad())
                foreach (var p in map.parameters()) p.add_(randn_like(p) * 0.1);
        var rows = Enumerable.Range(0, 32).Select(i => (long)i).ToArray();

        (double Loss, Tensor[] Gradients) LossAndGradients(bool held)
        {
            var holds = held ? trainer.Maps.Select(m => m.Hold()).ToList() : [];
            foreach (var p in trainer.Maps.SelectMany(m => m.parameters())) p.grad?.zero_();
            var loss = trainer.GroupLoss(0, [(0, trainer.Data(0, 0, 0), rows), (1, trainer.Data(1, 0, 0), rows)])
                + trainer.GroupLoss(1, [(0, trainer.Data(0, 1, 0), rows), (1, trainer.Data(1, 1, 0), rows)]);
            foreach (var h in holds) h.Dispose();
            loss.backward();
            return (loss.item<float>(), trainer.Maps.SelectMany(m => m.parameters()).Select(p => p.grad!.clone()).ToArray());
        }

        var (recomputed, recomputedGradients) = LossAndGradients(held: false);
        var (sharedLoss, sharedGradients) = LossAndGradients(held: true);
        Assert.That(sharedLoss, Is.EqualTo(recomputed).Within(1e-6).Percent);
        for (var i = 0; i < recomputedGradients.Length; i++)
        {
            Assert.That(recomputedGradients[i].abs().max().item<float>(), Is.GreaterThan(0f), "every map gets a gradient");
            var error = (sharedGradients[i] - recomputedGradients[i]).abs().max().item<float>() / recomputedGradients[i].abs().max().item<float>();
            Assert.That(error, Is.LessThan(1e-5), $"parameter {i}: relative gradient difference");
        }
    }

    [Test]
    public void AHeldMatrix_IsComputedOnceAndReleasedAfterwards()
    {
        using var scope = NewDisposeScope();
        using var map = new OrthogonalMap(8);
        Tensor first, second;
        using (map.Hold())
        {
            first = map.Rotation();
            second = map.Rotation();
            Assert.That(ReferenceEquals(first, second), Is.True, "one matrix while held");
        }
        Assert.That(first.IsInvalid, Is.True, "the held matrix is released when the hold ends");
        Assert.That(ReferenceEquals(map.Rotation(), map.Rotation()), Is.False, "recomputed when not held");
    }
}
