namespace NeuroMas.Statistics;

/// <summary>How a bootstrap interval is read off the resampled statistics.</summary>
public enum IntervalMethod
{
    /// <summary>The (1 − c)/2 and (1 + c)/2 quantiles of the resampled statistics.</summary>
    Percentile,

    /// <summary>
    /// Bias-corrected and accelerated (Efron 1987): the percentile interval's quantile levels shifted by the
    /// median bias of the resamples and an acceleration from a leave-one-cluster-out jackknife.
    /// </summary>
    Bca,
}
