using System.Globalization;
using MathNet.Numerics.Distributions;

namespace NeuroMas.Statistics;

/// <summary>
/// A metric across independent seeds (network seeds, map initialisations): mean, sample standard deviation and
/// a Student-t interval on the mean, <c>mean ± t(n − 1, (1 + c)/2) · sd / √n</c>. Seeds are the unit of
/// replication here, so the interval says how much a new seed's run could move the mean, not how noisy one
/// run's test set is (that is <see cref="Bootstrap"/>).
/// </summary>
public static class SeedSummary
{
    /// <summary>
    /// Summary of <paramref name="values"/>, one per seed. Non-finite values (a metric a seed could not compute)
    /// are left out and <see cref="SeedSummaryRow.Seeds"/> counts the rest; with one seed, sd and interval are NaN.
    /// </summary>
    /// <param name="range">The values a metric can take (a proportion: 0 to 1): the interval is clipped to it, so a mean
    /// near a bound over few seeds is not given an impossible end.</param>
    /// <exception cref="InputException">No finite value, or a confidence outside (0, 1).</exception>
    public static SeedSummaryRow Of(SummaryKey key, IEnumerable<double> values, double confidence = 0.95, (double Low, double High)? range = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(values);
        if (!(confidence > 0 && confidence < 1))
            throw new InputException($"seed summary: confidence is {confidence.ToString(CultureInfo.InvariantCulture)}: expected a number in (0, 1)");
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            throw new InputException($"seed summary of {key.Metric} ({key.Method}, {key.Source} → {key.Target}, {key.Variable}, k = {key.SubspaceSize}, {key.Condition}): no finite value: expected at least one seed's");
        var n = finite.Length;
        var mean = finite.Average();
        if (n == 1)
            return new SeedSummaryRow(key, 1, mean, double.NaN, double.NaN, double.NaN, confidence);
        var sd = Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentT.InvCDF(0, 1, n - 1, (1 + confidence) / 2) * sd / Math.Sqrt(n);
        var (low, high) = range ?? (double.NegativeInfinity, double.PositiveInfinity);
        return new SeedSummaryRow(key, n, mean, sd, Math.Max(low, mean - half), Math.Min(high, mean + half), confidence);
    }

    /// <summary>
    /// Groups <paramref name="rows"/> by <paramref name="key"/> (all seeds of one configuration share a key) and
    /// summarises each group's <paramref name="value"/>s; groups in order of first appearance.
    /// </summary>
    /// <example>
    /// <code>SeedSummary.Summarise(results, r => new SummaryKey(r.Method, r.Source, r.Target, r.Variable,
    ///     r.SubspaceSize, r.Condition, r.Metric), r => r.Value)</code>
    /// </example>
    /// <param name="range">Per key, the values its metric can take (null: unbounded); see <see cref="Of"/>.</param>
    public static IReadOnlyList<SeedSummaryRow> Summarise<T>(IEnumerable<T> rows, Func<T, SummaryKey> key, Func<T, double> value,
        double confidence = 0.95, Func<SummaryKey, (double Low, double High)?>? range = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return rows.GroupBy(key).Select(g => Of(g.Key, g.Select(value), confidence, range?.Invoke(g.Key))).ToList();
    }
}
