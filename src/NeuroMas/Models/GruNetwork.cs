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

    public override Tensor InterventionLogits(Tensor tokens, Tensor positions, Tensor? replacement, int steps)
    {
        using var scope = NewDisposeScope();
        var time = tokens.shape[1];
        var start = replacement ?? HookStates(tokens).gather(1, positions.view(-1, 1, 1).expand(-1, 1, StateWidth)).squeeze(1);
        var states = start.unsqueeze(1);
        if (steps > 1)
        {
            var inputs = tokens.gather(1, Offsets(positions, 1, steps - 1, time));
            var (after, _) = gru.call(embedding.call(inputs), start.unsqueeze(0).contiguous());
            states = cat([states, after], 1);
        }
        return readout.call(states).MoveToOuterDisposeScope();
    }
}
