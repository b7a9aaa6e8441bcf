using NeuroMas.Recordings;

namespace NeuroMas.Decoding;

/// <summary>
/// Cross-validated linear decoding of one label from single samples of a recording
/// (<see cref="LinearDecoder.CrossValidatedAccuracy(Recording, string, int, int)"/>).
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
}
