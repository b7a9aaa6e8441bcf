using System.Globalization;

namespace NeuroMas.Statistics;

/// <summary>
/// Checked items of a mean to bootstrap: value, weight, and one or two cluster indices each (0 .. clusters − 1,
/// in ascending order of the given ids, so the resampling does not depend on the order of the items).
/// </summary>
internal sealed class BootstrapItems
{
    private readonly double[] _values;
    private readonly double[] _weights;
    private readonly int[] _first;
    private readonly int[]? _second; // null for one-way clustering; else the pair's other trial

    private BootstrapItems(double[] values, double[] weights, int[] first, int[]? second, int clusters)
    {
        (_values, _weights, _first, _second, Clusters) = (values, weights, first, second, clusters);
    }

    public int Clusters { get; }

    public static BootstrapItems Create(IReadOnlyList<double> values, IReadOnlyList<int> cluster, IReadOnlyList<int>? second,
        IReadOnlyList<double>? weights, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var clusterName = second is null ? "cluster" : "sourceTrial";
        if (values.Count == 0)
            throw new InputException("bootstrap: values is empty: expected at least one outcome");
        SameLength(clusterName, cluster.Count, values.Count);
        if (second is not null) SameLength("targetTrial", second.Count, values.Count);
        if (weights is not null) SameLength("weights", weights.Count, values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new InputException($"bootstrap: values[{i}] is {values[i].ToString(CultureInfo.InvariantCulture)}: expected a finite number");
            if (weights is not null && !(double.IsFinite(weights[i]) && weights[i] >= 0))
                throw new InputException($"bootstrap: weights[{i}] is {weights[i].ToString(CultureInfo.InvariantCulture)}: expected a finite number ≥ 0");
        }
        var w = weights?.ToArray() ?? Enumerable.Repeat(1.0, values.Count).ToArray();
        if (w.Sum() <= 0)
            throw new InputException("bootstrap: weights sum to 0: expected some item with positive weight");

        var ids = (second is null ? cluster : cluster.Concat(second)).Distinct().Order().ToArray();
        if (ids.Length < 2)
            throw new InputException($"bootstrap: {clusterName} has {ids.Length} distinct id: expected at least 2 clusters to resample");
        var index = ids.Select((id, k) => (id, k)).ToDictionary(p => p.id, p => p.k);
        var first = cluster.Select(c => index[c]).ToArray();
        var other = second?.Select(c => index[c]).ToArray();
        return new BootstrapItems(values.ToArray(), w, first, other, ids.Length);
    }

    /// <summary>The weighted mean of all items.</summary>
    public double Mean()
    {
        double sum = 0, total = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            sum += _weights[i] * _values[i];
            total += _weights[i];
        }
        return sum / total;
    }

    /// <summary>
    /// Resampled means, one-way: per resample, the sums of the drawn clusters' (weight·value) and weights, so a
    /// resample costs one pass over the clusters, not the items.
    /// </summary>
    public double[] OneWayResamples(BootstrapOptions options)
    {
        var (sum, total) = (new double[Clusters], new double[Clusters]);
        for (var i = 0; i < _values.Length; i++)
        {
            sum[_first[i]] += _weights[i] * _values[i];
            total[_first[i]] += _weights[i];
        }
        var random = new Random(options.Seed);
        var result = new List<double>(options.Resamples);
        for (var r = 0; r < options.Resamples; r++)
        {
            double s = 0, t = 0;
            for (var c = 0; c < Clusters; c++)
            {
                var drawn = random.Next(Clusters);
                s += sum[drawn];
                t += total[drawn];
            }
            if (t > 0) result.Add(s / t); // all drawn clusters of zero weight: no mean, leave it out
        }
        return result.ToArray();
    }

    /// <summary>Resampled means, two-way: a pair's weight is multiplied by both its trials' multiplicities.</summary>
    public double[] TwoWayResamples(BootstrapOptions options)
    {
        var random = new Random(options.Seed);
        var result = new double[options.Resamples];
        var count = new int[Clusters];
        for (var r = 0; r < options.Resamples; r++)
        {
            double s, t;
            do
            {
                Array.Clear(count);
                for (var c = 0; c < Clusters; c++) count[random.Next(Clusters)]++;
                (s, t) = (0, 0);
                for (var i = 0; i < _values.Length; i++)
                {
                    var (a, b) = (_first[i], _second![i]);
                    var m = a == b ? count[a] : count[a] * count[b];
                    if (m == 0) continue;
                    s += m * _weights[i] * _values[i];
                    t += m * _weights[i];
                }
            } while (t <= 0);
            result[r] = s / t;
        }
        return result;
    }

    /// <summary>The mean with each cluster left out in turn (every item touching it removed), <c>[clusters]</c>.</summary>
    public double[] Jackknife()
    {
        var (sum, total) = (new double[Clusters], new double[Clusters]);
        double allSum = 0, allTotal = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            var (wy, w) = (_weights[i] * _values[i], _weights[i]);
            allSum += wy;
            allTotal += w;
            sum[_first[i]] += wy;
            total[_first[i]] += w;
            if (_second is not null && _second[i] != _first[i])
            {
                sum[_second[i]] += wy;
                total[_second[i]] += w;
            }
        }
        var jack = new double[Clusters];
        for (var c = 0; c < Clusters; c++)
        {
            var rest = allTotal - total[c];
            // Leaving out a cluster can leave nothing (all weight in it): its value is then the full mean, no influence.
            jack[c] = rest > 1e-12 * allTotal ? (allSum - sum[c]) / rest : allSum / allTotal;
        }
        return jack;
    }

    private static void SameLength(string name, int count, int expected)
    {
        if (count != expected)
            throw new InputException($"bootstrap: {name} has {count} entries but values has {expected}: expected one per value");
    }
}
