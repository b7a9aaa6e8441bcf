using System.Numerics;
using System.Runtime.InteropServices;

namespace NeuroMas.Recordings;

/// <summary>
/// How well a label can be read out linearly from single samples of a recording: trial-grouped
/// k-fold cross-validated multinomial logistic regression. The accuracy is a ceiling on what a
/// one-sample intervention on the recording can carry about that label.
/// </summary>
public static class LinearDecoder
{
    /// <summary>L2 penalty on the weights (not the biases), per sample-averaged loss.</summary>
    public const float L2 = 1e-3f;

    /// <summary>Full-batch accelerated gradient steps per fold.</summary>
    public const int Iterations = 300;

    /// <summary>
    /// Decodes <paramref name="variable"/> from each sample's activity <c>[units]</c> alone.
    /// Samples are split into <paramref name="folds"/> folds by trial (<see cref="FoldOfEachSample"/>),
    /// so no trial is in both the training and the test set. Per fold: each unit is z-scored with
    /// the training samples' mean and standard deviation, a softmax classifier
    /// (weights <c>[classes, units]</c> and biases <c>[classes]</c>) is fitted to the training samples
    /// by <see cref="Iterations"/> Nesterov-accelerated gradient steps on the mean cross-entropy
    /// plus <see cref="L2"/>·‖W‖², and scored on the test samples.
    /// </summary>
    /// <exception cref="InputException">The label is missing, or there are fewer trials than folds.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2.</exception>
    public static DecodingResult CrossValidatedAccuracy(Recording recording, string variable, int folds = 5, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (!recording.Labels.TryGetValue(variable, out var values))
            throw new InputException(
                $"{recording.Source}: no label '{variable}' to decode: the labels are [{string.Join(", ", recording.Labels.Keys)}]");
        recording.Validate();

        var classValues = values.Distinct().Order().ToArray();
        var classOf = classValues.Select((v, k) => (v, k)).ToDictionary(x => x.v, x => x.k);
        var y = Array.ConvertAll(values, v => classOf[v]);
        var chance = values.GroupBy(v => v).Max(g => g.Count()) / (double)values.Length;
        var fold = FoldOfEachSample(recording.Trial, folds, seed, recording.Source);

        var accuracies = new double[folds];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, y.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, y.Length).Where(i => fold[i] == f).ToArray();
            accuracies[f] = classValues.Length == 1 ? 1.0 : FitAndScore(recording.Activity, y, classValues.Length, train, test);
        }
        return new DecodingResult(variable, accuracies.Average(), chance, folds, accuracies, classValues.Length);
    }

    /// <summary>
    /// The fold (0 .. <paramref name="folds"/> − 1) of every sample, <c>[samples]</c>: the distinct
    /// trial ids are shuffled with <paramref name="seed"/> and dealt to the folds in turn, and
    /// every sample gets its trial's fold. Fold sizes in trials differ by at most one.
    /// </summary>
    /// <param name="trial">Trial id per sample, <c>[samples]</c>.</param>
    /// <exception cref="InputException">Fewer distinct trials than folds.</exception>
    public static int[] FoldOfEachSample(IReadOnlyList<int> trial, int folds, int seed, string source = "recording")
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var trials = trial.Distinct().Order().ToArray();
        if (trials.Length < folds)
            throw new InputException($"{source}: trial has {trials.Length} distinct trials: expected at least {folds}, one per fold");
        new Random(seed).Shuffle(trials);
        var foldOfTrial = new Dictionary<int, int>(trials.Length);
        for (var t = 0; t < trials.Length; t++)
            foldOfTrial[trials[t]] = t % folds;
        return trial.Select(t => foldOfTrial[t]).ToArray();
    }

    /// <summary>Fits on <paramref name="train"/>, returns the accuracy on <paramref name="test"/>.</summary>
    private static double FitAndScore(float[,] activity, int[] y, int classes, int[] train, int[] test)
    {
        var units = activity.GetLength(1);
        var (mean, scale) = Standardisation(activity, train);
        var xTrain = Standardise(activity, train, mean, scale);
        var xTest = Standardise(activity, test, mean, scale);
        var yTrain = Array.ConvertAll(train, i => y[i]);
        var (w, b) = Fit(xTrain, yTrain, train.Length, units, classes);

        var logits = new float[classes];
        var correct = 0;
        for (var i = 0; i < test.Length; i++)
        {
            Logits(xTest.AsSpan(i * units, units), w, b, logits);
            var best = 0;
            for (var k = 1; k < classes; k++)
                if (logits[k] > logits[best]) best = k;
            if (best == y[test[i]]) correct++;
        }
        return correct / (double)test.Length;
    }

    /// <summary>
    /// Softmax regression on standardised rows <c>[n, units]</c> (row-major): returns weights
    /// <c>[classes, units]</c> (row-major) and biases <c>[classes]</c>.
    /// </summary>
    private static (float[] W, float[] B) Fit(float[] x, int[] y, int n, int units, int classes)
    {
        // Step 1/L with L = ½·λmax(XᵀX/n) + λ bounds the softmax loss's curvature (Böhning), so
        // gradient descent is stable without a line search; the bias sees the column of ones.
        var step = 1f / (0.5f * (LargestEigenvalue(x, n, units) + 1f) + 2 * L2);
        var w = new float[classes * units];
        var b = new float[classes];
        var (wPrev, bPrev) = ((float[])w.Clone(), (float[])b.Clone());
        var (wLook, bLook) = (new float[w.Length], new float[b.Length]);
        var (gw, gb) = (new float[w.Length], new float[b.Length]);
        var p = new float[classes];
        for (var iteration = 1; iteration <= Iterations; iteration++)
        {
            var momentum = (iteration - 1f) / (iteration + 2f);
            for (var j = 0; j < w.Length; j++) wLook[j] = w[j] + momentum * (w[j] - wPrev[j]);
            for (var k = 0; k < classes; k++) bLook[k] = b[k] + momentum * (b[k] - bPrev[k]);
            Array.Clear(gw);
            Array.Clear(gb);
            for (var i = 0; i < n; i++)
            {
                var row = x.AsSpan(i * units, units);
                Logits(row, wLook, bLook, p);
                Softmax(p);
                p[y[i]] -= 1f;
                for (var k = 0; k < classes; k++)
                {
                    var c = p[k] / n;
                    gb[k] += c;
                    Axpy(c, row, gw.AsSpan(k * units, units));
                }
            }
            (wPrev, w) = (w, wPrev);
            (bPrev, b) = (b, bPrev);
            for (var j = 0; j < w.Length; j++) w[j] = wLook[j] - step * (gw[j] + 2 * L2 * wLook[j]);
            for (var k = 0; k < classes; k++) b[k] = bLook[k] - step * gb[k];
        }
        return (w, b);
    }

    /// <summary>Largest eigenvalue of <c>XᵀX/n</c> by power iteration (an upper estimate suffices).</summary>
    private static float LargestEigenvalue(float[] x, int n, int units)
    {
        var v = Enumerable.Repeat(1f / MathF.Sqrt(units), units).ToArray();
        var next = new float[units];
        var lambda = 1f;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            Array.Clear(next);
            for (var i = 0; i < n; i++)
            {
                var row = x.AsSpan(i * units, units);
                Axpy(Dot(row, v) / n, row, next);
            }
            lambda = MathF.Sqrt(Dot(next, next));
            if (lambda == 0f) return 0f;
            for (var u = 0; u < units; u++) v[u] = next[u] / lambda;
        }
        return lambda * 1.05f;
    }

    private static (float[] Mean, float[] Scale) Standardisation(float[,] activity, int[] rows)
    {
        var units = activity.GetLength(1);
        var (mean, scale) = (new double[units], new float[units]);
        foreach (var i in rows)
            for (var u = 0; u < units; u++) mean[u] += activity[i, u];
        for (var u = 0; u < units; u++) mean[u] /= rows.Length;
        var variance = new double[units];
        foreach (var i in rows)
            for (var u = 0; u < units; u++) variance[u] += Math.Pow(activity[i, u] - mean[u], 2);
        for (var u = 0; u < units; u++)
        {
            var sd = Math.Sqrt(variance[u] / rows.Length);
            scale[u] = sd > 1e-12 ? (float)(1 / sd) : 0f; // a constant unit carries nothing: zero it
        }
        return (Array.ConvertAll(mean, m => (float)m), scale);
    }

    /// <summary>The rows, standardised, row-major <c>[rows, units]</c>.</summary>
    private static float[] Standardise(float[,] activity, int[] rows, float[] mean, float[] scale)
    {
        var units = activity.GetLength(1);
        var x = new float[rows.Length * units];
        for (var r = 0; r < rows.Length; r++)
            for (var u = 0; u < units; u++)
                x[r * units + u] = (activity[rows[r], u] - mean[u]) * scale[u];
        return x;
    }

    private static void Logits(ReadOnlySpan<float> row, float[] w, float[] b, float[] logits)
    {
        var units = row.Length;
        for (var k = 0; k < logits.Length; k++)
            logits[k] = b[k] + Dot(row, w.AsSpan(k * units, units));
    }

    private static void Softmax(float[] z)
    {
        var max = z.Max();
        var sum = 0f;
        for (var k = 0; k < z.Length; k++) sum += z[k] = MathF.Exp(z[k] - max);
        for (var k = 0; k < z.Length; k++) z[k] /= sum;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = Vector<float>.Count;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++) acc += va[i] * vb[i];
        var sum = Vector.Sum(acc);
        for (var i = va.Length * width; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary><c>y += a·x</c>.</summary>
    private static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        var width = Vector<float>.Count;
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var va = new Vector<float>(a);
        for (var i = 0; i < vx.Length; i++) vy[i] += va * vx[i];
        for (var i = vx.Length * width; i < x.Length; i++) y[i] += a * x[i];
    }
}
