using NeuroMas.Models;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models;

/// <summary>
/// The alignment's GRU continuation (packed forward, hand-written backward to the start state) against PyTorch's own
/// packed-sequence GRU with autograd, on the shipped network's weights.
/// </summary>
public class GruContinuationTests
{
    private const int Batch = 96, Time = 30;

    private static (TaskNetwork Network, Dictionary<string, Tensor> Parameters) Shipped()
    {
        var (network, _) = Checkpoint.Load(Path.Combine(Cli.CliRunner.Root, "datasets", "networks", "gru-seed1.nmck"));
        return (network, network.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter));
    }

    /// <summary>Lengths from 1 to <see cref="Time"/>, most short (as the alignment's continuations are), with ties.</summary>
    private static long[] Lengths(int seed)
    {
        var random = new Random(seed);
        var lengths = Enumerable.Range(0, Batch).Select(_ => (long)(random.Next(4) == 0 ? random.Next(1, Time + 1) : random.Next(1, 10))).ToArray();
        (lengths[0], lengths[1]) = (1, Time);
        return lengths;
    }

    /// <summary><c>nn.GRU</c> on the packed embedded tokens from <paramref name="start"/>, padded back as the trainer did.</summary>
    private static Tensor Reference(Dictionary<string, Tensor> p, Tensor start, Tensor tokens, long[] lengths)
    {
        var gru = nn.GRU(128, 128, batchFirst: true);
        using (no_grad())
            foreach (var (name, parameter) in gru.named_parameters()) parameter.copy_(p["gru." + name]);
        foreach (var parameter in gru.parameters()) parameter.requires_grad = false;
        var inputs = p["embedding.weight"].index_select(0, tokens.reshape(-1)).reshape(tokens.shape[0], tokens.shape[1], -1);
        var packed = nn.utils.rnn.pack_padded_sequence(inputs, tensor(lengths), batch_first: true, enforce_sorted: false);
        return nn.utils.rnn.pad_packed_sequence(gru.call(packed, start.unsqueeze(0)).Item1, batch_first: true, total_length: Time).Item1;
    }

    /// <summary>Tokens, hook positions, replacement states and per-row lengths (steps up to the last scored one, ≥ 2).</summary>
    private static (Tensor Tokens, Tensor Positions, Tensor Replacement, long[] Lengths) NetworkInputs(int seed, int lengthSeed)
    {
        manual_seed(seed);
        return (randint(0, 9, [Batch, Time + 5]), randint(0, 4, [Batch]), randn(Batch, 128), Lengths(lengthSeed).Select(l => l + 1).ToArray());
    }

    private static Tensor Continuation(Dictionary<string, Tensor> p, Tensor start, Tensor tokens, long[] lengths) =>
        GruContinuation.Run(start, tokens, lengths, p["embedding.weight"],
            (p["gru.weight_ih_l0"], p["gru.weight_hh_l0"], p["gru.bias_ih_l0"], p["gru.bias_hh_l0"]));

    [Test]
    public void Forward_GivesNnGrusPackedStates_ToFloatRounding()
    {
        using var scope = NewDisposeScope();
        var (network, p) = Shipped();
        using (network)
        {
            manual_seed(1);
            var tokens = randint(0, 9, [Batch, Time]);
            var start = randn(Batch, 128);
            var lengths = Lengths(2);
            var reference = Reference(p, start, tokens, lengths);
            var mine = Continuation(p, start, tokens, lengths);
            Assert.That(mine.shape, Is.EqualTo(reference.shape));
            // The input gates come from one product per vocabulary entry rather than one per input, which MKL may round
            // differently in the last bit for some rows, and the sigmoid and tanh are GruCell's own, within a few units in
            // the last place of libtorch's; the rest is nn.GRU's cell operation for operation, so most states keep every bit.
            Assert.That((mine - reference).abs().max().item<float>(), Is.LessThan(1e-5f));
            Assert.That(mine.eq(reference).to_type(float32).mean().item<float>(), Is.GreaterThan(0.75f), "most states equal to the bit");
            // Past each row's length the states are zero, as pad_packed_sequence leaves them.
            Assert.That(mine[0, 1..].abs().sum().item<float>(), Is.EqualTo(0f));
        }
    }

    [Test]
    public void Backward_GivesAutogradsStartGradient_ToFloatRounding()
    {
        using var scope = NewDisposeScope();
        var (network, p) = Shipped();
        using (network)
        {
            manual_seed(3);
            var tokens = randint(0, 9, [Batch, Time]);
            var start = randn(Batch, 128).requires_grad_(true);
            var lengths = Lengths(4);
            var weights = randn(Batch, Time, 128);
            var expected = autograd.grad([(Reference(p, start, tokens, lengths) * weights).sum()], [start])[0];
            var actual = autograd.grad([(Continuation(p, start, tokens, lengths) * weights).sum()], [start])[0];
            var scale = expected.abs().max().item<float>();
            Assert.That(scale, Is.GreaterThan(0.1f));
            Assert.That((actual - expected).abs().max().item<float>(), Is.LessThan(1e-5f * scale * Time));
            // Rows of one step: the gradient is one cell's, so any slip in a gate's factor shows here on its own.
            Assert.That((actual[0] - expected[0]).abs().max().item<float>(), Is.LessThan(1e-5f * scale));
        }
    }

    [Test]
    public void Network_TrainingPath_MatchesItsPaddedPathWithinEachRowsLength()
    {
        using var scope = NewDisposeScope();
        var (network, _) = Shipped();
        using (network)
        {
            var (tokens, positions, replacement, lengths) = NetworkInputs(5, 6);
            var packed = network.ContinuationFeatures(tokens, positions, replacement, Time + 1, tensor(lengths));
            var padded = network.ContinuationFeatures(tokens, positions, replacement, Time + 1);
            for (var b = 0; b < Batch; b++)
            {
                var n = (int)lengths[b];
                Assert.That((packed[b, ..n] - padded[b, ..n]).abs().max().item<float>(), Is.LessThan(1e-5f), $"row {b}");
            }
        }
    }

    [Test]
    public void Network_ScoredFeatures_AreTheContinuationsFeaturesAtThosePositions_WithTheirGradient()
    {
        using var scope = NewDisposeScope();
        var (network, _) = Shipped();
        using (network)
        {
            var (tokens, positions, replacement, lengths) = NetworkInputs(7, 8);
            replacement.requires_grad_(true);
            var random = new Random(9);
            // Every row's step 0 (the start state itself) and a few later steps within its length.
            var at = Enumerable.Range(0, Batch).SelectMany(b => new[] { 0L, random.Next((int)lengths[b]), lengths[b] - 1 }.Distinct().Select(j => ((long)b, j))).ToList();
            var flat = tensor(at.Select(x => x.Item1 * (Time + 1) + x.Item2).ToArray());
            var scored = network.ScoredFeatures(tokens, positions, replacement, Time + 1, lengths, flat);
            var padded = network.ContinuationFeatures(tokens, positions, replacement, Time + 1);
            var expected = padded.reshape(-1, 128).index_select(0, flat);
            Assert.That(scored.shape, Is.EqualTo(expected.shape));
            Assert.That((scored - expected).abs().max().item<float>(), Is.LessThan(1e-5f));
            var weights = randn(at.Count, 128);
            var gradient = autograd.grad([(scored * weights).sum()], [replacement])[0];
            var reference = autograd.grad([(expected * weights).sum()], [replacement])[0];
            Assert.That((gradient - reference).abs().max().item<float>(), Is.LessThan(1e-5f * reference.abs().max().item<float>() * Time));
            Assert.That(() => network.ScoredFeatures(tokens, positions, replacement, Time + 1, lengths, tensor(new[] { lengths[0] })), Throws.ArgumentException);
        }
    }

    [Test]
    public void Network_StatesAt_AreItsHookStatesAtThosePositions()
    {
        using var scope = NewDisposeScope();
        var (network, _) = Shipped();
        using (network)
        {
            manual_seed(10);
            var tokens = randint(0, 9, [Batch, Time]);
            var positions = randint(0, Time, [Batch]);
            positions[0] = 0;
            positions[1] = Time - 1;
            var expected = network.HookStates(tokens).gather(1, positions.view(-1, 1, 1).expand(-1, 1, 128)).squeeze(1);
            var states = network.StatesAt(tokens, positions);
            Assert.That(states.shape, Is.EqualTo(expected.shape));
            // To float rounding only: nn.GRU's unpacked path multiplies out the inputs as one large product, which MKL
            // sums in another order than the per-token table, and the difference is carried through up to 30 steps.
            Assert.That((states - expected).abs().max().item<float>(), Is.LessThan(1e-5f));
            Assert.That(expected.abs().max().item<float>(), Is.GreaterThan(0.1f), "states of some size");
        }
    }
}
