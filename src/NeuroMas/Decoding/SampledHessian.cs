using static TorchSharp.torch;

namespace NeuroMas.Decoding;

/// <summary>
/// A preconditioner for <see cref="SoftmaxRegression"/>'s conjugate gradients: the whole Hessian of the mean
/// cross-entropy, classes coupled, on a fixed sample of rows, plus the penalty, Cholesky-factored
/// (<c>[classes · (units + 1)]²</c>). Near the optimum of a nearly separable fit the classes are strongly coupled
/// through the softmax (neighbouring counts compete for the same rows), which a per-class block preconditioner
/// ignores: there one Newton step took hundreds of Hessian-vector products, here about ten. Building it costs one
/// product of a <c>rows × classes·(units + 1)</c> matrix with itself, so it is built only when the cheap one stalls
/// and kept while it still works.
/// </summary>
internal sealed class SampledHessian : IDisposable
{
    private readonly Tensor _factor;

    private SampledHessian(Tensor factor) => _factor = factor;

    /// <summary>
    /// The Hessian at probabilities <paramref name="p"/> <c>[n, classes]</c> on rows <paramref name="rows"/> of
    /// <paramref name="design32"/> <c>[n, units + 1]</c> (float32), scaled to the mean over rows, plus twice the
    /// <paramref name="penalty"/> <c>[units + 1]</c>; null when its float32 round-off left it not positive definite.
    /// </summary>
    public static SampledHessian? Build(Tensor design32, Tensor p, Tensor rows, Tensor penalty)
    {
        using var scope = NewDisposeScope();
        var (classes, width) = (p.shape[1], design32.shape[1]);
        var x = design32.index_select(0, rows);
        var q = p.index_select(0, rows).to(float32);
        var m = x.shape[0];
        // H = (1/m) Σᵢ (diag(pᵢ) − pᵢpᵢᵀ) ⊗ xᵢxᵢᵀ: the coupling term as one product, the diagonal blocks per class.
        var scaled = (q.unsqueeze(2) * x.unsqueeze(1)).reshape(m, classes * width); // [m, classes · width]
        var hessian = scaled.t().matmul(scaled).neg_();
        var blocks = (x.unsqueeze(0) * q.t().unsqueeze(-1)).transpose(1, 2).matmul(x); // [classes, width, width]
        for (var a = 0; a < classes; a++)
        {
            var range = TensorIndex.Slice(a * width, (a + 1) * width);
            hessian[range, range].add_(blocks[a]);
        }
        var h = hessian.to(float64).div_(m).add_(diag(penalty.repeat(classes) * 2));
        // The softmax's shift direction (every class's bias up by the same amount) has no curvature at all, and
        // float32 round-off in the difference above can leave it slightly negative: a small ridge, larger if needed
        // (Solve works beside that direction, so the ridge only has to make the factorisation exist).
        var scale = h.diagonal().mean().item<double>();
        Tensor? factor = null;
        foreach (var ridge in new[] { 1e-6, 1e-4, 1e-2 })
        {
            var (candidate, info) = linalg.cholesky_ex(h + diag(full(h.shape[0], ridge * scale, float64)));
            if (info.item<int>() == 0) { factor = candidate; break; }
        }
        if (factor is null) return null;
        return new SampledHessian(factor.to(float32).DetachFromDisposeScope()); // outlives the Newton step that built it: disposed by its owner
    }

    /// <summary>
    /// H⁻¹·<paramref name="r"/> for a residual shaped like the weights, <c>[classes, units + 1]</c>, on the
    /// complement of the shift direction: a gradient has no part along it, and the ridge there would only blow up
    /// round-off, so it is projected out before and after.
    /// </summary>
    public Tensor Solve(Tensor r)
    {
        using var scope = NewDisposeScope();
        var solved = cholesky_solve(WithoutShift(r).reshape(-1, 1).to(float32), _factor).reshape(r.shape).to(r.dtype);
        return WithoutShift(solved).MoveToOuterDisposeScope();
    }

    /// <summary><paramref name="w"/> less its mean bias over classes from every class's bias (the last column).</summary>
    private static Tensor WithoutShift(Tensor w)
    {
        var bias = w[.., -1];
        return cat([w[.., ..^1], (bias - bias.mean()).unsqueeze(1)], 1);
    }

    public void Dispose() => _factor.Dispose();
}
