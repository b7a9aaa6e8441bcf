namespace NeuroMas.Statistics;

/// <summary>
/// What a row of <c>summary.csv</c> summarises across seeds: one metric of one method, direction (source →
/// target system), causal variable, subspace size and condition.
/// </summary>
public sealed record SummaryKey(
    string Method, string Source, string Target, string Variable, int SubspaceSize, string Condition, string Metric)
{
    /// <summary>What else sets the runs apart besides the seed (e.g. <c>cl0.85</c>, the CL weight); empty when nothing.</summary>
    public string Setting { get; init; } = "";
}
