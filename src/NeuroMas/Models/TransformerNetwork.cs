using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>
/// Rotary pre-norm transformer (2 blocks, width 128 by default). The hook site is the residual
/// stream after block <see cref="NetworkOptions.HookLayer"/> at the intervened position.
/// </summary>
public sealed partial class TransformerNetwork : TaskNetwork
{
    private readonly Embedding embedding;
    private readonly ModuleList<RotaryBlock> blocks;
    private readonly LayerNorm norm;
    private readonly nn.Module<Tensor, Tensor> readout;

    public TransformerNetwork(NetworkOptions options) : base("transformer", options)
    {
        if (options.HookLayer < 0 || options.HookLayer > options.Layers)
            throw new InputException($"transformer: HookLayer: expected 0..{options.Layers}, found {options.HookLayer}");
        embedding = nn.Embedding(options.VocabularySize, options.Width);
        blocks = nn.ModuleList(Enumerable.Range(0, options.Layers)
            .Select(i => new RotaryBlock($"block{i}", options.Width, options.Heads, options.MaxLength)).ToArray());
        norm = nn.LayerNorm(options.Width);
        readout = Readout(options.Width, options.VocabularySize);
        RegisterComponents();
    }

    public override int StateWidth => Options.Width;

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return Head(Run(embedding.call(tokens), 0, blocks.Count)).MoveToOuterDisposeScope();
    }

    public override Tensor HookStates(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return Run(embedding.call(tokens), 0, Options.HookLayer).MoveToOuterDisposeScope();
    }

    public override Tensor ContinuationFeatures(Tensor tokens, Tensor positions, Tensor? replacement, int steps, Tensor? lengths = null)
    {
        using var scope = NewDisposeScope();
        var time = tokens.shape[1];
        var residual = Replace(Run(embedding.call(tokens), 0, Options.HookLayer), positions, replacement, time);
        var features = norm.call(Run(residual, Options.HookLayer, blocks.Count));
        var index = Offsets(positions, 0, steps, time).unsqueeze(-1).expand(-1, -1, features.shape[2]);
        return features.gather(1, index).MoveToOuterDisposeScope();
    }

    public override Tensor ReadoutLogits(Tensor features) => readout.call(features);

    public override Tensor ReadoutLosses(Tensor features, Tensor targets) => ReadoutHead.Losses(readout, features, targets);

    private Tensor Run(Tensor x, int from, int to)
    {
        for (var i = from; i < to; i++) x = blocks[i].call(x);
        return x;
    }

    private Tensor Head(Tensor x) => readout.call(norm.call(x));
}
