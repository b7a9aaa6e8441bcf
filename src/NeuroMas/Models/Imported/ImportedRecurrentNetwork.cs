using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroMas.Models.Imported;

/// <summary>
/// A PyTorch GRU or LSTM (1–2 layers, torch.nn or cell layout) with its embedding and read-out, as a
/// <see cref="TaskNetwork"/>. It reads NeuroMas token ids and returns logits over NeuroMas ids, mapping both
/// through the network's own vocabulary. The carried state after a token is every layer's state (GRU
/// <c>h</c>, LSTM <c>[h; c]</c>), layer 0 first; the hook state is that, or the part <see cref="ImportedNetworkOptions.Hook"/> names.
/// After a skip token the state is kept unchanged, as code bases that skip padding do.
/// </summary>
public sealed partial class ImportedRecurrentNetwork : TaskNetwork
{
    /// <summary>The architecture name imported networks record in <see cref="NetworkOptions.Architecture"/>.</summary>
    public const string ArchitectureName = "imported";

    private readonly Embedding embedding;
    private readonly nn.Module rnn;
    private readonly ModuleList<Linear> readout;
    private readonly TokenMap _tokens;
    private readonly Tensor? _hookIndex;
    private readonly int _hidden;
    private readonly int _layers;
    private readonly bool _lstm;

    public ImportedRecurrentNetwork(ImportedNetworkOptions imported)
        : base("imported", new NetworkOptions { Architecture = ArchitectureName, Width = imported.Hidden, Layers = imported.Layers })
    {
        Imported = imported;
        _hidden = imported.Hidden;
        _layers = imported.Layers;
        _lstm = imported.Cell == "lstm";
        embedding = nn.Embedding(imported.Tokens, imported.Input);
        rnn = _lstm
            ? nn.LSTM(imported.Input, _hidden, _layers, batchFirst: true)
            : nn.GRU(imported.Input, _hidden, _layers, batchFirst: true);
        readout = new ModuleList<Linear>();
        for (var i = 0; i + 1 < imported.Readout.Count; i++)
            readout.Add(nn.Linear(imported.Readout[i], imported.Readout[i + 1], hasBias: imported.ReadoutBias[i]));
        RegisterComponents();

        // Lookup tables are rebuilt from the options, not saved with the weights.
        _tokens = new TokenMap(imported.TokenIds, imported.Skip, imported.Readout[^1]);
        var hook = HookIndices(imported.Hook);
        _hookIndex = hook.SequenceEqual(Enumerable.Range(0, FullWidth).Select(i => (long)i)) ? null : tensor(hook);
        StateWidth = hook.Length;
    }

    /// <summary>The resolved shape, vocabulary and hook this network was built from.</summary>
    public ImportedNetworkOptions Imported { get; }

    public override int StateWidth { get; }

    /// <summary>Width of the carried state: layers × hidden (× 2 for an LSTM's h and c).</summary>
    private int FullWidth => _layers * _hidden * (_lstm ? 2 : 1);

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return ReadoutLogits(TopStates(tokens)).MoveToOuterDisposeScope();
    }

    public override Tensor HookStates(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var full = FullStates(tokens);
        return (_hookIndex is null ? full : full.index_select(-1, _hookIndex)).MoveToOuterDisposeScope();
    }

    public override Tensor ReadoutLogits(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = features;
        for (var i = 0; i < readout.Count; i++)
        {
            x = readout[i].call(x);
            if (i + 1 < readout.Count) x = Activate(x);
        }
        return _tokens.Outputs(x).MoveToOuterDisposeScope();
    }

    private Tensor Activate(Tensor x) => Imported.Activation switch
    {
        "relu" => nn.functional.relu(x),
        "tanh" => x.tanh(),
        _ => nn.functional.gelu(x),
    };

    /// <summary>Embeds NeuroMas token ids through the network's own ids: <c>[...] → [..., Input]</c>.</summary>
    private Tensor Embed(Tensor tokens) => embedding.call(_tokens.Inputs(tokens));

    /// <summary>True where the state is kept after the token <c>[...]</c>, or null when no token of this batch is skipped.</summary>
    private Tensor? KeepMask(Tensor tokens) => _tokens.Keep(tokens);

    /// <summary>Indices of the hook state in the carried state (per layer <c>[h]</c> or <c>[h, c]</c>).</summary>
    private long[] HookIndices(string hook)
    {
        var indices = new List<long>();
        for (var l = 0; l < _layers; l++)
        {
            long h = l * _hidden * (_lstm ? 2 : 1), c = h + _hidden;
            IEnumerable<long> Range(long from) => Enumerable.Range(0, _hidden).Select(i => from + i);
            indices.AddRange(hook switch
            {
                "c_h" => Range(c).Concat(Range(h)),
                "h_c" => Range(h).Concat(Range(c)),
                _ => Range(h),
            });
        }
        return [.. indices];
    }
}
