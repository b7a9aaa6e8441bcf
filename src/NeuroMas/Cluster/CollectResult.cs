using NeuroMas.Results;

namespace NeuroMas.Cluster;

/// <summary>A collected sweep: every planned run's state, the rows merged into results.csv, and how to rerun the rest.</summary>
/// <param name="Rerun">One shell command that reruns just the failed and missing runs; null when none is left to rerun.</param>
/// <param name="Warnings">What the user should know that did not stop the merge (figures not drawn, the protocol edited since planning).</param>
public sealed record CollectResult(SweepPlan Plan, IReadOnlyList<RunStatus> Runs, IReadOnlyList<ResultRow> Rows, string ResultsCsv, string? Rerun, IReadOnlyList<string> Warnings)
{
    public int Done => Runs.Count(r => r.State == RunState.Done);

    public bool Complete => Done == Runs.Count;
}
