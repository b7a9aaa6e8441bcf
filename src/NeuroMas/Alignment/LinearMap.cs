using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// Invertible, non-orthogonal linear map <c>z = h·W</c>, W learned from a random orthogonal start; the
/// inverse solves the linear system exactly (no explicit inverse).
/// </summary>
public sealed class LinearMap : AlignmentMap
{
    private readonly TorchSharp.Modules.Parameter weight;

    public LinearMap(int width, Tensor? unitMean = null, Tensor? unitScale = null) : base("linear", width, unitMean, unitScale)
    {
        weight = nn.Parameter(OrthogonalMap.RandomOrthogonal(width).DetachFromDisposeScope());
        weight.DetachFromDisposeScope();
        RegisterComponents();
    }

    public override Tensor Encode(Tensor states) => Standardize(states).matmul(weight);

    /// <summary>Solves <c>h·W = z</c> for h, i.e. <c>Wᵀ hᵀ = zᵀ</c>.</summary>
    public override Tensor Decode(Tensor coordinates)
    {
        using var scope = NewDisposeScope();
        var solved = linalg.solve(weight.t(), coordinates.t()).t();
        return Unstandardize(solved).MoveToOuterDisposeScope();
    }

    public override Tensor EncodeBlock(Tensor states, int offset, int size) =>
        Standardize(states).matmul(weight[.., offset..(offset + size)]);

    public override Tensor ReplaceBlock(Tensor states, Tensor block, int offset, bool dropComplement)
    {
        using var scope = NewDisposeScope();
        var z = OrthogonalMap.Splice(Encode(states), block, offset, dropComplement);
        return Decode(z).MoveToOuterDisposeScope();
    }
}
