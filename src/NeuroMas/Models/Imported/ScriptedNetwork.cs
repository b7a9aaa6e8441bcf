using static TorchSharp.torch;

namespace NeuroMas.Models.Imported;

/// <summary>
/// A TorchScript module as a <see cref="TaskNetwork"/>, for architectures no spec layout covers. Contract
/// (all exported with <c>@torch.jit.export</c>; token ids are the network's own, mapped by the spec's vocabulary):
/// <c>initial_state(batch: int) -> Tensor [batch, S]</c>, <c>step(tokens: Tensor [batch] int64, state: Tensor [batch, S]) -> Tensor [batch, S]</c>,
/// <c>readout(state: Tensor [n, S]) -> Tensor [n, V]</c>. The hook state is the whole carried state S; the
/// module is run step by step with the hook between steps, and gradients flow through it into a replacement state.
/// </summary>
public sealed class ScriptedNetwork : TaskNetwork
{
    public const string ArchitectureName = "torchscript";

    private readonly jit.ScriptModule module;
    private readonly TokenMap _tokens;

    internal ScriptedNetwork(jit.ScriptModule module, TokenMap tokens, int stateWidth)
        : base("torchscript", new NetworkOptions { Architecture = ArchitectureName, Width = stateWidth, Layers = 1 })
    {
        this.module = module;
        _tokens = tokens;
        StateWidth = stateWidth;
        // Not registered as a child: disposing a parent walks its children's modules, which a disposed
        // ScriptModule cannot list. So this class freezes and disposes it itself.
        foreach (var p in module.parameters()) p.requires_grad = false;
        module.eval();
    }

    public override int StateWidth { get; }

    /// <summary>The module's own parameters (not registered with this network).</summary>
    public long ParameterCount => module.parameters().Sum(p => p.numel());

    protected override void Dispose(bool disposing)
    {
        if (disposing) module.Dispose();
        base.Dispose(disposing);
    }

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return ReadoutLogits(HookStates(tokens)).MoveToOuterDisposeScope();
    }

    public override Tensor HookStates(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var state = module.invoke<Tensor>("initial_state", (long)tokens.shape[0]);
        var keep = _tokens.Keep(tokens);
        var states = new List<Tensor>((int)tokens.shape[1]);
        for (var t = 0; t < tokens.shape[1]; t++)
        {
            state = Step(state, tokens[.., t], keep?[.., t]);
            states.Add(state);
        }
        return stack(states, 1).MoveToOuterDisposeScope();
    }

    public override Tensor ContinuationFeatures(Tensor tokens, Tensor positions, Tensor? replacement, int steps, Tensor? lengths = null)
    {
        using var scope = NewDisposeScope();
        var state = replacement ?? StatesAt(tokens, positions);
        var states = new List<Tensor>(steps) { state };
        if (steps > 1)
        {
            var ids = tokens.gather(1, Offsets(positions, 1, steps - 1, tokens.shape[1]));
            var keep = _tokens.Keep(ids);
            for (var t = 0; t < steps - 1; t++)
            {
                state = Step(state, ids[.., t], keep?[.., t]);
                states.Add(state);
            }
        }
        var result = stack(states, 1);
        if (lengths is not null) result *= (arange(steps).unsqueeze(0) < lengths.clamp(1, steps).unsqueeze(1)).unsqueeze(-1).to(result.dtype);
        return result.MoveToOuterDisposeScope();
    }

    public override Tensor ReadoutLogits(Tensor features)
    {
        using var scope = NewDisposeScope();
        var flat = features.reshape(-1, StateWidth);
        var logits = module.invoke<Tensor>("readout", flat);
        var shape = features.shape[..^1].Append(logits.shape[^1]).ToArray();
        return _tokens.Outputs(logits.reshape(shape)).MoveToOuterDisposeScope();
    }

    /// <summary>Steps the module one token at a time, feeding back its own argmax where scored.</summary>
    public override Tensor FreeRun(Tensor tokens, Tensor positions, Tensor? replacement, Tensor scored, int steps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var state = replacement ?? StatesAt(tokens, positions);
        var predictions = new List<Tensor>(steps);
        for (var j = 0; j < steps; j++)
        {
            var predicted = ReadoutLogits(state).argmax(-1);
            predictions.Add(predicted);
            if (j == steps - 1) break;
            var feed = NextInput(tokens, positions, scored, predicted, j);
            state = Step(state, feed, _tokens.Keep(feed));
        }
        return stack(predictions, 1).MoveToOuterDisposeScope();
    }

    /// <summary>One step for NeuroMas ids <c>[batch]</c>; rows where <paramref name="keep"/> is true keep their state.</summary>
    private Tensor Step(Tensor state, Tensor tokens, Tensor? keep)
    {
        var next = module.invoke<Tensor>("step", _tokens.Inputs(tokens).contiguous(), state);
        return keep is null ? next : where(keep.unsqueeze(1), state, next);
    }
}
