using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>One-layer LSTM; the hook-site state is <c>[h; c]</c> (width 2d), both halves intervened.</summary>
public sealed class LstmNetwork : TaskNetwork
{
    private readonly Embedding embedding;
    private readonly LSTM lstm;
    private readonly nn.Module<Tensor, Tensor> readout;

    public LstmNetwork(NetworkOptions options) : base("lstm", options)
    {
        embedding = nn.Embedding(options.VocabularySize, options.Width);
        lstm = nn.LSTM(options.Width, options.Width, batchFirst: true);
        readout = Readout(options.Width, options.VocabularySize);
        RegisterComponents();
    }

    public override int StateWidth => 2 * Options.Width;

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (states, _, _) = lstm.call(embedding.call(tokens), null);
        return readout.call(states).MoveToOuterDisposeScope();
    }

    public override Tensor HookStates(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var inputs = embedding.call(tokens);
        // nn.LSTM returns c only for the last step, so step through time to read c_t as well.
        (Tensor h, Tensor c)? carry = null;
        var states = new List<Tensor>((int)tokens.shape[1]);
        for (var t = 0; t < tokens.shape[1]; t++)
        {
            var (_, h, c) = lstm.call(inputs[.., t..(t + 1)], carry);
            carry = (h, c);
            states.Add(cat([h[0], c[0]], -1));
        }
        return stack(states, 1).MoveToOuterDisposeScope();
    }

    public override Tensor ContinuationFeatures(Tensor tokens, Tensor positions, Tensor? replacement, int steps, Tensor? lengths = null)
    {
        using var scope = NewDisposeScope();
        var start = replacement ?? StatesAt(tokens, positions);
        var d = Options.Width;
        var h0 = start[.., ..d];
        var states = h0.unsqueeze(1);
        if (steps > 1)
        {
            var inputs = embedding.call(tokens.gather(1, Offsets(positions, 1, steps - 1, tokens.shape[1])));
            var carry = (h0.unsqueeze(0).contiguous(), start[.., d..].unsqueeze(0).contiguous());
            var after = RunPacked(inputs, lengths, x => lstm.call(x, carry).Item1, p => lstm.call(p, carry).Item1);
            states = cat([states, after], 1);
        }
        return states.MoveToOuterDisposeScope();
    }

    public override Tensor ReadoutLogits(Tensor features) => readout.call(features);

    public override Tensor ReadoutLosses(Tensor features, Tensor targets) => ReadoutHead.Losses(readout, features, targets);

    /// <summary>Steps the LSTM one token at a time, feeding back its own argmax where scored.</summary>
    public override Tensor FreeRun(Tensor tokens, Tensor positions, Tensor? replacement, Tensor scored, int steps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var start = replacement ?? StatesAt(tokens, positions);
        var d = Options.Width;
        var (h, c) = (start[.., ..d].unsqueeze(0).contiguous(), start[.., d..].unsqueeze(0).contiguous());
        var predictions = new List<Tensor>(steps);
        for (var j = 0; j < steps; j++)
        {
            var predicted = readout.call(h[0]).argmax(-1);
            predictions.Add(predicted);
            if (j == steps - 1) break;
            var feed = NextInput(tokens, positions, scored, predicted, j);
            (_, h, c) = lstm.call(embedding.call(feed).unsqueeze(1), (h, c));
        }
        return stack(predictions, 1).MoveToOuterDisposeScope();
    }
}
