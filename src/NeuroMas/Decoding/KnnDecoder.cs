using NeuroMas.Recordings;
using TorchSharp;

namespace NeuroMas.Decoding;

/// <summary>
/// How well a label can be read out nonlinearly from single samples: trial-grouped k-fold cross-validated
/// k-nearest-neighbour classification on z-scored units. Beside <see cref="LinearDecoder"/> it tells whether a
/// ceiling is limited by the decoder's linearity: a recording whose label is a nonlinear function of the units
/// (a ring, an XOR) decodes far better here.
/// </summary>
public static class KnnDecoder
{
    /// <summary>
    /// Decodes <paramref name="variable"/> from each sample's activity <c>[units]</c>. Folds as in
    /// <see cref="LinearDecoder.CrossValidatedAccuracy(Recordings.Recording, string, int, int)"/> (same seed, same folds). Per fold: units are z-scored with
    /// the training samples' statistics; k is chosen from <see cref="KnnOptions.Candidates"/> by accuracy on a
    /// held-out share of the training trials (never the test fold; ties to the smaller k); then each test sample
    /// takes the majority label of its k nearest training samples (Euclidean), a tie going to the tied class with
    /// the nearest member.
    /// </summary>
    /// <exception cref="InputException">The label is missing, or there are fewer trials than folds (or than two per fold's training set).</exception>
    public static DecodingResult CrossValidatedAccuracy(Recording recording, string variable, int folds = 5, int seed = 1,
        KnnOptions? options = null)
    {
        options ??= KnnOptions.Default;
        var (y, classValues, chance, fold) = DecodingInput.Prepare(recording, variable, folds, seed);
        if (options.Candidates.Count == 0 || options.Candidates.Any(k => k < 1))
            throw new InputException($"kNN decoder: candidates are [{string.Join(", ", options.Candidates)}]: expected one or more numbers ≥ 1");
        if (!(options.ValidationShare > 0 && options.ValidationShare < 1))
            throw new InputException($"kNN decoder: validation share is {options.ValidationShare}: expected a number in (0, 1)");

        var accuracies = new double[folds];
        var chosen = new int[folds];
        var correct = new bool[y.Length];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, y.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, y.Length).Where(i => fold[i] == f).ToArray();
            chosen[f] = ChooseK(recording, y, classValues.Length, train, options, seed * 7919 + f);
            var predicted = Predict(recording.Activity, y, classValues.Length, train, test, [chosen[f]], options)[0];
            for (var r = 0; r < test.Length; r++) correct[test[r]] = predicted[r] == y[test[r]];
            accuracies[f] = test.Count(i => correct[i]) / (double)test.Length;
        }
        return new DecodingResult(variable, accuracies.Average(), chance, folds, accuracies, classValues.Length, correct)
        {
            Decoder = "knn",
            FoldNeighbours = chosen,
        };
    }

    /// <summary>The candidate k with the best accuracy on a held-out share of <paramref name="train"/>'s trials.</summary>
    private static int ChooseK(Recording recording, int[] y, int classes, int[] train, KnnOptions options, int seed)
    {
        var trials = train.Select(i => recording.Trial[i]).Distinct().Order().ToArray();
        if (trials.Length < 2)
            throw new InputException($"{recording.Source}: a training fold has {trials.Length} trial: expected at least 2 to choose k on held-out trials");
        new Random(seed).Shuffle(trials);
        var held = Math.Clamp((int)Math.Round(options.ValidationShare * trials.Length), 1, trials.Length - 1);
        var validationTrials = trials.Take(held).ToHashSet();
        var inner = train.Where(i => !validationTrials.Contains(recording.Trial[i])).ToArray();
        var validation = train.Where(i => validationTrials.Contains(recording.Trial[i])).ToArray();
        if (validation.Length > options.ValidationSamples)
        {
            // A few thousand samples rank the candidates as well as all of them would, at a fraction of the distances.
            var random = new Random(seed + 1);
            validation = validation.OrderBy(_ => random.Next()).Take(options.ValidationSamples).Order().ToArray();
        }
        var candidates = options.Candidates.Where(k => k <= inner.Length).DefaultIfEmpty(inner.Length).Distinct().Order().ToArray();
        var predictions = Predict(recording.Activity, y, classes, inner, validation, candidates, options);
        var best = 0;
        var bestRight = -1;
        for (var c = 0; c < candidates.Length; c++)
        {
            var right = validation.Where((i, r) => predictions[c][r] == y[i]).Count();
            if (right > bestRight || (right == bestRight && candidates[c] < candidates[best])) (best, bestRight) = (c, right);
        }
        return candidates[best];
    }

    /// <summary>
    /// Per k in <paramref name="ks"/>, the predicted class of every <paramref name="query"/> row from its nearest
    /// <paramref name="train"/> rows (z-scored with the training rows' statistics): <c>[ks][queries]</c>.
    /// </summary>
    private static int[][] Predict(float[,] activity, int[] y, int classes, int[] train, int[] query, int[] ks, KnnOptions options)
    {
        var units = activity.GetLength(1);
        var kMax = Math.Min(ks.Max(), train.Length);
        var (mean, scale) = DecodingInput.Standardisation(activity, train);
        var neighbours = new long[query.Length * kMax];
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var xTrain = torch.tensor(DecodingInput.Standardise(activity, train, mean, scale), [train.Length, units]);
            // ‖q − t‖² = ‖q‖² − 2 q·t + ‖t‖²; ‖q‖² is the same for every t, so ranking needs only ‖t‖² − 2 q·t.
            var trainNorms = xTrain.pow(2).sum(1);
            var xQuery = DecodingInput.Standardise(activity, query, mean, scale);
            for (var start = 0; start < query.Length; start += options.ChunkRows)
            {
                using var chunkScope = torch.NewDisposeScope();
                var rows = Math.Min(options.ChunkRows, query.Length - start);
                var q = torch.tensor(xQuery.AsSpan(start * units, rows * units).ToArray(), [rows, units]);
                var score = torch.addmm(trainNorms.unsqueeze(0), q, xTrain.t(), beta: 1, alpha: -2); // one [rows, train] temporary
                var (_, index) = score.topk(kMax, dim: 1, largest: false, sorted: true);
                index.data<long>().CopyTo(neighbours, start * kMax);
            }
        }

        var predictions = ks.Select(_ => new int[query.Length]).ToArray();
        var votes = new int[classes];
        var firstRank = new int[classes];
        for (var r = 0; r < query.Length; r++)
        {
            Array.Clear(votes);
            Array.Fill(firstRank, int.MaxValue);
            var rank = 0;
            for (var c = 0; c < ks.Length; c++)
            {
                var k = Math.Min(ks[c], kMax);
                for (; rank < k; rank++)
                {
                    var label = y[train[neighbours[r * kMax + rank]]];
                    votes[label]++;
                    if (firstRank[label] == int.MaxValue) firstRank[label] = rank;
                }
                var best = 0;
                for (var label = 1; label < classes; label++)
                {
                    if (votes[label] > votes[best] || (votes[label] == votes[best] && firstRank[label] < firstRank[best])) best = label;
                }
                predictions[c][r] = best;
            }
        }
        return predictions;
    }
}
