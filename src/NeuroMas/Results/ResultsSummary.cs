using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using NeuroMas.Statistics;

namespace NeuroMas.Results;

/// <summary>
/// What is derived from all of a protocol's finished runs together: p-values corrected over the whole protocol (only on
/// request; the raw ones stay), and <c>summary.csv</c>, every metric across seeds (mean, sd, t-interval) per method,
/// direction, variable, k, condition and setting.
/// </summary>
public static partial class ResultsSummary
{
    /// <summary>The raw p-value metrics a correction applies to.</summary>
    public static readonly string[] PValueMetrics = ["p_shuffled_labels"];

    /// <summary>
    /// <paramref name="rows"/> with, for <paramref name="correction"/> other than none, one <c>&lt;metric&gt;_adjusted</c>
    /// row beside each raw p-value, corrected over every p-value of that metric in the protocol.
    /// </summary>
    public static List<ResultRow> WithAdjustedPValues(IReadOnlyList<ResultRow> rows, Correction correction)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = rows.Where(r => !r.Metric.EndsWith("_adjusted", StringComparison.Ordinal)).ToList();
        if (correction == Correction.None) return result;
        foreach (var metric in PValueMetrics)
        {
            var raw = result.Where(r => r.Metric == metric).ToList();
            if (raw.Count == 0) continue;
            var adjusted = MultipleComparisons.Adjust(raw.Select(r => r.Value).ToList(), correction);
            result.AddRange(raw.Select((r, i) => r with { Metric = metric + "_adjusted", Value = adjusted[i] }));
        }
        return result;
    }

    /// <summary>
    /// Summarises every metric over seeds into <paramref name="path"/>; intervals of single runs (<c>*_ci_low</c>/<c>_high</c>),
    /// p-values and counts of permutations are per-run evidence, not quantities to average, and are left out.
    /// </summary>
    public static IReadOnlyList<SeedSummaryRow> WriteSummary(string path, IReadOnlyList<ResultRow> rows, double confidence)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var summary = Summarise(rows.Where(r => !PerRunOnly(r.Metric) && double.IsFinite(r.Value)), confidence);
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, leaveOpen: true);
            using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteRecord(SeedSummaryRow.Columns);
            foreach (var row in summary) csv.WriteRecord(row.Fields());
            csv.Flush();
        });
        return summary;
    }

    /// <summary>Rows summarised across seeds (and folds and unit subsets), one per key and setting, in order of first appearance.</summary>
    public static IReadOnlyList<SeedSummaryRow> Summarise(IEnumerable<ResultRow> rows, double confidence = 0.95) =>
        SeedSummary.Summarise(rows,
            r => new SummaryKey(r.Method, r.Source, r.Target, r.Variable, r.SubspaceSize, r.Condition, r.Metric) { Setting = Setting(r.RunId) },
            r => r.Value, confidence, k => IsProportion(k.Metric) ? (0, 1) : null);

    /// <summary>Metrics that are shares of pairs, tokens or samples: their intervals over seeds stay within [0, 1].</summary>
    private static bool IsProportion(string metric) =>
        metric is "iia" or "token_accuracy" or "decoding_accuracy" or "decoding_accuracy_pairs" or "decoding_knn_accuracy"
            or "decoding_knn_accuracy_pairs" or "decoding_ceiling" or "cka";

    private static bool PerRunOnly(string metric) =>
        metric.EndsWith("_ci_low", StringComparison.Ordinal) || metric.EndsWith("_ci_high", StringComparison.Ordinal)
        || metric.StartsWith("p_", StringComparison.Ordinal) || metric == "permutations";

    /// <summary>
    /// A run id (<c>method-variable-kK-sSEED[-clW][-uN-rR][-fF]-hash</c>) without what replicates it: seed, unit subset
    /// (<c>rR</c>), cross-validation fold (<c>fF</c>) and hash; what the runs of one setting share, e.g. <c>cl0.85-u32</c>.
    /// Empty when only method, variable and k (already in the key) remain. Folds and subsets are pooled with seeds, so
    /// with <c>cv_folds</c> a summary row is the mean and spread over folds (and seeds).
    /// </summary>
    public static string Setting(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var match = SettingPattern().Match(runId);
        if (!match.Success) return "";
        var tokens = match.Groups[1].Value.Split('-', StringSplitOptions.RemoveEmptyEntries).Where(t => !ReplicateToken().IsMatch(t));
        return string.Join("-", tokens);
    }

    /// <summary>The unit count of a subsampling run (<c>-uN-</c> in its id): N, 0 for <c>all</c>, null for a run on every unit.</summary>
    public static int? UnitsOf(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var match = UnitsPattern().Match(runId);
        return !match.Success ? null : match.Groups[1].Value == "all" ? 0 : int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^[rf]\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ReplicateToken();

    [GeneratedRegex(@"-u(all|\d+)-r\d+", RegexOptions.CultureInvariant)]
    private static partial Regex UnitsPattern();

    [GeneratedRegex(@"-k(?:\d+|full)-s-?\d+((?:-[^-]+)*?)-[0-9a-f]{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex SettingPattern();
}
