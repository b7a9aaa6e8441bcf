using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// Orthogonal rotation <c>W = W₀ · exp(A − Aᵀ)</c>: W₀ a fixed random orthogonal start, A learned. The
/// matrix exponential of a skew-symmetric matrix is orthogonal, so W stays orthogonal to float
/// precision however far training moves A, and the inverse is Wᵀ.
/// </summary>
public sealed class OrthogonalMap : AlignmentMap
{
    private readonly Tensor start;
    private readonly TorchSharp.Modules.Parameter generator;

    public OrthogonalMap(int width, Tensor? unitMean = null, Tensor? unitScale = null, bool randomStart = true)
        : base("orthogonal", width, unitMean, unitScale)
    {
        start = (randomStart ? RandomOrthogonal(width) : eye(width)).contiguous().DetachFromDisposeScope();
        generator = nn.Parameter(zeros(width, width).DetachFromDisposeScope());
        generator.DetachFromDisposeScope();
        register_buffer("start", start);
        RegisterComponents();
    }

    /// <summary>The current rotation <c>[d, d]</c>.</summary>
    public Tensor Rotation() => Matrix(() =>
    {
        using var scope = NewDisposeScope();
        var skew = generator - generator.t();
        return start.matmul(MatrixExponential.Exp(skew)).MoveToOuterDisposeScope();
    });

    /// <summary>How many squarings the exponential of the current generator takes (<see cref="MatrixExponential.Squarings"/>).</summary>
    public int Squarings()
    {
        using var scope = NewDisposeScope();
        return MatrixExponential.Squarings(generator - generator.t());
    }

    public override Tensor Encode(Tensor states) => Standardize(states).matmul(Rotation());

    public override Tensor Decode(Tensor coordinates) => Unstandardize(coordinates.matmul(Rotation().t()));

    public override Tensor EncodeBlock(Tensor states, int offset, int size)
    {
        using var scope = NewDisposeScope();
        return Standardize(states).matmul(Rotation()[.., offset..(offset + size)]).MoveToOuterDisposeScope();
    }

    public override Tensor ReplaceBlock(Tensor states, Tensor block, int offset, bool dropComplement)
    {
        using var scope = NewDisposeScope();
        var rotation = Rotation();
        var z = Standardize(states).matmul(rotation);
        z = Splice(z, block, offset, dropComplement);
        return Unstandardize(z.matmul(rotation.t())).MoveToOuterDisposeScope();
    }

    internal static Tensor Splice(Tensor z, Tensor block, int offset, bool dropComplement)
    {
        var size = (int)block.shape[1];
        var width = (int)z.shape[1];
        var before = dropComplement ? zeros_like(z[.., ..offset]) : z[.., ..offset];
        var after = dropComplement ? zeros_like(z[.., (offset + size)..]) : z[.., (offset + size)..];
        return cat([before, block, after], 1)[.., ..width];
    }

    /// <summary>A random orthogonal matrix from the torch generator (seeded by the caller).</summary>
    public static Tensor RandomOrthogonal(int width)
    {
        using var scope = NewDisposeScope();
        var (q, r) = linalg.qr(randn(width, width));
        return (q * r.diagonal().sign()).contiguous().MoveToOuterDisposeScope();
    }
}
