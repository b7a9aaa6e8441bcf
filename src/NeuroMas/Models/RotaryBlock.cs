using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>Pre-norm transformer block with causal multi-head self-attention and rotary position encoding.</summary>
public sealed partial class RotaryBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly nn.Module<Tensor, Tensor> mlp;
    private readonly int _heads;
    private readonly Tensor cos;
    private readonly Tensor sin;

    public RotaryBlock(string name, int width, int heads, int maxLength) : base(name)
    {
        if (width % heads != 0 || width / heads % 2 != 0)
            throw new InputException($"transformer: width {width} must split into {heads} heads of even size");
        _heads = heads;
        norm1 = nn.LayerNorm(width);
        norm2 = nn.LayerNorm(width);
        qkv = nn.Linear(width, 3 * width);
        proj = nn.Linear(width, width);
        mlp = nn.Sequential(("fc1", nn.Linear(width, 4 * width)), ("gelu", nn.GELU()), ("fc2", nn.Linear(4 * width, width)));
        var half = width / heads / 2;
        var frequencies = pow(10000.0, -arange(0, half, dtype: float32) / half);
        var angles = outer(arange(0, maxLength, dtype: float32), frequencies);
        cos = angles.cos().DetachFromDisposeScope();
        sin = angles.sin().DetachFromDisposeScope();
        register_buffer("cos", cos, persistent: false);
        register_buffer("sin", sin, persistent: false);
        RegisterComponents();
    }

    /// <param name="x">Residual stream <c>[batch, time, width]</c>.</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Forward(x).Output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The block's output and the rotated keys and values it attended over, each <c>[batch, heads, time, head]</c>:
    /// what <see cref="Step"/> needs to extend the sequence one position at a time. The caller owns all three.
    /// </summary>
    public (Tensor Output, Tensor Keys, Tensor Values) Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (b, t, d) = (x.shape[0], x.shape[1], x.shape[2]);
        var parts = qkv.call(norm1.call(x)).view(b, t, 3, _heads, d / _heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (Rotate(parts[0], t), Rotate(parts[1], t), parts[2]);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        x = x + proj.call(attended.transpose(1, 2).reshape(b, t, d));
        var output = x + mlp.call(norm2.call(x));
        return (output.MoveToOuterDisposeScope(), k.contiguous().MoveToOuterDisposeScope(), v.contiguous().MoveToOuterDisposeScope());
    }

    /// <summary>Rotates query/key pairs by position: <c>[batch, heads, time, head]</c>.</summary>
    private Tensor Rotate(Tensor x, long time)
    {
        var half = x.shape[^1] / 2;
        var (x1, x2) = (x[.., .., .., ..(int)half], x[.., .., .., (int)half..]);
        var (c, s) = (cos[..(int)time], sin[..(int)time]);
        return cat([x1 * c - x2 * s, x1 * s + x2 * c], -1);
    }
}
