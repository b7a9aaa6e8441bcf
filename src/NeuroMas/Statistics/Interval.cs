namespace NeuroMas.Statistics;

/// <summary>
/// A statistic with its bootstrap confidence interval.
/// </summary>
/// <param name="Value">The statistic on the data as observed.</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
/// <param name="Confidence">Nominal coverage, e.g. 0.95.</param>
/// <param name="Method">Percentile or BCa.</param>
/// <param name="Resamples">Number of bootstrap resamples.</param>
/// <param name="Clusters">Number of clusters (trials, rows or groups) resampled.</param>
public sealed record Interval(double Value, double Low, double High, double Confidence, IntervalMethod Method, int Resamples, int Clusters)
{
    /// <summary>Whether <paramref name="x"/> lies inside <c>[Low, High]</c>.</summary>
    public bool Contains(double x) => x >= Low && x <= High;

    /// <summary><c>High − Low</c>.</summary>
    public double Width => High - Low;
}
