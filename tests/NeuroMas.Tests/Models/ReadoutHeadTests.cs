using NeuroMas.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models;

/// <summary>
/// The fused read-out loss (<see cref="ReadoutHead"/>) against libtorch's read-out (Linear, exact GELU, Linear) and
/// <c>cross_entropy</c>: per-token losses and the gradient at the features, on a shipped network and on small ones whose
/// widths leave a scalar tail after the vector loops.
/// </summary>
public class ReadoutHeadTests
{
    private static (Tensor Losses, Tensor Gradient) Libtorch(TaskNetwork network, Tensor features, Tensor targets)
    {
        var x = features.detach().clone().requires_grad_(true);
        var losses = nn.functional.cross_entropy(network.ReadoutLogits(x), targets, reduction: nn.Reduction.None);
        losses.backward([losses.detach() + 0.5]); // a gradient per token that is not all ones
        return (losses.detach(), x.grad!.detach());
    }

    private static (Tensor Losses, Tensor Gradient) Fused(TaskNetwork network, Tensor features, Tensor targets)
    {
        var x = features.detach().clone().requires_grad_(true);
        var losses = network.ReadoutLosses(x, targets);
        losses.backward([losses.detach() + 0.5]);
        return (losses.detach(), x.grad!.detach());
    }

    private static void AssertClose(Tensor actual, Tensor expected, double tolerance, string what)
    {
        var scale = Math.Max(1.0, expected.abs().max().item<float>());
        var error = (actual - expected).abs().max().item<float>();
        Assert.That(error, Is.LessThanOrEqualTo(tolerance * scale), $"{what}: max |fused − libtorch| {error:E2} at scale {scale:G3}");
    }

    [Test]
    public void ShippedGru_LossesAndFeatureGradient_MatchLibtorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var (network, _) = Checkpoint.Load(Path.Combine(Cli.CliRunner.Root, "datasets", "networks", "gru-seed1.nmck"));
        // The network's own states, so the logits are as confident as in an alignment, and some far out of range.
        var states = network.HookStates(randint(0, NeuroMas.Tasks.Vocabulary.Size, [40, 25])).reshape(-1, network.StateWidth);
        var features = cat([states, randn(200, network.StateWidth) * 8], 0);
        var targets = randint(0, network.Options.VocabularySize, features.shape[0]);
        var (lossT, gradT) = Libtorch(network, features, targets);
        var (lossF, gradF) = Fused(network, features, targets);
        AssertClose(lossF, lossT, 2e-6, "losses");
        AssertClose(gradF, gradT, 2e-6, "gradient at the features");
        Assert.That(gradT.abs().max().item<float>(), Is.GreaterThan(1e-3f), "the gradient compared is not zero");
    }

    [TestCase("gru", 13, 9)]
    [TestCase("lstm", 6, 5)]
    [TestCase("transformer", 8, 7)]
    public void SmallNetworks_WithScalarTails_MatchLibtorch(string architecture, int width, int vocabulary)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var network = NetworkFactory.Create(new NetworkOptions { Architecture = architecture, Width = width, Layers = 1, Heads = 2, HookLayer = 0, VocabularySize = vocabulary }).Freeze();
        var features = randn(101, width) * 3; // the read-out reads h (an LSTM's state is [h; c])
        var targets = randint(0, vocabulary, 101);
        var (lossT, gradT) = Libtorch(network, features, targets);
        var (lossF, gradF) = Fused(network, features, targets);
        AssertClose(lossF, lossT, 2e-6, "losses");
        AssertClose(gradF, gradT, 2e-6, "gradient at the features");
    }

    [Test]
    public void TrainableReadout_TakesLibtorchsPath_AndGivesWeightGradients()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var network = NetworkFactory.Create(new NetworkOptions { Width = 16, Layers = 1, HookLayer = 0 });
        var features = randn(30, 16);
        var targets = randint(0, network.Options.VocabularySize, 30);
        var fused = network.ReadoutLosses(features, targets);
        var reference = nn.functional.cross_entropy(network.ReadoutLogits(features), targets, reduction: nn.Reduction.None);
        Assert.That(fused.equal(reference).all().item<bool>(), Is.True, "unfrozen: the same computation as libtorch's");
        fused.sum().backward();
        Assert.That(network.parameters().Where(p => p.grad is not null).Select(p => p.grad!.abs().sum().item<float>()).Sum(), Is.GreaterThan(0f));
    }

    [Test]
    public void TargetOutsideTheVocabulary_IsRefused()
    {
        using var scope = NewDisposeScope();
        var network = NetworkFactory.Create(new NetworkOptions { Width = 8, Layers = 1, HookLayer = 0, VocabularySize = 5 }).Freeze();
        var error = Assert.Throws<ArgumentException>(() => network.ReadoutLosses(randn(3, 8), tensor(new long[] { 0, 5, 1 })));
        Assert.That(error!.Message, Does.Contain("target 5").And.Contain("vocabulary of 5"));
    }
}
