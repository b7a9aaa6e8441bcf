using NeuroMas.Decoding;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Decoding;

/// <summary>The coupled preconditioner is the inverse of the softmax regression's Hessian on its rows.</summary>
public class SampledHessianTests
{
    [TestCase(3, 5, 1)]
    [TestCase(2, 4, 2)]
    [TestCase(6, 3, 3)]
    public void OnAllRows_ItSolvesTheExactHessian(int classes, int units, int seed)
    {
        using var scope = NewDisposeScope();
        var random = new Random(seed);
        const int n = 300;
        var width = units + 1;
        var x = new double[n, width];
        var p = new double[n, classes];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < units; j++) x[i, j] = random.NextDouble() * 2 - 1;
            x[i, units] = 1; // the bias column
            var logits = Enumerable.Range(0, classes).Select(_ => 3 * random.NextDouble()).ToArray();
            var total = logits.Sum(Math.Exp);
            for (var a = 0; a < classes; a++) p[i, a] = Math.Exp(logits[a]) / total;
        }
        var penalty = Enumerable.Range(0, width).Select(j => j < units ? 1e-2 : 0.0).ToArray();

        // H[(a, j), (b, k)] = (1/n) Σᵢ (δab pᵢa − pᵢa pᵢb) xᵢj xᵢk + 2 λj δab δjk, written out independently.
        var size = classes * width;
        var h = new double[size, size];
        for (var i = 0; i < n; i++)
            for (var a = 0; a < classes; a++)
                for (var b = 0; b < classes; b++)
                {
                    var w = ((a == b ? p[i, a] : 0) - p[i, a] * p[i, b]) / n;
                    for (var j = 0; j < width; j++)
                        for (var k = 0; k < width; k++)
                            h[a * width + j, b * width + k] += w * x[i, j] * x[i, k];
                }
        for (var a = 0; a < classes; a++)
            for (var j = 0; j < width; j++)
                h[a * width + j, a * width + j] += 2 * penalty[j];

        // A direction with no part along the bias shift (the one flat direction, which no gradient has either).
        var v = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var shift = Enumerable.Range(0, classes).Average(a => v[a * width + units]);
        for (var a = 0; a < classes; a++) v[a * width + units] -= shift;
        var hv = Enumerable.Range(0, size).Select(r => Enumerable.Range(0, size).Sum(c => h[r, c] * v[c])).ToArray();

        using var preconditioner = SampledHessian.Build(tensor(x).to(float32), tensor(p), arange(n), tensor(penalty));
        Assert.That(preconditioner, Is.Not.Null);
        var solved = preconditioner!.Solve(tensor(hv, [classes, width])).reshape(-1).data<double>().ToArray();
        var error = solved.Zip(v, (s, t) => Math.Abs(s - t)).Max() / v.Max(Math.Abs);
        Assert.That(error, Is.LessThan(1e-2), "H⁻¹·(H·v) = v up to float32 round-off");
    }
}
