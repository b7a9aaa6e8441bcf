using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// Gram–Schmidt subspace map: only k basis vectors are learned (orthonormalised by QR on every use);
/// an intervention moves the state within their span and leaves the orthogonal complement untouched:
/// <c>h̃ = h + (z_s − h·V)·Vᵀ</c>.
/// </summary>
public sealed class SubspaceMap : AlignmentMap
{
    private readonly TorchSharp.Modules.Parameter basis;

    public SubspaceMap(int width, int size, Tensor? unitMean = null, Tensor? unitScale = null) : base("subspace", width, unitMean, unitScale)
    {
        if (size < 1 || size > width) throw new InputException($"subspace_size: expected 1..{width}, found {size}");
        Size = size;
        basis = nn.Parameter(RandomBasis(width, size).DetachFromDisposeScope());
        basis.DetachFromDisposeScope();
        RegisterComponents();
    }

    /// <summary>
    /// A random orthonormal basis <c>[d, k]</c> from the torch generator: the QR of a d × k Gaussian, distributed as the first k
    /// columns of a random orthogonal matrix but O(d·k²) to make instead of O(d³) (what keeps a wide recording's set-up cheap).
    /// </summary>
    public static Tensor RandomBasis(int width, int size)
    {
        using var scope = NewDisposeScope();
        var (q, r) = linalg.qr(randn(width, size));
        return (q * r.diagonal().sign()).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Number of learned basis vectors k.</summary>
    public int Size { get; }

    /// <summary>The orthonormal basis <c>[d, k]</c>.</summary>
    public Tensor Basis() => Matrix(() =>
    {
        using var scope = NewDisposeScope();
        var (q, r) = linalg.qr(basis);
        return (q * r.diagonal().sign()).MoveToOuterDisposeScope();
    });

    public override Tensor Encode(Tensor states) => Standardize(states).matmul(Basis());

    /// <summary>The map is invertible only on its span: decodes k coordinates to the state they describe.</summary>
    public override Tensor Decode(Tensor coordinates) => Unstandardize(coordinates.matmul(Basis().t()));

    public override Tensor EncodeBlock(Tensor states, int offset, int size)
    {
        if (offset + size > Size) throw new InputException($"subspace: block [{offset}, {offset + size}) exceeds the {Size} learned vectors");
        return Standardize(states).matmul(Basis()[.., offset..(offset + size)]);
    }

    public override Tensor ReplaceBlock(Tensor states, Tensor block, int offset, bool dropComplement)
    {
        using var scope = NewDisposeScope();
        var v = Basis()[.., offset..(offset + (int)block.shape[1])];
        var x = Standardize(states);
        var moved = dropComplement ? block.matmul(v.t()) : x + (block - x.matmul(v)).matmul(v.t());
        return Unstandardize(moved).MoveToOuterDisposeScope();
    }
}
