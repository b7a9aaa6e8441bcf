using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static NeuroMas.Models.VectorSpans;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>
/// The task networks' read-out (<c>fc1</c> w → 4w, exact GELU, <c>fc2</c> 4w → vocabulary) followed by the per-token
/// cross-entropy, for a frozen network and a small vocabulary, differentiable in the features only: the alignment's
/// training loss. The first product stays with libtorch; what follows it (GELU, the second product with its handful of
/// output columns, log-softmax and the loss) is one pass over each row, and so is the backward pass (the gradient
/// through the second product and GELU), where autograd runs a GELU kernel, a matrix product of inner size
/// <c>vocabulary</c> and a log-softmax over each direction, each with its own pass over a <c>[tokens, 4w]</c> tensor; a
/// product with nine output columns is also far from what a GEMM does well.
/// <para>
/// GELU is <c>x·Φ(x)</c> with <c>Φ(x) = (1 + erf(x/√2))/2</c> and erf from Abramowitz and Stegun 7.1.26 (absolute error
/// under 1.5e-7, the approximation PyTorch's vectorised erf uses); its derivative <c>Φ(x) + x·φ(x)</c> shares the one
/// exponential. The losses and gradients agree with libtorch's read-out and <c>cross_entropy</c> to float rounding
/// (test <c>ReadoutHeadTests</c>).
/// </para>
/// </summary>
public static class ReadoutHead
{
    /// <summary>Above this many output columns the second product is libtorch's (a GEMM is then the better kernel).</summary>
    public const int MaxVocabulary = 64;

    /// <summary>
    /// Per-token cross-entropy <c>[tokens]</c> of <paramref name="readout"/> at <paramref name="features"/> <c>[tokens, w]</c>
    /// against <paramref name="targets"/> <c>[tokens]</c> (int64): the fused pass when the read-out is frozen, float32 on the
    /// CPU and its vocabulary at most <see cref="MaxVocabulary"/>; otherwise libtorch's read-out and cross-entropy.
    /// </summary>
    public static Tensor Losses(nn.Module<Tensor, Tensor> readout, Tensor features, Tensor targets)
    {
        var p = readout.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        var (w1, b1, w2, b2) = (p["fc1.weight"], p["fc1.bias"], p["fc2.weight"], p["fc2.bias"]);
        var fused = features.dtype == ScalarType.Float32 && features.device_type == DeviceType.CPU && features.dim() == 2
            && w2.shape[0] <= MaxVocabulary && new[] { w1, b1, w2, b2 }.All(t => !t.requires_grad && t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32);
        return fused
            ? Function.apply(features, targets, w1, b1, w2, b2)
            : nn.functional.cross_entropy(readout.call(features), targets, reduction: nn.Reduction.None);
    }

