using System.Globalization;

namespace NeuroMas.Statistics;

/// <summary>
/// One row of <c>summary.csv</c>: a metric across seeds, with a Student-t interval on its mean
/// (<see cref="SeedSummary"/>).
/// </summary>
/// <param name="Key">What is summarised.</param>
/// <param name="Seeds">Number of seeds with a finite value.</param>
/// <param name="Mean">Mean over those seeds.</param>
/// <param name="Sd">Sample standard deviation (n − 1); NaN for one seed.</param>
/// <param name="CiLow">Lower end of the t-interval on the mean; NaN for one seed.</param>
/// <param name="CiHigh">Upper end; NaN for one seed.</param>
/// <param name="Confidence">Nominal coverage of the interval, e.g. 0.95.</param>
public sealed record SeedSummaryRow(SummaryKey Key, int Seeds, double Mean, double Sd, double CiLow, double CiHigh, double Confidence)
{
    /// <summary>Column names of <c>summary.csv</c>, in file order (matching <see cref="Fields"/>).</summary>
    public static readonly string[] Columns =
        ["method", "source", "target", "variable", "subspace_size", "condition", "metric", "seeds", "mean", "sd", "ci_low", "ci_high", "confidence", "setting"];

    /// <summary>This row's fields as CSV text, invariant culture, round-trip precision, NaN as <c>NaN</c>.</summary>
    public string[] Fields()
    {
        static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return [Key.Method, Key.Source, Key.Target, Key.Variable, Key.SubspaceSize.ToString(CultureInfo.InvariantCulture),
            Key.Condition, Key.Metric, Seeds.ToString(CultureInfo.InvariantCulture), R(Mean), R(Sd), R(CiLow), R(CiHigh), R(Confidence), Key.Setting];
    }
}
