namespace NeuroMas.Results;

/// <summary>
/// One observation of the tidy results table: a metric of one run, direction, variable and condition.
/// Similarity rows (CKA, RSA, Procrustes) have condition <c>natural</c> and variable <c>none</c>.
/// </summary>
public sealed record ResultRow(
    string RunId,
    string Method,
    string Source,
    string Target,
    string Variable,
    int SubspaceSize,
    int Seed,
    int Steps,
    bool Trained,
    string Condition,
    string Metric,
    double Value)
{
    /// <summary>Column names, in file order.</summary>
    public static readonly string[] Columns =
        ["run_id", "method", "source", "target", "variable", "subspace_size", "seed", "steps", "trained", "condition", "metric", "value"];
}
