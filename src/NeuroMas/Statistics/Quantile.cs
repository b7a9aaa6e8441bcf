using MathNet.Numerics.Statistics;

namespace NeuroMas.Statistics;

/// <summary>Quantiles of sorted resamples.</summary>
internal static class Quantile
{
    /// <summary>
    /// The <paramref name="level"/> quantile of ascending <paramref name="sorted"/>, interpolating linearly between
    /// order statistics (Hyndman–Fan type 7, as numpy's and SciPy's bootstrap use), so intervals match theirs.
    /// </summary>
    public static double Of(double[] sorted, double level) =>
        SortedArrayStatistics.QuantileCustom(sorted, Math.Clamp(level, 0, 1), QuantileDefinition.R7);
}
