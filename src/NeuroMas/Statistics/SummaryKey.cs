namespace NeuroMas.Statistics;

/// <summary>
/// What a row of <c>summary.csv</c> summarises across seeds: one metric of one method, direction (source →
/// target system), causal variable, subspace size and condition.
/// </summary>
public sealed record SummaryKey(
    string Method, string Source, string Target, string Variable, int SubspaceSize, string Condition, string Metric);
