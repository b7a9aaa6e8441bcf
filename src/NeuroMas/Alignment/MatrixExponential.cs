using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// <c>linalg.matrix_exp</c> with a cheaper backward pass. The gradient of <c>exp(X)</c> is the Fréchet derivative of the
/// exponential at <c>Xᵀ</c> applied to the incoming gradient G, which PyTorch takes from the exponential of the block
/// matrix <c>M = [[Xᵀ, G], [0, Xᵀ]]</c> (its upper right block), a 2n × 2n exponential. Here the exponential of the same
/// M is computed on its block structure, by scaling and squaring with Bader, Blanes and Casas's degree-18 Taylor
/// polynomial (PyTorch's for 1-norms above 1.46; below that PyTorch takes a lower degree, this keeps degree 18, which is
/// no less accurate): a product of two block upper triangular matrices with equal diagonal blocks costs three n × n
/// products, not eight, and nothing 2n-wide is built.
/// The forward pass is <c>linalg.matrix_exp</c> itself, so the rotation a map applies is unchanged to the bit; the
/// gradient agrees with PyTorch's to float rounding (test <c>MatrixExponentialTests</c>).
/// </summary>
public static class MatrixExponential
{
    /// <summary><c>exp(x)</c> of a square matrix, differentiable in x.</summary>
    public static Tensor Exp(Tensor x) => Function.apply(x);

    /// <summary>The Fréchet derivative of exp at <paramref name="x"/> in the direction <paramref name="direction"/>: <c>L(x, e)</c>.</summary>
    public static Tensor Derivative(Tensor x, Tensor direction)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Scale M by 2^-s so its 1-norm is below the degree-18 polynomial's bound (PyTorch's float threshold).
        const double theta = 3.010066362817634;
        var norm = (x.abs().sum(0L) + direction.abs().sum(0L)).max().to(float64).item<double>();
        var s = norm <= theta ? 0 : (int)Math.Ceiling(Math.Log2(norm / theta));
        var scale = Math.Pow(2, -s);
        var n = x.shape[0];
        var identity = eye(n, dtype: x.dtype);
        var p1 = new Block(x * scale, direction * scale);
        var p2 = p1 * p1;
        var p3 = p1 * p2;
        var p6 = p3 * p3;
        Block[] powers = [new Block(identity, zeros_like(x)), p1, p2, p3, p6];
        Block Combination(int row) => Block.Combine(powers, Coefficients[row]);
        var (b1, b2, b3, b4, b5) = (Combination(0), Combination(1), Combination(2), Combination(3), Combination(4));
        var a9 = b1 * b5 + b4;
        var result = b2 + (b3 + a9) * a9;
        for (var i = 0; i < s; i++) result = result * result;
        return result.Upper.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The degree-18 polynomial's coefficients (Bader, Blanes, Casas 2019, as in PyTorch's <c>compute_T18</c>): row i is
    /// B_(i+1) over <c>I, A, A², A³, A⁶</c>; then <c>A9 = B1·B5 + B4</c> and <c>T18 = B2 + (B3 + A9)·A9</c>.
    /// </summary>
    private static readonly double[][] Coefficients =
    [
        [0, -1.00365581030144618291e-01, -8.02924648241156932449e-03, -8.92138498045729985177e-04, 0],
        [0, 3.97849749499645077844e-01, 1.36783778460411720168e+00, 4.98289622525382669416e-01, -6.37898194594723280150e-04],
        [-1.09676396052962061844e+01, 1.68015813878906206114e+00, 5.71779846478865511061e-02, -6.98210122488052056106e-03, 3.34975017086070470649e-05],
        [-9.04316832390810593223e-02, -6.76404519071381882256e-02, 6.75961301770459654925e-02, 2.95552570429315521194e-02, -1.39180257516060693404e-05],
        [0, 0, -9.23364619367118555360e-02, -1.69364939002081722752e-02, -1.40086798182036094347e-05],
    ];

    /// <summary>A block upper triangular matrix <c>[[Diagonal, Upper], [0, Diagonal]]</c>.</summary>
    private readonly record struct Block(Tensor Diagonal, Tensor Upper)
    {
        public static Block operator *(Block a, Block b) =>
            new(a.Diagonal.matmul(b.Diagonal), a.Diagonal.matmul(b.Upper).add_(a.Upper.matmul(b.Diagonal)));

        public static Block operator +(Block a, Block b) => new(a.Diagonal + b.Diagonal, a.Upper + b.Upper);

        public static Block Combine(Block[] blocks, double[] coefficients)
        {
            var (diagonal, upper) = (zeros_like(blocks[0].Diagonal), zeros_like(blocks[0].Upper));
            for (var i = 0; i < blocks.Length; i++)
            {
                if (coefficients[i] == 0) continue;
                diagonal.add_(blocks[i].Diagonal, coefficients[i]);
                upper.add_(blocks[i].Upper, coefficients[i]);
            }
            return new Block(diagonal, upper);
        }
    }

    private sealed class Function : autograd.SingleTensorFunction<Function>
    {
        public override string Name => "MatrixExponential";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward([x]);
            return linalg.matrix_exp(x);
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
        {
            var x = ctx.get_saved_variables()[0];
            return [Derivative(x.t(), grad)];
        }
    }
}
