using NeuroMas.Statistics;

namespace NeuroMas.Decoding;

/// <summary>
/// Cross-validated decoding of one label from single samples of a recording
/// (<see cref="LinearDecoder.CrossValidatedAccuracy(Recordings.Recording, string, int, int)"/>, <see cref="KnnDecoder.CrossValidatedAccuracy"/>).
/// </summary>
/// <param name="Variable">The decoded label.</param>
/// <param name="Accuracy">Held-out accuracy, the mean of <paramref name="FoldAccuracies"/>.</param>
/// <param name="ChanceLevel">Share of the most frequent value over all samples: what always
/// guessing that value would score.</param>
/// <param name="Folds">Number of folds (trial-grouped).</param>
/// <param name="FoldAccuracies">Held-out accuracy of each fold, <c>[folds]</c>.</param>
/// <param name="Classes">Distinct values of the label.</param>
/// <param name="HeldOutCorrect">Per sample, was it decoded right when its fold was held out? <c>[samples]</c>.</param>
public sealed record DecodingResult(
    string Variable, double Accuracy, double ChanceLevel, int Folds, IReadOnlyList<double> FoldAccuracies, int Classes,
    IReadOnlyList<bool> HeldOutCorrect)
{
    /// <summary>
    /// Held-out accuracy reweighted to another mix of causal states: the mean, over <paramref name="states"/> (e.g. the
    /// source states of test pairs), of the accuracy on the samples with that state. <paramref name="stateOf"/> gives a
    /// sample's state key; states no sample has are skipped.
    /// </summary>
    public double AccuracyOver(IEnumerable<string> states, Func<int, string> stateOf)
    {
        var byState = Enumerable.Range(0, HeldOutCorrect.Count).GroupBy(stateOf)
            .ToDictionary(g => g.Key, g => g.Average(i => HeldOutCorrect[i] ? 1.0 : 0.0));
        return states.Where(byState.ContainsKey).Select(s => byState[s]).DefaultIfEmpty(double.NaN).Average();
    }

    /// <summary>Which decoder produced this: <c>linear</c> or <c>knn</c>.</summary>
    public string Decoder { get; init; } = "linear";

    /// <summary>kNN only: the number of neighbours chosen in each fold by inner validation, <c>[folds]</c>; empty otherwise.</summary>
    public IReadOnlyList<int> FoldNeighbours { get; init; } = [];

    /// <summary>
    /// A bootstrap interval, by trial, on the held-out accuracy, or with <paramref name="states"/> and
    /// <paramref name="stateOf"/> on <see cref="AccuracyOver"/> (each sample weighted by how often its state occurs
    /// in <paramref name="states"/> over how many samples have that state, which gives the same mean).
    /// </summary>
    /// <param name="trial">Trial per sample, <c>[samples]</c> (the recording's <c>Trial</c>): the resampled clusters.</param>
    /// <param name="states">The states to reweight to (e.g. the source state of each test pair), or null.</param>
    /// <param name="stateOf">A sample's state key; required with <paramref name="states"/>.</param>
    /// <param name="options">Bootstrap options; 2,000 BCa resamples at 95 % by default.</param>
    /// <exception cref="InputException"><paramref name="trial"/> has the wrong length, or no sample has any of the states.</exception>
    public Interval AccuracyInterval(IReadOnlyList<int> trial, IEnumerable<string>? states = null, Func<int, string>? stateOf = null,
        BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Count != HeldOutCorrect.Count)
            throw new InputException($"decoding interval of {Variable}: trial has {trial.Count} entries but there are {HeldOutCorrect.Count} samples: expected one trial per sample");
        var outcomes = HeldOutCorrect.Select(c => c ? 1.0 : 0.0).ToArray();
        if (states is null) return Bootstrap.Mean(outcomes, trial, options);
        ArgumentNullException.ThrowIfNull(stateOf);
        var wanted = states.GroupBy(s => s).ToDictionary(g => g.Key, g => (double)g.Count());
        var samplesOf = Enumerable.Range(0, outcomes.Length).GroupBy(stateOf).ToDictionary(g => g.Key, g => g.Count());
        var weights = Enumerable.Range(0, outcomes.Length)
            .Select(i => wanted.TryGetValue(stateOf(i), out var c) ? c / samplesOf[stateOf(i)] : 0.0).ToArray();
        if (weights.All(w => w == 0))
            throw new InputException($"decoding interval of {Variable}: no sample has any of the {wanted.Count} given states: expected some overlap");
        return Bootstrap.Mean(outcomes, trial, options, weights);
    }
}
