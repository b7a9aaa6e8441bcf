using NeuroMas.Recordings;

using TorchSharp;

using NeuroMas.Decoding;

namespace NeuroMas.Tests.Decoding;

/// <summary>
/// The decoder as it was before Newton-CG: the same cross-validation, fitted by L-BFGS (10 pairs, Armijo
/// backtracking, float64 tensors) for at most 1,000 iterations. Kept as the independent reference the new fit is
/// compared with (tests) and timed against (bench/NeuroMas.Bench/Decoding.cs links this file).
/// </summary>
internal static class ReferenceLbfgsDecoder
{
    private const double L2 = LinearDecoder.L2;

    /// <summary>Most L-BFGS iterations per fold (it stops earlier once converged).</summary>
    private const int Iterations = 1000;

    /// <summary>Convergence: the largest entry of the loss gradient.</summary>
    private const double Tolerance = 1e-6;

    /// <summary>Correction pairs L-BFGS keeps.</summary>
    private const int History = 10;

    /// <summary>What <see cref="LinearDecoder.CrossValidatedAccuracy(Recording, string, int, int)"/> computed before.</summary>
    public static DecodingResult CrossValidatedAccuracy(Recording recording, string variable, int folds = 5, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (!recording.Labels.TryGetValue(variable, out var values))
            throw new ArgumentException(
                $"{recording.Source}: no label '{variable}' to decode: the labels are [{string.Join(", ", recording.Labels.Keys)}]");
        recording.Validate();

        var classValues = values.Distinct().Order().ToArray();
        var classOf = classValues.Select((v, k) => (v, k)).ToDictionary(x => x.v, x => x.k);
        var y = Array.ConvertAll(values, v => classOf[v]);
        var chance = values.GroupBy(v => v).Max(g => g.Count()) / (double)values.Length;
        var fold = LinearDecoder.FoldOfEachSample(recording.Trial, folds, seed, recording.Source);

        var accuracies = new double[folds];
        var correct = new bool[y.Length];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, y.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, y.Length).Where(i => fold[i] == f).ToArray();
            var right = classValues.Length == 1 ? test.Select(_ => true).ToArray() : FitAndScore(recording.Activity, y, classValues.Length, train, test);
            for (var r = 0; r < test.Length; r++) correct[test[r]] = right[r];
            accuracies[f] = right.Count(c => c) / (double)test.Length;
        }
        return new DecodingResult(variable, accuracies.Average(), chance, folds, accuracies, classValues.Length, correct);
    }

    /// <summary>Fits on <paramref name="train"/>; per row of <paramref name="test"/>, is its prediction right?</summary>
    private static bool[] FitAndScore(float[,] activity, int[] y, int classes, int[] train, int[] test)
    {
        var units = activity.GetLength(1);
        var (mean, scale) = Standardisation(activity, train);
        using var scope = torch.NewDisposeScope();
        var xTrain = torch.tensor(Standardise(activity, train, mean, scale), [train.Length, units], torch.float64);
        var xTest = torch.tensor(Standardise(activity, test, mean, scale), [test.Length, units], torch.float64);
        var theta = Fit(xTrain, torch.tensor(Array.ConvertAll(train, i => (long)y[i])), classes);
        var predicted = xTest.matmul(theta[.., ..units].t()).add(theta[.., units]).argmax(1).data<long>().ToArray();
        return test.Select((i, r) => predicted[r] == y[i]).ToArray();
    }

    /// <summary>
    /// Softmax regression on standardised rows <c>[n, units]</c> (float64): minimises the mean cross-entropy plus
    /// <see cref="L2"/>·‖W‖² by L-BFGS with a backtracking (Armijo) line search until the largest gradient entry is
    /// below <see cref="Tolerance"/>, at most <see cref="Iterations"/> iterations. The loss is convex, so this is its
    /// minimum. Returns the weights with the biases as the last column, <c>[classes, units + 1]</c>.
    /// </summary>
    private static torch.Tensor Fit(torch.Tensor x, torch.Tensor y, int classes)
    {
        var (n, units) = (x.shape[0], x.shape[1]);
        var onehot = torch.nn.functional.one_hot(y, classes).to(torch.float64);
        var design = torch.cat([x, torch.ones(n, 1, torch.float64)], 1); // the bias is the last column's weight
        var penalty = torch.cat([torch.ones(units, torch.float64), torch.zeros(1, torch.float64)]) * L2;
        (double Loss, torch.Tensor Gradient) Evaluate(torch.Tensor theta) // theta [classes, units + 1]
        {
            var logits = design.matmul(theta.t());
            var logp = logits.log_softmax(1);
            var loss = -(logp * onehot).sum().item<double>() / n + (penalty * theta.pow(2)).sum().item<double>();
            var gradient = (logp.exp() - onehot).t().matmul(design) / n + 2 * penalty * theta;
            return (loss, gradient);
        }
        var theta = torch.zeros(classes, units + 1, torch.float64);
        var (f, g) = Evaluate(theta);
        var history = new List<(torch.Tensor S, torch.Tensor Y, double Rho)>();
        for (var iteration = 0; iteration < Iterations && g.abs().max().item<double>() > Tolerance; iteration++)
        {
            using var scope = torch.NewDisposeScope(); // what this iteration keeps is moved out below
            // Two-loop recursion: direction = −H·g with H the L-BFGS inverse-Hessian estimate.
            var q = g.clone();
            var alphas = new double[history.Count];
            for (var i = history.Count - 1; i >= 0; i--)
            {
                alphas[i] = history[i].Rho * (history[i].S * q).sum().item<double>();
                q -= alphas[i] * history[i].Y;
            }
            if (history.Count > 0)
            {
                var (sLast, yLast, _) = history[^1];
                q *= (sLast * yLast).sum().item<double>() / (yLast * yLast).sum().item<double>();
            }
            for (var i = 0; i < history.Count; i++)
            {
                var beta = history[i].Rho * (history[i].Y * q).sum().item<double>();
                q += (alphas[i] - beta) * history[i].S;
            }
            var direction = -q;
            var slope = (g * direction).sum().item<double>();
            if (slope >= 0)
            {
                (direction, slope) = (-g, -(g * g).sum().item<double>());
                foreach (var h in history) { h.S.Dispose(); h.Y.Dispose(); }
                history.Clear();
            }
            var step = history.Count == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(-slope)) : 1.0;
            torch.Tensor next;
            double fNext;
            torch.Tensor gNext;
            while (true)
            {
                next = theta + step * direction;
                (fNext, gNext) = Evaluate(next);
                if (fNext <= f + 1e-4 * step * slope || step < 1e-12) break;
                step /= 2;
            }
            var (s, yk) = (next - theta, gNext - g);
            var sy = (s * yk).sum().item<double>();
            if (sy > 1e-12)
            {
                history.Add((s.MoveToOuterDisposeScope(), yk.MoveToOuterDisposeScope(), 1 / sy));
                if (history.Count > History)
                {
                    history[0].S.Dispose(); history[0].Y.Dispose();
                    history.RemoveAt(0);
                }
            }
            var converged = Math.Abs(f - fNext) <= 1e-12 * Math.Max(1, Math.Abs(f));
            theta.Dispose(); g.Dispose();
            (theta, f, g) = (next.MoveToOuterDisposeScope(), fNext, gNext.MoveToOuterDisposeScope());
            if (converged) break;
        }
        foreach (var h in history) { h.S.Dispose(); h.Y.Dispose(); }
        return theta;
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
}
