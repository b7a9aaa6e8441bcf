using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>One-layer GRU with token embedding and MLP read-out; the hook site is its hidden state h_t.</summary>
public sealed class GruNetwork : TaskNetwork
{
    private readonly Embedding embedding;
    private readonly GRU gru;
    private readonly nn.Module<Tensor, Tensor> readout;

    public GruNetwork(NetworkOptions options) : base("gru", options)
    {
        embedding = nn.Embedding(options.VocabularySize, options.Width);
        gru = nn.GRU(options.Width, options.Width, batchFirst: true);
        readout = Readout(options.Width, options.VocabularySize);
        RegisterComponents();
    }

    public override int StateWidth => Options.Width;

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (states, _) = gru.call(embedding.call(tokens), null);
        return readout.call(states).MoveToOuterDisposeScope();
    }

    public override Tensor HookStates(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (states, _) = gru.call(embedding.call(tokens), null);
        return states.MoveToOuterDisposeScope();
    }

    public override Tensor ContinuationFeatures(Tensor tokens, Tensor positions, Tensor? replacement, int steps, Tensor? lengths = null)
    {
        using var scope = NewDisposeScope();
        var start = replacement ?? StatesAt(tokens, positions);
        var states = start.unsqueeze(1);
        if (steps > 1)
        {
            var inputTokens = tokens.gather(1, Offsets(positions, 1, steps - 1, tokens.shape[1]));
            var after = lengths is null
                ? gru.call(embedding.call(inputTokens), start.unsqueeze(0).contiguous()).Item1
                : GruContinuation.Run(start, inputTokens, InputLengths(lengths.data<long>().ToArray(), steps), embedding.weight!, Weights());
            states = cat([states, after], 1);
        }
        return states.MoveToOuterDisposeScope();
    }

    /// <summary>The states at the scored positions from the packed continuation (<see cref="GruContinuation.Packed"/>).</summary>
    public override Tensor ScoredFeatures(Tensor tokens, Tensor positions, Tensor replacement, int steps, long[] lengths, Tensor scored)
    {
        if (steps <= 1) return base.ScoredFeatures(tokens, positions, replacement, steps, lengths, scored);
        using var scope = NewDisposeScope();
        var inputTokens = tokens.gather(1, Offsets(positions, 1, steps - 1, tokens.shape[1]));
        var run = GruContinuation.Packed(replacement, inputTokens, InputLengths(lengths, steps), embedding.weight!, Weights());
        // Step 0 is the start state itself, step j >= 1 the state after input j - 1.
        var at = scored.data<long>().Select(f => (Row: f / steps, Step: f % steps)).ToList();
        var packed = run.Rows(at.Select(x => (x.Row, x.Step - 1)).ToList());
        var batch = replacement.shape[0];
        var index = at.Select((x, i) => x.Step == 0 ? x.Row
            : packed[i] >= 0 ? batch + packed[i] : throw new ArgumentException($"position (row {x.Row}, step {x.Step}) is past the row's length {lengths[x.Row]}")).ToArray();
        return cat([replacement, run.States], 0).index_select(0, tensor(index)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The states after each row's position. Without gradients to the weights, from <see cref="GruContinuation"/> run from
    /// the zero state over each row's tokens up to its position (no input product per token, nothing past the position);
    /// nn.GRU's states to float rounding.
    /// </summary>
    public override Tensor StatesAt(Tensor tokens, Tensor positions)
    {
        if (Trainable) return base.StatesAt(tokens, positions);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var at = positions.data<long>().ToArray();
        var run = GruContinuation.Packed(zeros(tokens.shape[0], Options.Width), tokens, [.. at.Select(p => p + 1)], embedding.weight!, Weights());
        var rows = run.Rows([.. at.Select((p, b) => ((long)b, p))]);
        return run.States.index_select(0, tensor(rows)).MoveToOuterDisposeScope();
    }

    /// <summary>Whether a gradient to the weights is wanted (network training), which the hand-written paths do not give.</summary>
    private bool Trainable => is_grad_enabled() && parameters().Any(p => p.requires_grad);

    /// <summary>Inputs to run per row: up to its last scored step, the first step being the start state itself.</summary>
    private static long[] InputLengths(long[] lengths, int steps) => lengths.Select(l => Math.Clamp(l - 1, 1, steps - 1)).ToArray();

    public override Tensor ReadoutLogits(Tensor features) => readout.call(features);

    public override Tensor ReadoutLosses(Tensor features, Tensor targets) => ReadoutHead.Losses(readout, features, targets);

    /// <summary>The GRU's <c>weight_ih, weight_hh, bias_ih, bias_hh</c>.</summary>
    private (Tensor Ih, Tensor Hh, Tensor BiasIh, Tensor BiasHh) Weights() =>
        (gru.get_parameter("weight_ih_l0")!, gru.get_parameter("weight_hh_l0")!, gru.get_parameter("bias_ih_l0")!, gru.get_parameter("bias_hh_l0")!);

    /// <summary>
    /// Steps the GRU one token at a time, feeding back its own argmax where scored; each step the input gates are looked
    /// up per token and the cell is <see cref="GruCell"/>'s (nn.GRU's states to float rounding).
    /// </summary>
    public override Tensor FreeRun(Tensor tokens, Tensor positions, Tensor? replacement, Tensor scored, int steps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var h = (replacement ?? StatesAt(tokens, positions)).contiguous();
        var weights = Weights();
        var table = GruContinuation.InputTable(embedding.weight!, weights);
        var predictions = new List<Tensor>(steps);
        for (var j = 0; j < steps; j++)
        {
            var predicted = readout.call(h).argmax(-1);
            predictions.Add(predicted);
            if (j == steps - 1) break;
            var feed = NextInput(tokens, positions, scored, predicted, j);
            h = GruContinuation.Step(h, feed.data<long>().ToArray(), table, weights.Hh, weights.BiasHh);
        }
        return stack(predictions, 1).MoveToOuterDisposeScope();
    }
}
