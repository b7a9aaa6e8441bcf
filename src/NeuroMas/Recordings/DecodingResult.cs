namespace NeuroMas.Recordings;

/// <summary>
/// Cross-validated linear decoding of one label from single samples of a recording
/// (<see cref="LinearDecoder.CrossValidatedAccuracy"/>).
/// </summary>
/// <param name="Variable">The decoded label.</param>
/// <param name="Accuracy">Held-out accuracy, the mean of <paramref name="FoldAccuracies"/>.</param>
/// <param name="ChanceLevel">Share of the most frequent value over all samples: what always
/// guessing that value would score.</param>
/// <param name="Folds">Number of folds (trial-grouped).</param>
/// <param name="FoldAccuracies">Held-out accuracy of each fold, <c>[folds]</c>.</param>
/// <param name="Classes">Distinct values of the label.</param>
public sealed record DecodingResult(
    string Variable, double Accuracy, double ChanceLevel, int Folds, IReadOnlyList<double> FoldAccuracies, int Classes);
