using static TorchSharp.torch;

namespace NeuroMas.Models;

public sealed partial class RotaryBlock
{
    /// <summary>
    /// Incremental decoding: the block's output at one position per row, <c>[batch, 1, width]</c>, from the residual
    /// stream there, <paramref name="x"/> <c>[batch, 1, width]</c>, attending over the cached keys and values of the
    /// positions up to and including it. Writes this position's key and value into the cache first, so a later
    /// position sees it. Positions after <paramref name="column"/> may hold stale entries: they are masked out.
    /// </summary>
    /// <param name="column">The position of each row, <c>[batch]</c> int64 (rows may be at different positions).</param>
    /// <param name="keys">Rotated keys <c>[batch, heads, time, head]</c> from <see cref="Forward"/>, updated in place.</param>
    /// <param name="values">Values <c>[batch, heads, time, head]</c>, updated in place.</param>
    public Tensor Step(Tensor x, Tensor column, Tensor keys, Tensor values)
    {
        using var scope = NewDisposeScope();
        var (b, d) = (x.shape[0], x.shape[2]);
        var (time, head) = (keys.shape[2], d / _heads);
        var parts = qkv.call(norm1.call(x)).view(b, 1, 3, _heads, head).permute(2, 0, 3, 1, 4); // [3, b, heads, 1, head]
        var (c, s) = (cos.index_select(0, column).view(b, 1, 1, -1), sin.index_select(0, column).view(b, 1, 1, -1));
        var (q, k, v) = (RotateAt(parts[0], c, s), RotateAt(parts[1], c, s), parts[2]);
        var slot = column.view(b, 1, 1, 1).expand(b, _heads, 1, head);
        keys.scatter_(2, slot, k);
        values.scatter_(2, slot, v);
        // The same scaled dot product as scaled_dot_product_attention, with a per-row causal limit.
        var scores = q.matmul(keys.transpose(2, 3)) / Math.Sqrt(head); // [b, heads, 1, time]
        var later = arange(time, dtype: int64).view(1, 1, 1, -1) > column.view(b, 1, 1, 1);
        var attended = scores.masked_fill(later, double.NegativeInfinity).softmax(-1).matmul(values);
        x = x + proj.call(attended.transpose(1, 2).reshape(b, 1, d));
        return (x + mlp.call(norm2.call(x))).MoveToOuterDisposeScope();
    }

    /// <summary>Rotates one position per row by its own angle: <c>[batch, heads, 1, head]</c>, tables <c>[batch, 1, 1, head / 2]</c>.</summary>
    private static Tensor RotateAt(Tensor x, Tensor c, Tensor s)
    {
        var half = (int)(x.shape[^1] / 2);
        var (x1, x2) = (x[.., .., .., ..half], x[.., .., .., half..]);
        return cat([x1 * c - x2 * s, x1 * s + x2 * c], -1);
    }
}
