using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static NeuroMas.Models.VectorSpans;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>
/// The element-wise part of a GRU cell (PyTorch's gate order r, z, n) in one pass over each row, forward and backward,
/// for <see cref="GruContinuation"/>: the matrix products stay with libtorch, and what lies between them (two sigmoids,
/// a tanh, five products and sums per unit, and the factors the backward pass needs) is read and written once instead of
/// by some ten tensor operations, each with its own dispatch, allocation and pass over memory.
/// <para>
/// The arithmetic is nn.GRU's, operation for operation and in the same order (no fused multiply-adds); only the
/// transcendental functions are this file's own: <c>σ(x) = 1 / (1 + e^−x)</c> and <c>tanh</c> from the same vectorised
/// <c>exp</c> (Cephes' single-precision one; an odd polynomial for tanh where <c>|x| &lt; 1/8</c>), within a few units in
/// the last place of the exact values. States agree
/// with nn.GRU to float rounding (1e-5; test <c>GruContinuationTests</c>).
/// </para>
/// </summary>
internal static class GruCell
{
    /// <summary>
    /// One step for each row (one per token in <paramref name="tokens"/>) of width <c>w</c>: the next state, and (when <paramref name="factor"/> is
    /// not empty) per row the <c>[4w]</c> factor the backward pass needs: d h′ / d of the reset, update and candidate
    /// pre-activations (the candidate's with respect to <c>W_hn·h + b_hn</c>), then the update gate z (d h′ / d h directly).
    /// </summary>
    /// <param name="hidden">The hidden product <c>h · W_hhᵀ</c>, <c>[rows, 3w]</c> (bias not yet added).</param>
    /// <param name="biasHh"><c>b_hh</c>, <c>[3w]</c>.</param>
    /// <param name="table">Input gates per token, <c>W_ih · x + b_ih</c>, <c>[vocabulary, 3w]</c>.</param>
    /// <param name="tokens">Each row's input token.</param>
    /// <param name="previous">The states the step starts from, <c>[rows, w]</c>.</param>
    /// <param name="next">Written: the states after it, <c>[rows, w]</c>.</param>
    /// <param name="factor">Written unless empty: <c>[rows, 4w]</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> hidden, ReadOnlySpan<float> biasHh, ReadOnlySpan<float> table, ReadOnlySpan<long> tokens,
        ReadOnlySpan<float> previous, Span<float> next, Span<float> factor, int width)
    {
        var w = width;
        var keep = !factor.IsEmpty;
        biasHh = biasHh[..(3 * w)];
        for (var i = 0; i < tokens.Length; i++)
        {
            var gh = hidden.Slice(i * 3 * w, 3 * w);
            var gi = table.Slice(checked((int)tokens[i]) * 3 * w, 3 * w);
            var h = previous.Slice(i * w, w);
            var o = next.Slice(i * w, w);
            var f = keep ? factor.Slice(i * 4 * w, 4 * w) : default;
            var j = 0;
            if (Vector.IsHardwareAccelerated)
                for (; j <= w - Vector<float>.Count; j += Vector<float>.Count)
                {
                    var r = Sigmoid(Load(gh, j) + Load(biasHh, j) + Load(gi, j));
                    var z = Sigmoid(Load(gh, w + j) + Load(biasHh, w + j) + Load(gi, w + j));
                    var hn = Load(gh, 2 * w + j) + Load(biasHh, 2 * w + j);
                    var c = Tanh(Load(gi, 2 * w + j) + hn * r);
                    var hPrev = Load(h, j);
                    var diff = hPrev - c;
                    Store(diff * z + c, o, j);
                    if (!keep) continue;
                    var factorN = (Vector<float>.One - z) * (Vector<float>.One - c * c) * r;
                    Store(factorN * hn * (Vector<float>.One - r), f, j);
                    Store(diff * z * (Vector<float>.One - z), f, w + j);
                    Store(factorN, f, 2 * w + j);
                    Store(z, f, 3 * w + j);
                }
            for (; j < w; j++)
            {
                var r = Sigmoid(gh[j] + biasHh[j] + gi[j]);
                var z = Sigmoid(gh[w + j] + biasHh[w + j] + gi[w + j]);
                var hn = gh[2 * w + j] + biasHh[2 * w + j];
                var c = MathF.Tanh(gi[2 * w + j] + hn * r);
                var diff = h[j] - c;
                o[j] = diff * z + c;
                if (!keep) continue;
                var factorN = (1 - z) * (1 - c * c) * r;
                f[j] = factorN * hn * (1 - r);
                f[w + j] = diff * z * (1 - z);
                f[2 * w + j] = factorN;
                f[3 * w + j] = z;
            }
        }
    }

    /// <summary>
    /// The element-wise part of one step backward. With <c>dh</c> the gradient at the step's new states, the loss's own
    /// <paramref name="grad"/> plus, in the first <paramref name="carried"/> rows, what <paramref name="carry"/> brings from
    /// the later steps, writes the gradient at the gates' pre-activations <c>dh ⊗ factor[..3w]</c> to
    /// <paramref name="gates"/> <c>[rows, 3w]</c> and the direct part <c>dh ⊙ z</c> over <paramref name="carry"/>
    /// <c>[rows, w]</c>; the previous state's gradient is then <c>carry + gates · W_hh</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<float> grad, ReadOnlySpan<float> factor, Span<float> gates, Span<float> carry, int rows, int carried, int width)
    {
        var w = width;
        for (var i = 0; i < rows; i++)
        {
            var d = grad.Slice(i * w, w);
            var f = factor.Slice(i * 4 * w, 4 * w);
            var g = gates.Slice(i * 3 * w, 3 * w);
            var o = carry.Slice(i * w, w);
            var add = i < carried;
            var j = 0;
            if (Vector.IsHardwareAccelerated)
                for (; j <= w - Vector<float>.Count; j += Vector<float>.Count)
                {
                    var v = add ? Load(d, j) + Load(o, j) : Load(d, j);
                    Store(v * Load(f, j), g, j);
                    Store(v * Load(f, w + j), g, w + j);
                    Store(v * Load(f, 2 * w + j), g, 2 * w + j);
                    Store(v * Load(f, 3 * w + j), o, j);
                }
            for (; j < w; j++)
            {
                var v = add ? d[j] + o[j] : d[j];
                g[j] = v * f[j];
                g[w + j] = v * f[w + j];
                g[2 * w + j] = v * f[2 * w + j];
                o[j] = v * f[3 * w + j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Sigmoid(Vector<float> x) => Vector<float>.One / (Vector<float>.One + Exp(-x));

    private static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));

    /// <summary>
    /// tanh x = sign(x) · (1 − e^−2|x|) / (1 + e^−2|x|), and below |x| = 1/8, where that quotient loses digits, its odd
    /// Taylor polynomial to x⁹ (truncation error under 1e-10).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Tanh(Vector<float> x)
    {
        var a = Vector.Abs(x);
        var e = Exp(-(a + a));
        var far = (Vector<float>.One - e) / (Vector<float>.One + e);
        far = Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), -far, far);
        var x2 = x * x;
        var near = x * (Vector<float>.One + x2 * (new Vector<float>(-1f / 3) + x2 * (new Vector<float>(2f / 15) + x2 * (new Vector<float>(-17f / 315) + x2 * new Vector<float>(62f / 2835)))));
        return Vector.ConditionalSelect(Vector.LessThan(a, new Vector<float>(0.125f)), near, far);
    }

    /// <summary>
    /// e^x in single precision (Cephes' <c>expf</c>: x = n ln 2 + r with |r| ≤ ln 2 / 2, a degree-7 polynomial for e^r, 2^n
    /// from the exponent bits), about one unit in the last place; arguments are clamped to where float's e^x is finite
    /// and normal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Exp(Vector<float> x)
    {
        x = Vector.Min(Vector.Max(x, new Vector<float>(-87.3f)), new Vector<float>(88.3f));
        var n = Vector.Floor(x * new Vector<float>(1.44269504088896341f) + new Vector<float>(0.5f));
        var r = x - n * new Vector<float>(0.693359375f) - n * new Vector<float>(-2.12194440e-4f);
        var p = new Vector<float>(1.9875691500e-4f);
        p = p * r + new Vector<float>(1.3981999507e-3f);
        p = p * r + new Vector<float>(8.3334519073e-3f);
        p = p * r + new Vector<float>(4.1665795894e-2f);
        p = p * r + new Vector<float>(1.6666665459e-1f);
        p = p * r + new Vector<float>(5.0000001201e-1f);
        var y = p * (r * r) + r + Vector<float>.One;
        var scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
        return y * scale;
    }
}
