using System.Numerics;
using NeuroMas.Models;
using NUnit.Framework;

namespace NeuroMas.Tests.Models;

/// <summary>GruCell's own sigmoid and tanh against double-precision values, across the range a GRU's gates see.</summary>
public class GruCellTests
{
    private static IEnumerable<float> Grid()
    {
        for (var x = -30.0; x <= 30.0; x += 0.0137) yield return (float)x;
        // Where tanh switches from its polynomial to the quotient, and values near zero.
        foreach (var x in new[] { 0.125f, 0.12499999f, 0.12500001f, 1e-3f, 1e-6f, 1e-20f, 0f })
        {
            yield return x;
            yield return -x;
        }
    }

    private static float[] Apply(Func<Vector<float>, Vector<float>> f, float[] xs)
    {
        var n = Vector<float>.Count;
        var padded = xs.Concat(Enumerable.Repeat(0f, (n - (xs.Length % n)) % n)).ToArray();
        var result = new float[padded.Length];
        for (var i = 0; i < padded.Length; i += n) f(new Vector<float>(padded, i)).CopyTo(result, i);
        return result[..xs.Length];
    }

    [Test]
    public void Tanh_IsWithinFloatRounding_OfTheExactValue()
    {
        var xs = Grid().ToArray();
        var ys = Apply(GruCell.Tanh, xs);
        for (var i = 0; i < xs.Length; i++)
        {
            var exact = Math.Tanh(xs[i]);
            // A few units in the last place: relative near zero (the polynomial), absolute against 1 elsewhere.
            Assert.That(Math.Abs(ys[i] - exact), Is.LessThanOrEqualTo(Math.Max(4e-7 * Math.Abs(exact), 2.5e-7)), $"tanh({xs[i]:R})");
            Assert.That(Math.Sign(ys[i]), Is.EqualTo(Math.Sign(exact)), $"sign of tanh({xs[i]:R})");
        }
    }

    [Test]
    public void Sigmoid_IsWithinFloatRounding_OfTheExactValue()
    {
        var xs = Grid().ToArray();
        var ys = Apply(GruCell.Sigmoid, xs);
        for (var i = 0; i < xs.Length; i++)
        {
            var exact = 1 / (1 + Math.Exp(-(double)xs[i]));
            Assert.That(Math.Abs(ys[i] - exact), Is.LessThanOrEqualTo(4e-7 * exact), $"sigmoid({xs[i]:R})");
        }
    }

    [Test]
    public void Exp_IsWithinFloatRounding_OfTheExactValue()
    {
        var xs = Enumerable.Range(0, 20001).Select(i => -87f + i * (175f / 20000)).Concat([0f, 1e-8f, -1e-8f, 0.5f * MathF.Log(2)]).ToArray();
        var ys = Apply(GruCell.Exp, xs);
        for (var i = 0; i < xs.Length; i++)
        {
            var exact = Math.Exp(xs[i]);
            Assert.That(Math.Abs(ys[i] - exact), Is.LessThanOrEqualTo(3e-7 * exact), $"exp({xs[i]:R})");
        }
        // Past float's range the result saturates instead of becoming infinite or NaN.
        var far = Apply(GruCell.Exp, [200f, -200f]);
        Assert.That(float.IsFinite(far[0]) && far[0] > 1e38f, Is.True);
        Assert.That(far[1], Is.GreaterThanOrEqualTo(0f).And.LessThan(1e-37f));
    }
}
