using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// The pairs of a direction into an inaccessible system, scored by the counterfactual-latent loss: source and
/// target states and the latent the intervened target must match.
/// </summary>
public sealed class LatentData(Tensor sources, Tensor targets, Tensor latents) : IDisposable
{
    /// <summary>Source states <c>[n, d_s]</c>.</summary>
    public Tensor Sources { get; } = sources;

    /// <summary>Target samples <c>[n, d_t]</c>.</summary>
    public Tensor Targets { get; } = targets;

    /// <summary>Counterfactual latents <c>[n, d_t]</c>.</summary>
    public Tensor Latents { get; } = latents;

    public int Count => (int)Targets.shape[0];

    /// <summary>Per pair <c>½·[(1 − cos(h̃, c)) + mean((h̃ − c)²)]</c>, averaged: <c>[]</c>.</summary>
    public static Tensor Loss(Tensor intervened, Tensor latents)
    {
        using var scope = NewDisposeScope();
        var cosine = nn.functional.cosine_similarity(intervened, latents, 1);
        var mse = (intervened - latents).pow(2).mean([1]);
        return (0.5 * ((1 - cosine) + mse)).mean().MoveToOuterDisposeScope();
    }

    /// <summary>Takes the tensors out of any dispose scope open while they were built: the data outlive training steps.</summary>
    public LatentData Keep()
    {
        Sources.DetachFromDisposeScope();
        Targets.DetachFromDisposeScope();
        Latents.DetachFromDisposeScope();
        return this;
    }

    public void Dispose()
    {
        Sources.Dispose();
        Targets.Dispose();
        Latents.Dispose();
    }
}
