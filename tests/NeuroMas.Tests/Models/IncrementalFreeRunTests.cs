using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models;

/// <summary>
/// Every architecture's own free run (the transformer's by cached keys and values, the recurrent ones step by step)
/// predicts the same tokens as re-running the whole sequence for every step.
/// </summary>
public class IncrementalFreeRunTests
{
    private static string Shipped(string name) => Path.Combine(Cli.CliRunner.Root, "datasets", "networks", name);

    [TestCase("transformer-seed1.nmck")]
    [TestCase("gru-seed1.nmck")]
    public void ShippedNetwork_OnFreshSequences_PredictsTheTokensOfTheRerunningPath(string file)
    {
        using var scope = NewDisposeScope();
        var (network, info) = Checkpoint.Load(Shipped(file));
        using (network)
        {
            var task = TaskCatalog.Get(info.Task, info.MaxCount);
            var random = new Random(3);
            using var batch = SequenceBatch.From(Enumerable.Range(0, 100).Select(_ => task.Sample(random)).ToList());
            var steps = (int)batch.Tokens.shape[1] - 1;
            var positions = zeros(100, dtype: int64);
            var cached = network.FreeRun(batch.Tokens, positions, null, batch.Scored, steps);
            var rerun = network.FreeRunByRerunning(batch.Tokens, positions, null, batch.Scored, steps);
            Assert.That(cached.shape, Is.EqualTo(rerun.shape));
            Assert.That(cached.eq(rerun).all().item<bool>(), Is.True);
        }
    }

    [Test]
    public void ShippedTransformer_WithAReplacedHookState_PredictsTheTokensOfTheRerunningPath()
    {
        using var scope = NewDisposeScope();
        var (network, info) = Checkpoint.Load(Shipped("transformer-seed1.nmck"));
        using (network)
        {
            var task = TaskCatalog.Get(info.Task, info.MaxCount);
            var random = new Random(4);
            using var target = SequenceBatch.From(Enumerable.Range(0, 64).Select(_ => task.Sample(random)).ToList(), task.MaxLength);
            using var source = SequenceBatch.From(Enumerable.Range(0, 64).Select(_ => task.Sample(random)).ToList(), task.MaxLength);
            var positions = tensor(Enumerable.Range(0, 64).Select(i => (long)(i % 9)).ToArray());
            var replacement = network.HookStates(source.Tokens)[.., 5];
            // Enough steps that rows run past the end, where both paths clamp to the last position.
            var steps = task.MaxLength - 2;
            var cached = network.FreeRun(target.Tokens, positions, replacement, target.Scored, steps);
            var rerun = network.FreeRunByRerunning(target.Tokens, positions, replacement, target.Scored, steps);
            var untouched = network.FreeRun(target.Tokens, positions, null, target.Scored, steps);
            Assert.That(cached.eq(rerun).all().item<bool>(), Is.True);
            Assert.That(cached.eq(untouched).all().item<bool>(), Is.False, "the replacement must change some predictions");
        }
    }

    [TestCase("transformer", 0)]
    [TestCase("transformer", 1)]
    [TestCase("transformer", 2)]
    [TestCase("gru", 1)]
    [TestCase("lstm", 1)]
    public void RandomNetworkOnRandomTokens_PredictsTheTokensOfTheRerunningPath(string architecture, int hookLayer)
    {
        using var scope = NewDisposeScope();
        manual_seed(hookLayer + 11);
        using var network = NetworkFactory.Create(new NetworkOptions
        {
            Architecture = architecture,
            Width = 32,
            Heads = 2,
            HookLayer = hookLayer,
            MaxLength = 64,
        }).Freeze();
        var (batch, time, steps) = (24, 20, 16);
        var tokens = randint(0, Vocabulary.Size, [batch, time], dtype: int64);
        var scored = rand(batch, time).lt(0.6);
        // Recurrent networks feed the given token past the end where the re-running path feeds its own last
        // prediction, so positions + steps stay inside the sequence here (the transformer test above runs past it).
        var positions = randint(0, time - steps, [batch], dtype: int64);
        var replacement = randn(batch, network.StateWidth) * 2;
        foreach (var r in new[] { null, replacement })
        {
            var cached = network.FreeRun(tokens, positions, r, scored, steps);
            var rerun = network.FreeRunByRerunning(tokens, positions, r, scored, steps);
            Assert.That(cached.eq(rerun).all().item<bool>(), Is.True, r is null ? "no replacement" : "with a replacement");
        }
    }
}
