using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NeuroMas.Bench;

/// <summary>A summary column whose value the benchmark computes itself (map parameters of a case, a peak memory measured in-process).</summary>
internal sealed class ValueColumn(string name, string legend, Func<Summary, BenchmarkCase, string> value) : IColumn
{
    public ValueColumn(string name, string legend, Func<BenchmarkCase, string> value)
        : this(name, legend, (_, benchmarkCase) => value(benchmarkCase))
    {
    }

    /// <summary>The case's mean time in seconds, or null when it has no result.</summary>
    public static double? MeanSeconds(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics ? statistics.Mean / 1e9 : null;

    public string Id => nameof(ValueColumn) + "." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(summary, benchmarkCase);
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
