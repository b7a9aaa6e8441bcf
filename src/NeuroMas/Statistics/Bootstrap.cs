namespace NeuroMas.Statistics;

/// <summary>
/// Bootstrap confidence intervals that resample whole clusters (the trials samples came from, the rows of a
/// representation), not single items, so items that share a cluster, and so share its noise, are never
/// counted as independent evidence. Deterministic for a given <see cref="BootstrapOptions.Seed"/>.
/// </summary>
/// <remarks>
/// Each resample draws as many clusters as there are, with replacement; an item enters with the multiplicity
/// of its cluster. For pairs of trials (<see cref="MeanOfPairs"/>) the trials are resampled once and a pair enters
/// with the product of its two trials' multiplicities (the two-way "pigeonhole" bootstrap, Owen 2007), so a pair
/// whose source or target trial is left out drops out, as it would from a new experiment without that trial.
/// BCa's acceleration comes from a jackknife that leaves out one cluster (all items touching it) at a time.
/// </remarks>
public static class Bootstrap
{
    /// <summary>
    /// Interval of the (weighted) mean of per-item outcomes, resampling clusters.
    /// </summary>
    /// <param name="values">Outcome per item, <c>[items]</c>: 0/1 for right/wrong, or any real.</param>
    /// <param name="cluster">Cluster id per item, <c>[items]</c> (e.g. the test trial of the sample); any ints.</param>
    /// <param name="options">Resamples, confidence, method, seed; <see cref="BootstrapOptions.Default"/> when null.</param>
    /// <param name="weights">Weight per item, <c>[items]</c>, ≥ 0 (e.g. to reweight samples to a mix of states);
    /// all 1 when null. The statistic is <c>Σ w·y / Σ w</c>.</param>
    /// <exception cref="InputException">Lengths differ, no items, fewer than 2 clusters, a value or weight that is not
    /// finite, a negative weight or zero total weight, or invalid options.</exception>
    public static Interval Mean(IReadOnlyList<double> values, IReadOnlyList<int> cluster, BootstrapOptions? options = null,
        IReadOnlyList<double>? weights = null)
    {
        options ??= BootstrapOptions.Default;
        var items = BootstrapItems.Create(values, cluster, null, weights, options);
        return Estimate(items.Mean(), items.OneWayResamples(options), items.Clusters, options, items.Jackknife);
    }

    /// <summary>
    /// Interval of the mean outcome of pairs of trials (an intervention pair: a source and a target trial), by the
    /// two-way bootstrap: one multiset of trials per resample, a pair weighted by the product of its trials'
    /// multiplicities. Source and target ids name trials of one pool (a trial may be a source in one pair and a
    /// target in another); a pair whose two samples come from the same trial counts that trial's multiplicity once.
    /// </summary>
    /// <param name="values">Outcome per pair, <c>[pairs]</c>.</param>
    /// <param name="sourceTrial">Trial of each pair's source sample, <c>[pairs]</c>.</param>
    /// <param name="targetTrial">Trial of each pair's target sample, <c>[pairs]</c>.</param>
    /// <param name="options">As in <see cref="Mean"/>.</param>
    /// <remarks>A resample in which no pair has both trials drawn (only likely with a handful of trials) is drawn
    /// again from the same stream.</remarks>
    /// <exception cref="InputException">As <see cref="Mean"/>.</exception>
    public static Interval MeanOfPairs(IReadOnlyList<double> values, IReadOnlyList<int> sourceTrial, IReadOnlyList<int> targetTrial,
        BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(targetTrial);
        options ??= BootstrapOptions.Default;
        var items = BootstrapItems.Create(values, sourceTrial, targetTrial, null, options);
        return Estimate(items.Mean(), items.TwoWayResamples(options), items.Clusters, options, items.Jackknife);
    }

    /// <summary>
    /// Interval of any statistic of <paramref name="clusters"/> clusters (e.g. CKA of the rows of two
    /// representations). <paramref name="statistic"/> receives the cluster indices (0 .. clusters − 1) to use,
    /// repeats allowed: all of them in order for the observed value, <c>clusters</c> draws with replacement per
    /// resample, and for BCa all but one (the jackknife).
    /// </summary>
    /// <exception cref="InputException">Fewer than 2 clusters, invalid options, or a statistic that is not finite on
    /// the observed data.</exception>
    public static Interval Statistic(int clusters, Func<int[], double> statistic, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        options ??= BootstrapOptions.Default;
        options.ThrowIfInvalid();
        if (clusters < 2)
            throw new InputException($"bootstrap: {clusters} cluster{(clusters == 1 ? "" : "s")}: expected at least 2 to resample");
        var observed = statistic(Enumerable.Range(0, clusters).ToArray());
        if (!double.IsFinite(observed))
            throw new InputException($"bootstrap: the statistic on the observed data is {observed}: expected a finite number");

        var random = new Random(options.Seed);
        var resampled = new List<double>(options.Resamples);
        var draw = new int[clusters];
        for (var r = 0; r < options.Resamples; r++)
        {
            for (var c = 0; c < clusters; c++) draw[c] = random.Next(clusters);
            var value = statistic(draw);
            if (double.IsFinite(value)) resampled.Add(value); // a degenerate resample (e.g. one repeated row) has no value
        }

        double[] Jackknife()
        {
            var jack = new double[clusters];
            for (var left = 0; left < clusters; left++)
                jack[left] = statistic(Enumerable.Range(0, clusters).Where(c => c != left).ToArray());
            return jack;
        }
        return Estimate(observed, resampled.ToArray(), clusters, options, Jackknife);
    }

    /// <summary>The interval from the observed value and the resampled ones (sorted here).</summary>
    internal static Interval Estimate(double observed, double[] resampled, int clusters, BootstrapOptions options, Func<double[]> jackknife)
    {
        if (resampled.Length < options.Resamples / 2)
            throw new InputException(
                $"bootstrap: only {resampled.Length} of {options.Resamples} resamples had a finite statistic: expected most of them " +
                "(too few distinct clusters?)");
        Array.Sort(resampled);
        var tail = (1 - options.Confidence) / 2;
        var (lowLevel, highLevel) = options.Method == IntervalMethod.Bca
            ? BcaLevels(observed, resampled, jackknife(), tail)
            : (tail, 1 - tail);
        return new Interval(observed, Quantile.Of(resampled, lowLevel), Quantile.Of(resampled, highLevel),
            options.Confidence, options.Method, options.Resamples, clusters);
    }

    /// <summary>BCa quantile levels (Efron and Tibshirani 1993, §14.3).</summary>
    private static (double Low, double High) BcaLevels(double observed, double[] sorted, double[] jack, double tail)
    {
        // Bias: the share of resamples below the observed value, ties counted half, so the many ties of a 0/1
        // rate do not push z0 one way; clamped inside (0, 1) so an all-above resample set stays finite.
        var below = sorted.Count(v => v < observed) + 0.5 * sorted.Count(v => v == observed);
        var share = Math.Clamp(below / sorted.Length, 0.5 / sorted.Length, 1 - 0.5 / sorted.Length);
        var z0 = Normal.InverseCdf(share);

        var mean = jack.Average();
        double squares = 0, cubes = 0;
        foreach (var j in jack)
        {
            var d = mean - j;
            squares += d * d;
            cubes += d * d * d;
        }
        var acceleration = squares > 0 ? cubes / (6 * Math.Pow(squares, 1.5)) : 0;

        double Level(double alpha)
        {
            var z = Normal.InverseCdf(alpha);
            return Normal.Cdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)));
        }
        return (Level(tail), Level(1 - tail));
    }
}
