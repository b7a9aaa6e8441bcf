using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// The matrix exponential as the orthogonal maps use it: scaling and squaring with Bader, Blanes and Casas's degree-18
/// Taylor polynomial, written in tensor operations so that autograd differentiates exactly what was computed.
/// <para>
/// <c>linalg.matrix_exp</c> computes the same polynomial (it takes lower degrees below 1-norm 1.46; this keeps degree
/// 18, which is no less accurate), but its backward pass is the exponential of the 2n × 2n block matrix
/// <c>[[Xᵀ, G], [0, Xᵀ]]</c>: eight n × n products per product of the forward pass. Reverse-mode differentiation of the
/// forward's own products takes two each (the gradient of <c>C = A·B</c> is <c>G·Bᵀ</c> and <c>Aᵀ·G</c>), and the
/// forward itself skips <c>linalg.matrix_exp</c>'s per-call set-up. Values agree with <c>linalg.matrix_exp</c> and
/// gradients with its autograd to float rounding (test <c>MatrixExponentialTests</c>).
/// </para>
/// </summary>
public static class MatrixExponential
{
    /// <summary>
    /// The degree-18 polynomial's largest 1-norm without scaling, in single precision (PyTorch's threshold); above it,
    /// the argument is divided by 2^s to below it and the result squared s times.
    /// </summary>
    private const double Theta18 = 3.010066362817634;

    /// <summary>
    /// The polynomial's coefficients (Bader, Blanes, Casas 2019, as in PyTorch's <c>compute_T18</c>): row i is B_(i+1)
    /// over <c>I, A, A², A³, A⁶</c>; then <c>A9 = B1·B5 + B4</c> and <c>T18 = B2 + (B3 + A9)·A9</c>.
    /// </summary>
    private static readonly double[][] Coefficients =
    [
        [0, -1.00365581030144618291e-01, -8.02924648241156932449e-03, -8.92138498045729985177e-04, 0],
        [0, 3.97849749499645077844e-01, 1.36783778460411720168e+00, 4.98289622525382669416e-01, -6.37898194594723280150e-04],
        [-1.09676396052962061844e+01, 1.68015813878906206114e+00, 5.71779846478865511061e-02, -6.98210122488052056106e-03, 3.34975017086070470649e-05],
        [-9.04316832390810593223e-02, -6.76404519071381882256e-02, 6.75961301770459654925e-02, 2.95552570429315521194e-02, -1.39180257516060693404e-05],
        [0, 0, -9.23364619367118555360e-02, -1.69364939002081722752e-02, -1.40086798182036094347e-05],
    ];

    /// <summary><c>exp(x)</c> of a square matrix, differentiable in x. At x = 0 it is <c>I + x</c> (exactly I, gradient the identity map).</summary>
    public static Tensor Exp(Tensor x)
    {
        using var scope = NewDisposeScope();
        var identity = eye(x.shape[0], dtype: x.dtype, device: x.device);
        var squarings = Squarings(x);
        if (squarings < 0) return (identity + x).MoveToOuterDisposeScope();
        var a = squarings == 0 ? x : x * Math.Pow(2, -squarings);
        var a2 = a.matmul(a);
        var a3 = a.matmul(a2);
        Tensor[] powers = [identity, a, a2, a3, a3.matmul(a3)];
        Tensor B(int row) => Combine(powers, Coefficients[row]);
        var a9 = addmm(B(3), B(0), B(4), beta: 1, alpha: 1);
        var result = addmm(B(1), B(2) + a9, a9, beta: 1, alpha: 1);
        for (var i = 0; i < squarings; i++) result = result.matmul(result);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// How many times <see cref="Exp"/> squares for <paramref name="x"/>: 0 up to 1-norm <c>θ₁₈</c>, else
    /// <c>⌈log₂(‖x‖₁ / θ₁₈)⌉</c>; −1 for x = 0 (no products at all). Its products are <c>5 + squarings</c> forward.
    /// </summary>
    public static int Squarings(Tensor x)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var norm = x.abs().sum(0L).max().to(float64).item<double>();
        return norm == 0 ? -1 : norm <= Theta18 ? 0 : (int)Math.Ceiling(Math.Log2(norm / Theta18));
    }

    /// <summary>Σ coefficients[i] · terms[i] over the nonzero coefficients.</summary>
    private static Tensor Combine(Tensor[] terms, double[] coefficients)
    {
        Tensor? sum = null;
        for (var i = 0; i < terms.Length; i++)
        {
            if (coefficients[i] == 0) continue;
            sum = sum is null ? terms[i] * coefficients[i] : sum.add(terms[i], alpha: coefficients[i]);
        }
        return sum!;
    }
}
