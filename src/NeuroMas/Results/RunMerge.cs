namespace NeuroMas.Results;

/// <summary>
/// Where a sweep's runs keep their rows (<c>runs/&lt;id&gt;/rows.csv</c>, written last, so its presence means the run is
/// done) and how they become the sweep's <c>results.csv</c>: the one merge behind a sweep run in one process and one
/// collected from cluster tasks, so both write the same bytes.
/// </summary>
public static class RunMerge
{
    public static string RunFolder(string output, string runId) => Path.Combine(output, "runs", runId);

    public static string RowsFile(string output, string runId) => Path.Combine(RunFolder(output, runId), "rows.csv");

    public static bool IsDone(string output, string runId) => File.Exists(RowsFile(output, runId));

    /// <summary>
    /// Rebuilds <c>&lt;output&gt;/results.csv</c> (atomically) from the rows files of the finished runs among
    /// <paramref name="runIds"/>, in that order (the plan's); runs not done are left out.
    /// </summary>
    /// <param name="statistics">The protocol's statistics options: p-value correction and the confidence of summary.csv.</param>
    /// <returns>The rows written.</returns>
    public static IReadOnlyList<ResultRow> Merge(string output, IEnumerable<string> runIds, Protocols.StatisticsOptions statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var rows = new List<ResultRow>();
        foreach (var id in runIds)
        {
            var file = RowsFile(output, id);
            if (File.Exists(file)) rows.AddRange(ResultsCsv.Read(file));
        }
        // Everything derived from all runs together is written here, so a sweep run in one process and one collected from
        // cluster tasks get it alike: corrected p-values (on request) and summary.csv over seeds.
        rows = ResultsSummary.WithAdjustedPValues(rows, statistics.PAdjust);
        ResultsCsv.Write(Path.Combine(output, "results.csv"), rows);
        ResultsSummary.WriteSummary(Path.Combine(output, "summary.csv"), rows, statistics.Confidence);
        return rows;
    }
}
