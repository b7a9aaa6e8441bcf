using NeuroMas.Statistics;

namespace NeuroMas.Decoding;

/// <summary>
/// The decoding ceiling of one label: the linear and the kNN decoder side by side, each with a bootstrap interval
/// by trial on its (optionally pair-weighted) accuracy (<see cref="DecodingCeiling.Measure"/>).
/// </summary>
/// <param name="Linear">The linear decoder's result.</param>
/// <param name="Knn">The kNN decoder's result.</param>
/// <param name="LinearAccuracy">Linear accuracy (pair-weighted when states were given) with its interval.</param>
/// <param name="KnnAccuracy">kNN accuracy, likewise.</param>
public sealed record CeilingResult(DecodingResult Linear, DecodingResult Knn, Interval LinearAccuracy, Interval KnnAccuracy)
{
    /// <summary>The decoder with the higher accuracy: <c>knn</c> or <c>linear</c> (linear on a tie).</summary>
    public string Best => KnnAccuracy.Value > LinearAccuracy.Value ? Knn.Decoder : Linear.Decoder;

    /// <summary>The best decoder's accuracy and interval: the ceiling.</summary>
    public Interval BestAccuracy => KnnAccuracy.Value > LinearAccuracy.Value ? KnnAccuracy : LinearAccuracy;

    /// <summary>
    /// Whether an IIA lies above the best ceiling's interval: a one-sample intervention then carried more about the
    /// label than any decoder could read from one sample, which points at something other than the recording's
    /// information (e.g. the target network's own prior doing the work).
    /// </summary>
    public bool IsExceededBy(double iia) => iia > BestAccuracy.High;
}
