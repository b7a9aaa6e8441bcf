using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// The PCA front end of an inaccessible system (protocol key <c>pca</c>): its unit-standardised samples projected onto
/// the first N principal components of its <em>training</em> trials, all divided by one common deviation (so the scores'
/// mean variance is 1 on them). Not whitened: the count's direction keeps its large variance against the noise components,
/// as it has among standardised units (whitened, the swapped block came out at the noise's scale and the recording → GRU
/// IIA on a 2,048-unit recording stayed near chance). A
/// map then learns on N dimensions instead of the recording's width d, so an orthogonal map costs O(N³) per step instead
/// of O(d³). Fitted once by a randomized SVD (Halko, Martinsson and Tropp 2011: a Gaussian sketch of N + 10 columns from a
/// fixed seed, four power iterations): O(n·d·N) time, no d × d matrix, the same components for the same data in every run.
/// </summary>
public sealed class PrincipalComponents : IDisposable
{
    private const int Oversampling = 10, PowerIterations = 4;

    private PrincipalComponents(Tensor components, Tensor scale, double explained)
    {
        Components = components;
        Scale = scale;
        ExplainedVariance = explained;
    }

    /// <summary>Orthonormal components <c>[d, N]</c>, by decreasing variance.</summary>
    public Tensor Components { get; }

    /// <summary>The components' common deviation over the training samples (root of their mean variance), repeated <c>[N]</c>.</summary>
    public Tensor Scale { get; }

    /// <summary>Fraction of the training samples' total variance the components keep.</summary>
    public double ExplainedVariance { get; }

    /// <summary>Number of components N.</summary>
    public int Count => (int)Components.shape[1];

    /// <summary>
    /// The first <paramref name="count"/> principal components of <paramref name="training"/> <c>[n, d]</c> (centred: the
    /// training samples standardised by their own mean). Only training samples may be given: a component fitted on held-out
    /// trials would carry their noise into every score.
    /// </summary>
    /// <exception cref="InputException">count outside 1..min(n, d); names the key <c>pca</c> and <paramref name="source"/>.</exception>
    public static PrincipalComponents Fit(Tensor training, int count, string source)
    {
        var (n, d) = ((int)training.shape[0], (int)training.shape[1]);
        if (count < 1 || count > Math.Min(n, d))
            throw new InputException($"{source}: pca: expected 1 to {Math.Min(n, d)} components (the recording's {d} units, {n} training samples), found {count}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = training.to(float32);
        var sketch = Math.Min(count + Oversampling, Math.Min(n, d));
        var generator = new TorchSharp.torch.Generator(0);
        var q = Orthonormal(x.matmul(randn(d, sketch, generator: generator)));
        for (var i = 0; i < PowerIterations; i++)
            q = Orthonormal(x.matmul(Orthonormal(x.t().matmul(q))));
        var (_, singular, vh) = linalg.svd(q.t().matmul(x), fullMatrices: false);
        var components = vh[..count].t();
        // A component's sign is arbitrary: fix it so that its largest loading is positive (the same data gives the same map).
        var largest = components.abs().argmax(0);
        var sign = components.gather(0, largest.unsqueeze(0)).sign().squeeze(0);
        components = (components * where(sign == 0, ones_like(sign), sign)).contiguous();
        var scores = x.matmul(components);
        var common = scores.var(0, unbiased: false).mean().sqrt().clamp_min(1e-12);
        var scale = common.expand(count).contiguous();
        var total = x.pow(2).sum().item<float>();
        var kept = singular[..count].pow(2).sum().item<float>();
        return new PrincipalComponents(components.MoveToOuterDisposeScope(), scale.MoveToOuterDisposeScope(), total > 0 ? Math.Min(1.0, kept / total) : 1.0);
    }

    /// <summary>Unit-standardised samples <c>[n, d]</c> → scores in units of the components' common deviation <c>[n, N]</c>.</summary>
    public Tensor Project(Tensor standardized)
    {
        using var scope = NewDisposeScope();
        return (standardized.matmul(Components) / Scale).MoveToOuterDisposeScope();
    }

    /// <summary>Scores <c>[n, N]</c> → the unit-standardised samples they describe <c>[n, d]</c> (within the components' span).</summary>
    public Tensor Reconstruct(Tensor scores)
    {
        using var scope = NewDisposeScope();
        return (scores * Scale).matmul(Components.t()).MoveToOuterDisposeScope();
    }

    private static Tensor Orthonormal(Tensor columns)
    {
        var (q, _) = linalg.qr(columns);
        return q;
    }

    public void Dispose()
    {
        Components.Dispose();
        Scale.Dispose();
    }
}
