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

    public override Tensor InterventionLogits(Tensor tokens, Tensor positions, Tensor? replacement, int steps)
    {
        using var scope = NewDisposeScope();
        var time = tokens.shape[1];
        var start = replacement ?? HookStates(tokens).gather(1, positions.view(-1, 1, 1).expand(-1, 1, StateWidth)).squeeze(1);
        var d = Options.Width;
        var h0 = start[.., ..d];
        var states = h0.unsqueeze(1);
        if (steps > 1)
        {
            var inputs = tokens.gather(1, Offsets(positions, 1, steps - 1, time));
            var (after, _, _) = lstm.call(embedding.call(inputs), (h0.unsqueeze(0).contiguous(), start[.., d..].unsqueeze(0).contiguous()));
            states = cat([states, after], 1);
        }
        return readout.call(states).MoveToOuterDisposeScope();
    }
}
