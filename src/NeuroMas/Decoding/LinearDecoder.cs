using NeuroMas.Recordings;

using TorchSharp;

namespace NeuroMas.Decoding;

/// <summary>
/// How well a label can be read out linearly from single samples of a recording: trial-grouped
/// k-fold cross-validated multinomial logistic regression. The accuracy is a ceiling on what a
/// one-sample intervention on the recording can carry about that label.
/// </summary>
public static class LinearDecoder
{
    /// <summary>
    /// L2 penalty on the weights (not the biases) of z-scored units, per sample-averaged loss. Weak, so a clean
    /// recording is not underfitted (1e-3 held a nearly noise-free recording's count decoding at 0.84 where 1e-4
    /// reaches 0.97), while the z-scored units' near-silent noise directions stay damped.
    /// </summary>
    public const double L2 = 1e-4;

    /// <summary>Most L-BFGS iterations per fold (it stops earlier once converged).</summary>
    public const int Iterations = 1000;

    /// <summary>Convergence: the largest entry of the loss gradient.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Correction pairs L-BFGS keeps.</summary>
    private const int History = 10;

    /// <summary>
    /// Decodes <paramref name="variable"/> from each sample's activity <c>[units]</c> alone.
    /// Samples are split into <paramref name="folds"/> folds by trial (<see cref="FoldOfEachSample"/>),
    /// so no trial is in both the training and the test set. Per fold: each unit is z-scored with
    /// the training samples' mean and standard deviation, a softmax classifier
    /// (weights <c>[classes, units]</c> and biases <c>[classes]</c>) is fitted to the training samples
    /// to convergence by L-BFGS on the mean cross-entropy plus <see cref="L2"/>·‖W‖², and scored on
    /// the test samples.
    /// </summary>
    /// <exception cref="InputException">The label is missing, or there are fewer trials than folds.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2.</exception>
    public static DecodingResult CrossValidatedAccuracy(Recording recording, string variable, int folds = 5, int seed = 1)
    {
        var (y, classValues, chance, fold) = DecodingInput.Prepare(recording, variable, folds, seed);

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

    /// <summary>Fits on <paramref name="train"/>; per row of <paramref name="test"/>, is its prediction right?</summary>
    private static bool[] FitAndScore(float[,] activity, int[] y, int classes, int[] train, int[] test)
    {
        var units = activity.GetLength(1);
        var (mean, scale) = DecodingInput.Standardisation(activity, train);
        using var scope = torch.NewDisposeScope();
        var xTrain = torch.tensor(DecodingInput.Standardise(activity, train, mean, scale), [train.Length, units], torch.float64);
        var xTest = torch.tensor(DecodingInput.Standardise(activity, test, mean, scale), [test.Length, units], torch.float64);
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
}
