using System.Globalization;
using CsvHelper;
using NeuroMas.Statistics;

namespace NeuroMas.Results;

/// <summary>
/// The neuron-subsampling curve of a sweep with <c>unit_counts</c>: per setting, recording → network IIA and the decoding
/// accuracies against the number of units kept, each a mean over unit subsets and seeds with a t-interval (a point of one
/// run: that run's bootstrap interval over trials) (<c>subsampling.csv</c>, and <c>subsampling-&lt;method&gt;-&lt;variable&gt;-k&lt;k&gt;.png</c>/<c>.svg</c>).
/// </summary>
public static class Subsampling
{
    private static readonly string[] Columns =
        ["method", "source", "target", "variable", "subspace_size", "setting", "units", "measure", "runs", "mean", "sd", "ci_low", "ci_high"];

    /// <summary>One point of a curve.</summary>
    public sealed record Point(string Method, string Source, string Target, string Variable, int SubspaceSize, string Setting, int Units, string Measure, SeedSummaryRow Summary);

    /// <summary>The curve points of <paramref name="rows"/>; empty when no run subsampled units.</summary>
    public static IReadOnlyList<Point> Points(IReadOnlyList<ResultRow> rows, double confidence)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var units = rows.Where(r => r.Metric == "units" && ResultsSummary.UnitsOf(r.RunId) is not null)
            .GroupBy(r => r.RunId).ToDictionary(g => g.Key, g => (int)g.First().Value);
        if (units.Count == 0) return [];
        var measured = rows.Where(r => units.ContainsKey(r.RunId) && (
            (r.Metric == "iia" && r.Condition == "intervention" && r.Source != r.Target && rows.Any(u => u.RunId == r.RunId && u.Metric == "units" && u.Source == r.Source))
            || (r.Metric is "decoding_accuracy" or "decoding_knn_accuracy" && r.Condition == "decoding")));
        return measured
            .GroupBy(r => (r.Method, r.Source, r.Target, r.Variable, SubspaceSize: RequestedK(r), Setting: WithoutUnits(ResultsSummary.Setting(r.RunId)), Units: units[r.RunId], Measure: r.Metric == "iia" ? "iia" : r.Metric))
            .Select(g => new Point(g.Key.Method, g.Key.Source, g.Key.Target, g.Key.Variable, g.Key.SubspaceSize, g.Key.Setting, g.Key.Units, g.Key.Measure,
                WithRunInterval(SeedSummary.Of(new SummaryKey(g.Key.Method, g.Key.Source, g.Key.Target, g.Key.Variable, g.Key.SubspaceSize, "subsampling", g.Key.Measure),
                    g.Select(r => r.Value), confidence, (0, 1)), g.ToList(), rows)))
            .OrderBy(p => (p.Method, p.Source, p.Target, p.Variable, p.SubspaceSize, p.Setting, p.Measure)).ThenBy(p => p.Units)
            .ToList();
    }

    /// <summary>Writes subsampling.csv and one figure per method, variable and k; nothing when no run subsampled units.</summary>
    /// <param name="draw">Whether to draw the figures (false where they cannot be drawn).</param>
    public static void Write(string output, IReadOnlyList<ResultRow> rows, double confidence, bool draw = true)
    {
        var points = Points(rows, confidence);
        if (points.Count == 0) return;
        AtomicFile.Write(Path.Combine(output, "subsampling.csv"), stream =>
        {
            using var text = new StreamWriter(stream, leaveOpen: true);
            using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteRecord(Columns);
            static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            foreach (var p in points)
                csv.WriteRecord([p.Method, p.Source, p.Target, p.Variable, p.SubspaceSize.ToString(CultureInfo.InvariantCulture), p.Setting,
                    p.Units.ToString(CultureInfo.InvariantCulture), p.Measure, p.Summary.Seeds.ToString(CultureInfo.InvariantCulture),
                    R(p.Summary.Mean), R(p.Summary.Sd), R(p.Summary.CiLow), R(p.Summary.CiHigh)]);
            csv.Flush();
        });
        if (!draw) return;
        foreach (var figure in points.GroupBy(p => (p.Method, p.Variable, p.SubspaceSize)))
        {
            var series = figure.GroupBy(p => p.Measure == "iia" ? $"IIA {p.Source} → {p.Target}" : p.Measure == "decoding_accuracy" ? $"linear decoding ({p.Source})" : $"kNN decoding ({p.Source})")
                .Select(s => new CurveSeries(s.Key, [.. s.Select(p => new CurvePoint(p.Units, p.Summary.Mean, p.Summary.CiLow, p.Summary.CiHigh))], Dashed: !s.Key.StartsWith("IIA", StringComparison.Ordinal)))
                .ToList();
            var (method, variable, k) = figure.Key;
            Plots.SubsamplingCurve(Path.Combine(output, $"subsampling-{method}-{variable}-k{k}.png"), series,
                $"{method.ToUpperInvariant()}: {variable}, k = {k}, against units kept (mean over subsets and seeds, 95% t-interval; one run: its bootstrap interval)");
        }
    }

    /// <summary>
    /// A point measured by one run (<c>unit_repeats: 1</c> and one seed) has no spread over runs: its interval is then the
    /// run's own bootstrap interval over held-out trials (<c>iia_ci_low</c>/<c>iia_ci_high</c>), where it has one.
    /// </summary>
    private static SeedSummaryRow WithRunInterval(SeedSummaryRow summary, IReadOnlyList<ResultRow> group, IReadOnlyList<ResultRow> rows)
    {
        if (summary.Seeds != 1 || group.Count != 1) return summary;
        var run = group[0];
        double? Bound(string metric) => rows.FirstOrDefault(r => r.RunId == run.RunId && r.Source == run.Source && r.Target == run.Target
            && r.Condition == run.Condition && r.Metric == metric)?.Value;
        return Bound(run.Metric + "_ci_low") is { } low && Bound(run.Metric + "_ci_high") is { } high ? summary with { CiLow = low, CiHigh = high } : summary;
    }

    /// <summary>The k the run asked for (its id's <c>-kK-</c>): a subset narrower than k aligns only as many dimensions as it has units.</summary>
    private static int RequestedK(ResultRow row)
    {
        var at = row.RunId.IndexOf("-k", StringComparison.Ordinal);
        var end = at < 0 ? -1 : row.RunId.IndexOf('-', at + 2);
        return end > 0 && int.TryParse(row.RunId.AsSpan(at + 2, end - at - 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : row.SubspaceSize;
    }

    private static string WithoutUnits(string setting) =>
        string.Join("-", setting.Split('-', StringSplitOptions.RemoveEmptyEntries).Where(t => !(t.StartsWith('u') && (t == "uall" || t[1..].All(char.IsDigit)))));
}
