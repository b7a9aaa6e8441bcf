using NeuroMas.Models;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models;

[TestFixtureSource(typeof(TestNetworks), nameof(TestNetworks.HookSiteNetworks))]
public class HookSiteTests(string architecture)
{
    private const int Steps = 6;

    [Test]
    public void ReplacingTheStateWithItself_LeavesTheOutputsUnchanged()
    {
        using var scope = NewDisposeScope();
        using var network = TestNetworks.Create(architecture);
        using var batch = SequenceBatch.From(TestNetworks.Sequences(12, 1), 30);
        var positions = tensor(Enumerable.Range(0, 12).Select(i => (long)(i % 5)).ToArray());
        var own = network.HookStates(batch.Tokens).gather(1, positions.view(-1, 1, 1).expand(-1, 1, network.StateWidth)).squeeze(1);
        var replaced = network.InterventionLogits(batch.Tokens, positions, own, Steps);
        var untouched = network.InterventionLogits(batch.Tokens, positions, null, Steps);
        var plain = network.call(batch.Tokens).gather(1, (positions.unsqueeze(1) + arange(Steps)).unsqueeze(-1).expand(-1, -1, replaced.shape[2]));
        Assert.That(replaced.allclose(untouched, atol: 1e-5), Is.True);
        Assert.That(replaced.allclose(plain, atol: 1e-4), Is.True, "the hook-site continuation must equal the plain forward pass");
    }

    [Test]
    public void ReplacingTheStateWithAnotherRunsState_ChangesTheOutputs()
    {
        using var scope = NewDisposeScope();
        using var network = TestNetworks.Create(architecture);
        using var a = SequenceBatch.From(TestNetworks.Sequences(12, 1), 30);
        using var b = SequenceBatch.From(TestNetworks.Sequences(12, 2), 30);
        var positions = full(12, 2L);
        var other = network.HookStates(b.Tokens)[.., 4];
        var own = network.InterventionLogits(a.Tokens, positions, null, Steps);
        var swapped = network.InterventionLogits(a.Tokens, positions, other, Steps);
        Assert.That((own - swapped).abs().max().item<float>(), Is.GreaterThan(1e-3f));
    }

    [Test]
    public void PackedContinuation_MatchesThePaddedOne_UpToEachRowsLength()
    {
        using var scope = NewDisposeScope();
        using var network = TestNetworks.Create(architecture);
        using var batch = SequenceBatch.From(TestNetworks.Sequences(8, 3), 30);
        var positions = tensor(new long[] { 0, 1, 2, 3, 0, 1, 2, 3 });
        var lengths = tensor(new long[] { 1, 2, 3, 6, 6, 5, 4, 2 });
        var padded = network.ContinuationFeatures(batch.Tokens, positions, null, Steps);
        var packed = network.ContinuationFeatures(batch.Tokens, positions, null, Steps, lengths);
        for (var row = 0; row < 8; row++)
        {
            var n = (int)lengths[row].item<long>();
            Assert.That(packed[row, ..n].allclose(padded[row, ..n], atol: 1e-5), Is.True, $"row {row}");
        }
    }

    [Test]
    public void FreeRun_FromAState_FeedsBackItsOwnPredictions()
    {
        using var scope = NewDisposeScope();
        using var network = TestNetworks.Create(architecture);
        using var batch = SequenceBatch.From(TestNetworks.Sequences(6, 4), 30);
        var positions = zeros(6, dtype: int64);
        var allScored = ones(batch.Tokens.shape, dtype: @bool);
        var predicted = network.FreeRun(batch.Tokens, positions, null, allScored, Steps);
        // Teacher-forcing the network's own free-running predictions must reproduce them.
        var fed = batch.Tokens.clone();
        fed[.., 1..(Steps + 1)] = predicted;
        var teacher = network.InterventionLogits(fed, positions, null, Steps).argmax(-1);
        Assert.That(teacher.eq(predicted).all().item<bool>(), Is.True);
    }
}
