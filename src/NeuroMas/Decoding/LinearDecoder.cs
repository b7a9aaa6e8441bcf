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

    /// <summary>Most Newton steps per fold (it stops earlier once converged; the shipped recording needs about 20).</summary>
    public const int Iterations = 100;

    /// <summary>Convergence: the largest entry of the loss gradient.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>
    /// Decodes <paramref name="variable"/> from each sample's activity <c>[units]</c> alone.
    /// Samples are split into <paramref name="folds"/> folds by trial (<see cref="FoldOfEachSample"/>),
    /// so no trial is in both the training and the test set. Per fold: each unit is z-scored with
    /// the training samples' mean and standard deviation, a softmax classifier
    /// (weights <c>[classes, units]</c> and biases <c>[classes]</c>) is fitted to the training samples
    /// to convergence (Newton-CG, see <see cref="SoftmaxRegression"/>) on the mean cross-entropy plus
    /// <see cref="L2"/>·‖W‖², and scored on the test samples.
    /// </summary>
    /// <exception cref="InputException">The label is missing, or there are fewer trials than folds.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2.</exception>
    public static DecodingResult CrossValidatedAccuracy(Recording recording, string variable, int folds = 5, int seed = 1) =>
        CrossValidatedAccuracy(recording, variable, folds, seed, null);

    /// <inheritdoc cref="CrossValidatedAccuracy(Recording, string, int, int)"/>
    /// <param name="foldDone">Told the number of folds fitted so far, after each fold.</param>
    public static DecodingResult CrossValidatedAccuracy(Recording recording, string variable, int folds, int seed, IProgress<int>? foldDone)
    {
        var (y, classValues, chance, fold) = DecodingInput.Prepare(recording, variable, folds, seed);

        var accuracies = new double[folds];
        var correct = new bool[y.Length];
        double[]? start = null; // the previous fold's solution: the folds share most samples, so it is near this one's
        SampledHessian? preconditioner = null; // and its Hessian is near this one's
        try
        {
            for (var f = 0; f < folds; f++)
            {
                var train = Enumerable.Range(0, y.Length).Where(i => fold[i] != f).ToArray();
                var test = Enumerable.Range(0, y.Length).Where(i => fold[i] == f).ToArray();
                var right = classValues.Length == 1 ? test.Select(_ => true).ToArray() : FitAndScore(recording.Activity, y, classValues.Length, train, test, ref start, ref preconditioner);
                for (var r = 0; r < test.Length; r++) correct[test[r]] = right[r];
                accuracies[f] = right.Count(c => c) / (double)test.Length;
                foldDone?.Report(f + 1);
            }
        }
        finally
        {
            preconditioner?.Dispose();
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

    /// <summary>
    /// Fits on <paramref name="train"/> from <paramref name="start"/> (zeros when null; the fit is convex, so this
    /// changes only how fast it converges) and leaves the solution there; per row of <paramref name="test"/>, is its
    /// prediction right?
    /// </summary>
    private static bool[] FitAndScore(float[,] activity, int[] y, int classes, int[] train, int[] test, ref double[]? start,
        ref SampledHessian? preconditioner)
    {
        var units = activity.GetLength(1);
        var (mean, scale) = DecodingInput.Standardisation(activity, train);
        using var scope = torch.NewDisposeScope();
        var xTrain = torch.tensor(DecodingInput.Standardise(activity, train, mean, scale), [train.Length, units], torch.float64);
        var xTest = torch.tensor(DecodingInput.Standardise(activity, test, mean, scale), [test.Length, units], torch.float64);
        var initial = start is null ? null : torch.tensor(start, [classes, units + 1], torch.float64);
        var theta = SoftmaxRegression.Fit(xTrain, torch.tensor(Array.ConvertAll(train, i => (long)y[i])), classes, L2, Tolerance, Iterations, initial, ref preconditioner);
        start = theta.data<double>().ToArray();
        var predicted = xTest.matmul(theta[.., ..units].t()).add(theta[.., units]).argmax(1).data<long>().ToArray();
        return test.Select((i, r) => predicted[r] == y[i]).ToArray();
    }
}
