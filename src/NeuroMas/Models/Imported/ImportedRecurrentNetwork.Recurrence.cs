using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroMas.Models.Imported;

/// <summary>Running the recurrence: whole sequences in one libtorch call where no token is skipped, else step by step.</summary>
public sealed partial class ImportedRecurrentNetwork
{
    public override Tensor ContinuationFeatures(Tensor tokens, Tensor positions, Tensor? replacement, int steps, Tensor? lengths = null)
    {
        using var scope = NewDisposeScope();
        var start = StartState(tokens, positions, replacement);
        var states = Top(start).unsqueeze(1);
        if (steps > 1)
        {
            var ids = tokens.gather(1, Offsets(positions, 1, steps - 1, tokens.shape[1]));
            var inputs = Embed(ids);
            var carry = Unflatten(start);
            var keep = KeepMask(ids);
            Tensor after;
            if (keep is null)
            {
                after = RunPacked(inputs, lengths, x => Run(x, carry).Output, p => RunPackedCore(p, carry));
            }
            else
            {
                var tops = new List<Tensor>(steps - 1);
                for (var t = 0; t < steps - 1; t++)
                {
                    carry = Step(carry, inputs[.., t..(t + 1)], keep[.., t]);
                    tops.Add(carry.H[-1]);
                }
                after = stack(tops, 1);
                // Like the packed path: features past a row's length are zero.
                if (lengths is not null) after *= (arange(steps - 1).unsqueeze(0) < (lengths - 1).clamp_min(1).unsqueeze(1)).unsqueeze(-1).to(after.dtype);
            }
            states = cat([states, after], 1);
        }
        return states.MoveToOuterDisposeScope();
    }

    /// <summary>Steps the network one token at a time, feeding back its own argmax where scored.</summary>
    public override Tensor FreeRun(Tensor tokens, Tensor positions, Tensor? replacement, Tensor scored, int steps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var carry = Unflatten(StartState(tokens, positions, replacement));
        var predictions = new List<Tensor>(steps);
        for (var j = 0; j < steps; j++)
        {
            var predicted = ReadoutLogits(carry.H[-1]).argmax(-1);
            predictions.Add(predicted);
            if (j == steps - 1) break;
            var feed = NextInput(tokens, positions, scored, predicted, j);
            carry = Step(carry, Embed(feed).unsqueeze(1), KeepMask(feed));
        }
        return stack(predictions, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The carried state after every token: <c>[batch, time, FullWidth]</c>.</summary>
    private Tensor FullStates(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var inputs = Embed(tokens);
        var keep = KeepMask(tokens);
        // One-layer GRU: its output is the whole carried state, so libtorch can run the sequence at once.
        if (!_lstm && _layers == 1 && keep is null) return Run(inputs, null).Output.MoveToOuterDisposeScope();
        Carry? carry = null;
        var states = new List<Tensor>((int)tokens.shape[1]);
        for (var t = 0; t < tokens.shape[1]; t++)
        {
            carry = Step(carry, inputs[.., t..(t + 1)], keep?[.., t]);
            states.Add(Flatten(carry.Value));
        }
        return stack(states, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The top layer's h after every token: <c>[batch, time, Hidden]</c>.</summary>
    private Tensor TopStates(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var result = KeepMask(tokens) is null ? Run(Embed(tokens), null).Output : Top(FullStates(tokens));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The carried state to continue from <c>[batch, FullWidth]</c>: the replacement, merged into the run's own state when the hook is a part of it.</summary>
    private Tensor StartState(Tensor tokens, Tensor positions, Tensor? replacement)
    {
        if (replacement is not null && _hookIndex is null) return replacement;
        using var scope = NewDisposeScope();
        var own = FullStates(tokens).gather(1, positions.view(-1, 1, 1).expand(-1, 1, FullWidth)).squeeze(1);
        return (replacement is null ? own : own.index_copy(1, _hookIndex!, replacement)).MoveToOuterDisposeScope();
    }

    /// <summary>Per layer h (and c): <c>[layers, batch, Hidden]</c> each.</summary>
    private readonly record struct Carry(Tensor H, Tensor? C);

    private (Tensor Output, Carry Carry) Run(Tensor inputs, Carry? carry)
    {
        if (_lstm)
        {
            var (output, h, c) = ((LSTM)rnn).call(inputs, carry is { } k ? (k.H, k.C!) : null);
            return (output, new Carry(h, c));
        }
        var (o, hn) = ((GRU)rnn).call(inputs, carry?.H);
        return (o, new Carry(hn, null));
    }

    private nn.utils.rnn.PackedSequence RunPackedCore(nn.utils.rnn.PackedSequence inputs, Carry carry) =>
        _lstm ? ((LSTM)rnn).call(inputs, (carry.H, carry.C!)).Item1 : ((GRU)rnn).call(inputs, carry.H).Item1;

    /// <summary>One token <c>[batch, 1, Input]</c>; rows where <paramref name="keep"/> <c>[batch]</c> is true keep their state.</summary>
    private Carry Step(Carry? carry, Tensor input, Tensor? keep)
    {
        var next = Run(input, carry).Carry;
        if (keep is null) return next;
        carry ??= new Carry(zeros_like(next.H), next.C is null ? null : zeros_like(next.C));
        var k = keep.view(1, -1, 1);
        return new Carry(where(k, carry.Value.H, next.H), next.C is null ? null : where(k, carry.Value.C!, next.C));
    }

    private Tensor Flatten(Carry carry)
    {
        var batch = carry.H.shape[1];
        var parts = carry.C is null ? carry.H.unsqueeze(2) : stack([carry.H, carry.C], 2);
        return parts.permute(1, 0, 2, 3).reshape(batch, FullWidth);
    }

    private Carry Unflatten(Tensor full)
    {
        var view = full.view(full.shape[0], _layers, _lstm ? 2 : 1, _hidden);
        var h = view.select(2, 0).permute(1, 0, 2).contiguous();
        return new Carry(h, _lstm ? view.select(2, 1).permute(1, 0, 2).contiguous() : null);
    }

    /// <summary>The top layer's h from carried states <c>[..., FullWidth] → [..., Hidden]</c>.</summary>
    private Tensor Top(Tensor full) => full.narrow(-1, (_layers - 1) * _hidden * (_lstm ? 2 : 1), _hidden);
}
