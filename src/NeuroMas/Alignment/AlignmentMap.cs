using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// One system's learned invertible map R (docs/method.md, "Alignment maps"). An intervention writes a block of the source's
/// aligned coordinates into the same block of the target's and maps back with the target's inverse:
/// <c>h̃ = R_t⁻¹((1 − m) ⊙ R_t(h_t) + m ⊙ R_s(h_s))</c>. States are z-scored per unit first when
/// the map was given the system's mean and scale.
/// </summary>
public abstract class AlignmentMap : nn.Module
{
    private readonly Tensor mean;
    private readonly Tensor scale;
    private Tensor? _held;
    private int _holds;

    protected AlignmentMap(string name, int width, Tensor? unitMean, Tensor? unitScale) : base(name)
    {
        Width = width;
        mean = (unitMean ?? zeros(width)).detach().to(float32).contiguous().clone().DetachFromDisposeScope();
        scale = (unitScale ?? ones(width)).detach().to(float32).clamp_min(1e-6).contiguous().DetachFromDisposeScope();
        register_buffer("mean", mean);
        register_buffer("scale", scale);
    }

    /// <summary>State width d of the system this map belongs to.</summary>
    public int Width { get; }

    /// <summary>Number of learned scalars.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Aligned coordinates <c>[batch, k]</c> of block <c>[offset, offset + k)</c> of states <c>[batch, d]</c>.</summary>
    public abstract Tensor EncodeBlock(Tensor states, int offset, int size);

    /// <summary>
    /// States <c>[batch, d]</c> whose aligned block <c>[offset, offset + k)</c> is replaced by <paramref name="block"/>
    /// <c>[batch, k]</c>; with <paramref name="dropComplement"/> the rest of the aligned coordinates are zeroed
    /// (model stitching).
    /// </summary>
    public abstract Tensor ReplaceBlock(Tensor states, Tensor block, int offset, bool dropComplement);

    /// <summary>Full forward map R(h): <c>[batch, d]</c>.</summary>
    public abstract Tensor Encode(Tensor states);

    /// <summary>Exact inverse R⁻¹(z): <c>[batch, d]</c>.</summary>
    public abstract Tensor Decode(Tensor coordinates);

    /// <summary>
    /// Until the returned scope is disposed, the map's matrix (a rotation's matrix exponential, a subspace's
    /// orthonormalised basis) is computed once, on first use, and shared by every use: one node of the autograd graph
    /// instead of one per direction, so a step computes (and back-propagates) each map's matrix once. Only for spans in
    /// which the parameters do not change (one loss, one evaluation).
    /// </summary>
    public IDisposable Hold()
    {
        _holds++;
        return new Release(this);
    }

    /// <summary>The map's matrix from <paramref name="compute"/>, or the held one inside <see cref="Hold"/>.</summary>
    protected Tensor Matrix(Func<Tensor> compute)
    {
        if (_holds == 0) return compute();
        if (_held is null)
        {
            using var scope = NewDisposeScope();
            _held = compute().DetachFromDisposeScope();
        }
        return _held;
    }

    protected Tensor Standardize(Tensor states) => (states - mean) / scale;

    protected Tensor Unstandardize(Tensor states) => states * scale + mean;

    private sealed class Release(AlignmentMap map) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            if (--map._holds > 0) return;
            map._held?.Dispose();
            map._held = null;
        }
    }
}