    private sealed class Function : autograd.SingleTensorFunction<Function>
    {
        public override string Name => "ReadoutHead";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var (features, targets, w1, b1, w2, b2) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3], (Tensor)vars[4], (Tensor)vars[5]);
            using var scope = NewDisposeScope();
            var rows = features.shape[0];
            var (hiddenWidth, vocabulary) = ((int)w1.shape[0], (int)w2.shape[0]);
            // The first product, then in place per row: GELU' (what backward reads), while GELU itself goes to a row buffer.
            var hidden = nn.functional.linear(features.detach(), w1, b1).contiguous();
            var weight2 = w2.contiguous();
            var losses = empty(rows, dtype: float32);
            var keep = features.requires_grad;
            // Per row, softmax minus the target's one-hot: d loss / d logits.
            var dlogits = empty(rows, vocabulary, dtype: float32);
            var labels = targets.to(int64).contiguous().data<long>().ToArray();
            Forward(Floats(hidden), Floats(weight2), Floats(b2.contiguous()), labels, Floats(losses), Floats(dlogits), hiddenWidth, vocabulary);
            if (keep)
            {
                hidden.MoveToOuterDisposeScope();
                dlogits.MoveToOuterDisposeScope();
                ctx.save_for_backward([hidden, dlogits, weight2.MoveToOuterDisposeScope(), w1]);
            }
            return losses.MoveToOuterDisposeScope();
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
        {
            using var scope = NewDisposeScope();
            var saved = ctx.get_saved_variables();
            var (derivative, dlogits, w2, w1) = (saved[0], saved[1], saved[2], saved[3]);
            var (rows, hiddenWidth, vocabulary) = (derivative.shape[0], (int)derivative.shape[1], (int)dlogits.shape[1]);
            var gradHidden = empty(rows, hiddenWidth, dtype: float32);
            Backward(Floats(grad.contiguous()), Floats(dlogits), Floats(w2), Floats(derivative), Floats(gradHidden), hiddenWidth, vocabulary);
            var gradFeatures = gradHidden.mm(w1);
            return [gradFeatures.MoveToOuterDisposeScope(), null!, null!, null!, null!, null!];
        }
    }

    /// <summary>
    /// Per row of <paramref name="hidden"/> <c>[rows, h]</c> (fc1's output): GELU into a row buffer and GELU' in place,
    /// the logits <c>gelu · W2ᵀ + b2</c>, the loss <c>logsumexp − logit[target]</c> and <c>softmax − onehot</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Forward(Span<float> hidden, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<long> targets, Span<float> losses,
        Span<float> dlogits, int width, int vocabulary)
    {
        var gelu = new float[width];
        Span<float> logits = stackalloc float[vocabulary];
        w2 = w2[..(vocabulary * width)];
        for (var i = 0; i < targets.Length; i++)
        {
            var h = hidden.Slice(i * width, width);
            Gelu(h, gelu);
            var max = float.NegativeInfinity;
            for (var v = 0; v < vocabulary; v++)
            {
                logits[v] = b2[v] + Dot(gelu, w2.Slice(v * width, width));
                max = MathF.Max(max, logits[v]);
            }
            var target = checked((int)targets[i]);
            if ((uint)target >= (uint)vocabulary) throw new ArgumentException($"target {target} is outside the vocabulary of {vocabulary}");
            var d = dlogits.Slice(i * vocabulary, vocabulary);
            var sum = 0f;
            for (var v = 0; v < vocabulary; v++) sum += d[v] = MathF.Exp(logits[v] - max);
            losses[i] = max + MathF.Log(sum) - logits[target];
            var inverse = 1 / sum;
            for (var v = 0; v < vocabulary; v++) d[v] *= inverse;
            d[target] -= 1;
        }
    }

    /// <summary>
    /// Per row: <c>d hidden = (grad · dlogits) · W2 ⊙ GELU'</c>, the gradient at fc1's output <c>[rows, h]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Backward(ReadOnlySpan<float> grad, ReadOnlySpan<float> dlogits, ReadOnlySpan<float> w2, ReadOnlySpan<float> derivative,
        Span<float> gradHidden, int width, int vocabulary)
    {
        Span<float> scale = stackalloc float[vocabulary];
        w2 = w2[..(vocabulary * width)];
        for (var i = 0; i < grad.Length; i++)
        {
            for (var v = 0; v < vocabulary; v++) scale[v] = grad[i] * dlogits[i * vocabulary + v];
            var f = derivative.Slice(i * width, width);
            var o = gradHidden.Slice(i * width, width);
            var j = 0;
            if (Vector.IsHardwareAccelerated)
                for (; j <= width - Vector<float>.Count; j += Vector<float>.Count)
                {
                    var acc = Vector<float>.Zero;
                    for (var v = 0; v < vocabulary; v++) acc += new Vector<float>(scale[v]) * Load(w2, v * width + j);
                    Store(acc * Load(f, j), o, j);
                }
            for (; j < width; j++)
            {
                var acc = 0f;
                for (var v = 0; v < vocabulary; v++) acc += scale[v] * w2[v * width + j];
                o[j] = acc * f[j];
            }
        }
    }

    /// <summary>GELU of <paramref name="x"/> into <paramref name="gelu"/>, and GELU' into <paramref name="x"/> itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gelu(Span<float> x, Span<float> gelu)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
            for (; j <= x.Length - Vector<float>.Count; j += Vector<float>.Count)
            {
                var v = Load(x, j);
                var (cdf, density) = Phi(v);
                Store(v * cdf, gelu, j);
                Store(cdf + v * density, x, j);
            }
        for (; j < x.Length; j++)
        {
            var (cdf, density) = Phi(x[j]);
            gelu[j] = x[j] * cdf;
            x[j] = cdf + x[j] * density;
        }
    }

    private const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private const float InverseSqrt2 = 0.70710678118654752f, InverseSqrt2Pi = 0.39894228040143268f;

    /// <summary>The standard normal's CDF Φ(x) and density φ(x), from erf(x/√2) (A&amp;S 7.1.26) and one exponential.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<float> Cdf, Vector<float> Density) Phi(Vector<float> x)
    {
        var a = Vector.Abs(x) * new Vector<float>(InverseSqrt2);
        var t = Vector<float>.One / (Vector<float>.One + new Vector<float>(P) * a);
        var r = new Vector<float>(A5);
        r = r * t + new Vector<float>(A4);
        r = r * t + new Vector<float>(A3);
        r = r * t + new Vector<float>(A2);
        r = r * t + new Vector<float>(A1);
        r *= t;
        var e = GruCell.Exp(-(a * a));
        // erf(|x|/√2) = 1 − r·e; Φ(x) = (1 + sign(x)·erf)/2.
        var half = new Vector<float>(0.5f) * r * e;
        var cdf = Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), half, Vector<float>.One - half);
        return (cdf, e * new Vector<float>(InverseSqrt2Pi));
    }

    private static (float Cdf, float Density) Phi(float x)
    {
        var a = MathF.Abs(x) * InverseSqrt2;
        var t = 1 / (1 + P * a);
        var r = (((((A5 * t) + A4) * t + A3) * t + A2) * t + A1) * t;
        var e = MathF.Exp(-(a * a));
        var half = 0.5f * r * e;
        return (x < 0 ? half : 1 - half, e * InverseSqrt2Pi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        // Four independent sums, so the loop runs at the adds' throughput rather than their latency.
        var (j, n) = (0, Vector<float>.Count);
        var (acc0, acc1, acc2, acc3) = (Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero);
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= a.Length - 4 * n; j += 4 * n)
            {
                acc0 += Load(a, j) * Load(b, j);
                acc1 += Load(a, j + n) * Load(b, j + n);
                acc2 += Load(a, j + 2 * n) * Load(b, j + 2 * n);
                acc3 += Load(a, j + 3 * n) * Load(b, j + 3 * n);
            }
            for (; j <= a.Length - n; j += n)
                acc0 += Load(a, j) * Load(b, j);
        }
        var sum = Vector.Sum(acc0 + acc1 + (acc2 + acc3));
        for (; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }
}
