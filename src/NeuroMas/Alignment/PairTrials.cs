namespace NeuroMas.Alignment;

/// <summary>
/// Where each held-out pair of a direction came from, for intervals and paired tests: its index in the split's pair set
/// (the same pair in every direction and control that shares the set), and the recorded trial of its source and target
/// samples where that end is an inaccessible system (null where the end is a network: each pair runs its own sequences,
/// so the pair itself is the independent unit).
/// </summary>
public sealed record PairTrials(int[] Pair, int[]? SourceTrial, int[]? TargetTrial)
{
    public int Count => Pair.Length;

    /// <summary>These rows only, in order.</summary>
    public PairTrials Rows(IReadOnlyList<int> rows) => new(
        [.. rows.Select(r => Pair[r])], SourceTrial is null ? null : [.. rows.Select(r => SourceTrial[r])], TargetTrial is null ? null : [.. rows.Select(r => TargetTrial[r])]);
}
