using static TorchSharp.torch;

namespace NeuroMas.Models;

public sealed partial class TransformerNetwork
{
    /// <summary>
    /// <see cref="TaskNetwork.FreeRun"/> by incremental decoding: the sequence is run once through every block, keeping
    /// each block's keys and values; each later step runs only the one new position per row through the blocks,
    /// attending over the cache. The same tokens as <see cref="TaskNetwork.FreeRunByRerunning"/>, which re-runs the
    /// whole sequence per step: under causal attention a position's state depends only on the tokens up to it, and a
    /// step changes only the token after the one just predicted.
    /// </summary>
    public override Tensor FreeRun(Tensor tokens, Tensor positions, Tensor? replacement, Tensor scored, int steps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var time = tokens.shape[1];
        var buffer = tokens.clone();
        var keys = new Tensor[blocks.Count];
        var values = new Tensor[blocks.Count];
        var x = embedding.call(buffer);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i == Options.HookLayer) x = Replace(x, positions, replacement, time);
            (x, keys[i], values[i]) = blocks[i].Forward(x);
        }
        if (Options.HookLayer == blocks.Count) x = Replace(x, positions, replacement, time);
        var first = positions.clamp_max(time - 1);
        var features = norm.call(x).gather(1, first.view(-1, 1, 1).expand(-1, 1, x.shape[2]));
        var predicted = readout.call(features).squeeze(1).argmax(-1);
        var predictions = new List<Tensor>(steps) { predicted };
        for (var j = 1; j < steps; j++)
        {
            // As in the re-running path, positions past the end are clamped to the last one, which is then recomputed.
            var column = (positions + j).clamp_max(time - 1);
            var at = column.unsqueeze(1);
            var feed = where(scored.gather(1, at).squeeze(1), predicted, buffer.gather(1, at).squeeze(1));
            buffer.scatter_(1, at, feed.unsqueeze(1));
            var h = embedding.call(feed).unsqueeze(1); // [batch, 1, width]
            var hooked = column.eq(positions);         // a clamped row keeps its replacement at the last position
            for (var i = 0; i < blocks.Count; i++)
            {
                if (i == Options.HookLayer) h = ReplaceAt(h, hooked, replacement);
                h = blocks[i].Step(h, column, keys[i], values[i]);
            }
            if (Options.HookLayer == blocks.Count) h = ReplaceAt(h, hooked, replacement);
            predicted = readout.call(norm.call(h)).squeeze(1).argmax(-1);
            predictions.Add(predicted);
        }
        return stack(predictions, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The residual stream <c>[batch, time, width]</c> with row b's state at <c>positions[b]</c> replaced.</summary>
    private static Tensor Replace(Tensor residual, Tensor positions, Tensor? replacement, long time)
    {
        if (replacement is null) return residual;
        var at = nn.functional.one_hot(positions, time).unsqueeze(-1).to(residual.dtype);
        return residual * (1 - at) + at * replacement.unsqueeze(1);
    }

    /// <summary>One position per row <c>[batch, 1, width]</c>, replaced where <paramref name="hooked"/> <c>[batch]</c>.</summary>
    private static Tensor ReplaceAt(Tensor h, Tensor hooked, Tensor? replacement) =>
        replacement is null ? h : where(hooked.view(-1, 1, 1), replacement.unsqueeze(1), h);
}
