using NeuroMas.Recordings;
using NeuroMas.Statistics;

namespace NeuroMas.Decoding;

/// <summary>
/// A decoding ceiling that is a ceiling: the better of a linear and a nonlinear (kNN) decoder, on the same
/// trial-grouped folds, with bootstrap intervals by trial, so an IIA can be flagged when it exceeds what any of
/// them reads from a single sample.
/// </summary>
public static class DecodingCeiling
{
    /// <summary>
    /// Runs <see cref="LinearDecoder.CrossValidatedAccuracy(Recordings.Recording, string, int, int)"/> and <see cref="KnnDecoder.CrossValidatedAccuracy"/>
    /// with the same folds and seed, and puts an interval on each (<see cref="DecodingResult.AccuracyInterval"/>).
    /// </summary>
    /// <param name="recording">The recording; its <c>Trial</c> is the bootstrap's cluster.</param>
    /// <param name="variable">The label to decode.</param>
    /// <param name="states">Optional states to reweight to, e.g. the source state key of each test pair (as for
    /// <see cref="DecodingResult.AccuracyOver"/>); the plain held-out accuracy when null.</param>
    /// <param name="stateOf">A sample's state key; required with <paramref name="states"/>.</param>
    /// <param name="folds">Folds, trial-grouped; 5 by default.</param>
    /// <param name="seed">Seed of the folds and of kNN's inner split.</param>
    /// <param name="bootstrap">Options of the intervals; 2,000 BCa resamples at 95 % by default.</param>
    /// <param name="knn">kNN settings; <see cref="KnnOptions.Default"/> when null.</param>
    public static CeilingResult Measure(Recording recording, string variable, IReadOnlyList<string>? states = null,
        Func<int, string>? stateOf = null, int folds = 5, int seed = 1, BootstrapOptions? bootstrap = null, KnnOptions? knn = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (states is not null && stateOf is null)
            throw new ArgumentNullException(nameof(stateOf), "states given without a way to find each sample's state");
        var linear = LinearDecoder.CrossValidatedAccuracy(recording, variable, folds, seed);
        var nonlinear = KnnDecoder.CrossValidatedAccuracy(recording, variable, folds, seed, knn);
        return new CeilingResult(linear, nonlinear,
            linear.AccuracyInterval(recording.Trial, states, stateOf, bootstrap),
            nonlinear.AccuracyInterval(recording.Trial, states, stateOf, bootstrap));
    }
}
