using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NeuroMas.Bench;

/// <summary>
/// The roofline columns of <see cref="AlignmentStep"/>: each case's FLOPs (<see cref="StepFlops"/>), its rate in GFLOP/s,
/// and that rate as a share of the GEMM case measured beside it (same run, thread count and set-up), a ratio that holds across machines.
/// The step's bound is its FLOPs at the GEMM rate; "× bound" is how far the measured time is above it.
/// </summary>
internal sealed class Roofline(Roofline.Kind kind) : IColumn
{
    public enum Kind { Gflop, GflopPerSecond, PercentOfGemm, TimesBound }

    /// <summary>FLOPs per invocation of each benchmark case, keyed by its display info; filled by the cases' set-up.</summary>
    public static readonly Dictionary<string, double> Flops = [];

    public static string Key(string method, int threads) => $"{method}/{threads}";

    public string Id => $"Roofline.{kind}";
    public string ColumnName => kind switch
    {
        Kind.Gflop => "GFLOP",
        Kind.GflopPerSecond => "GFLOP/s",
        Kind.PercentOfGemm => "% of GEMM",
        _ => "× bound",
    };
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => (int)kind;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => kind switch
    {
        Kind.Gflop => "FLOPs per invocation counted from the shapes (StepFlops)",
        Kind.GflopPerSecond => "GFLOP / mean time",
        Kind.PercentOfGemm => "GFLOP/s as a share of this run's GEMM case at the same thread count",
        _ => "mean time / (FLOPs at this run's GEMM rate)",
    };

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var rate = Rate(summary, benchmarkCase);
        if (rate is null) return "-";
        if (kind == Kind.Gflop) return (Flops[KeyOf(benchmarkCase)] / 1e9).ToString("F2", style.CultureInfo);
        if (kind == Kind.GflopPerSecond) return rate.Value.ToString("F1", style.CultureInfo);
        // The GEMM measured beside this step: same thread count and the same set-up (the Method parameter).
        var gemm = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == nameof(AlignmentStep.Gemm)
            && Threads(c) == Threads(benchmarkCase) && Equals(c.Parameters["Method"], benchmarkCase.Parameters["Method"]));
        var gemmRate = gemm is null ? null : Rate(summary, gemm);
        if (gemmRate is null) return "-";
        return kind == Kind.PercentOfGemm
            ? (100 * rate.Value / gemmRate.Value).ToString("F1", style.CultureInfo)
            : (gemmRate.Value / rate.Value).ToString("F2", style.CultureInfo);
    }

    private static double? Rate(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || !Flops.TryGetValue(KeyOf(benchmarkCase), out var flops)) return null;
        return flops / (statistics.Mean / 1e9) / 1e9;
    }

    private static int Threads(BenchmarkCase c) => (int)c.Parameters["Threads"];

    private static string KeyOf(BenchmarkCase c) => c.Descriptor.WorkloadMethod.Name == nameof(AlignmentStep.Gemm)
        ? Key("gemm", Threads(c))
        : Key((string)c.Parameters["Method"], Threads(c));
}
