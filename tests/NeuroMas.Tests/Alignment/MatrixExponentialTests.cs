using NeuroMas.Alignment;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

/// <summary>The exponential's block-structured backward pass against PyTorch's own, and against a finite difference.</summary>
public class MatrixExponentialTests
{
    [TestCase(0.0, 1e-3)]
    [TestCase(0.02, 1.0)]
    [TestCase(0.3, 0.1)]
    [TestCase(3.0, 1.0)]
    public void SkewGradient_EqualsPyTorchsToFloatRounding(double generatorScale, double gradientScale)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var generator = (randn(64, 64) * generatorScale).requires_grad_(true);
        var upstream = randn(64, 64) * gradientScale;
        var skew = generator - generator.t();
        var expected = autograd.grad([(linalg.matrix_exp(skew) * upstream).sum()], [generator])[0];
        var actual = autograd.grad([(MatrixExponential.Exp(skew) * upstream).sum()], [generator])[0];
        var size = expected.abs().max().item<float>();
        Assert.That(size, Is.GreaterThan(0f));
        Assert.That((actual - expected).abs().max().item<float>(), Is.LessThan(2e-5f * Math.Max(size, 1f)));
    }

    [Test]
    public void Forward_IsLinalgMatrixExp_ToTheBit()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var x = randn(32, 32) * 0.5;
        Assert.That(MatrixExponential.Exp(x).eq(linalg.matrix_exp(x)).all().item<bool>(), Is.True);
    }

    [Test]
    public void Derivative_MatchesAFiniteDifferenceInDoublePrecision()
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        var x = randn(16, 16, dtype: float64) * 2;
        var e = randn(16, 16, dtype: float64);
        const double h = 1e-6;
        var numeric = (linalg.matrix_exp(x + h * e) - linalg.matrix_exp(x - h * e)) / (2 * h);
        var analytic = MatrixExponential.Derivative(x, e);
        Assert.That((analytic - numeric).abs().max().item<double>(), Is.LessThan(1e-6 * numeric.abs().max().item<double>()));
    }
}
