using NeuroMas.Alignment;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

/// <summary>The scaled-and-squared degree-18 exponential and its autograd gradient against PyTorch's <c>linalg.matrix_exp</c>.</summary>
public class MatrixExponentialTests
{
    // 1-norms from below PyTorch's lowest-degree thresholds to ~8 squarings.
    [TestCase(1e-4)]
    [TestCase(0.02)]
    [TestCase(0.3)]
    [TestCase(3.0)]
    public void Value_EqualsLinalgMatrixExp_InDoublePrecision(double scale)
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var x = randn(32, 32, dtype: float64) * scale;
        var expected = linalg.matrix_exp(x);
        Assert.That((MatrixExponential.Exp(x) - expected).abs().max().item<double>(), Is.LessThan(1e-12 * expected.abs().max().item<double>()));
    }

    [TestCase(0.02)]
    [TestCase(0.3)]
    [TestCase(3.0)]
    public void SkewValue_EqualsLinalgMatrixExp_ToFloatRounding_AndIsAsOrthogonal(double scale)
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        var generator = randn(128, 128) * scale;
        var skew = generator - generator.t();
        var (actual, expected) = (MatrixExponential.Exp(skew), linalg.matrix_exp(skew));
        float Drift(Tensor q) => (q.t().matmul(q) - eye(128)).abs().max().item<float>();
        TestContext.Out.WriteLine($"|difference| {(actual - expected).abs().max().item<float>():E2}, drift from orthogonal {Drift(actual):E2} (linalg.matrix_exp {Drift(expected):E2})");
        // Above 1-norm 1.46 linalg.matrix_exp takes the same polynomial in the same operation order: equal to the bit.
        Assert.That((actual - expected).abs().max().item<float>(), Is.EqualTo(0f));
        Assert.That(Drift(actual), Is.LessThan(Math.Max(2e-5f, 1.5f * Drift(expected))));
    }

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
    public void Gradient_EqualsPyTorchs_InDoublePrecision()
    {
        using var scope = NewDisposeScope();
        manual_seed(10);
        var x = (randn(16, 16, dtype: float64) * 2).requires_grad_(true);
        var upstream = randn(16, 16, dtype: float64);
        var expected = autograd.grad([(linalg.matrix_exp(x) * upstream).sum()], [x])[0];
        var actual = autograd.grad([(MatrixExponential.Exp(x) * upstream).sum()], [x])[0];
        Assert.That((actual - expected).abs().max().item<double>(), Is.LessThan(1e-10 * expected.abs().max().item<double>()));
    }

    [Test]
    public void AtZero_IsTheIdentity_AndPassesTheGradientThrough()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var x = zeros(8, 8).requires_grad_(true);
        var upstream = randn(8, 8);
        var value = MatrixExponential.Exp(x);
        Assert.That(value.eq(eye(8)).all().item<bool>(), Is.True);
        var gradient = autograd.grad([(value * upstream).sum()], [x])[0];
        Assert.That(gradient.eq(upstream).all().item<bool>(), Is.True);
    }
}
