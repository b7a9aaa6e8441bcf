namespace NeuroMas.Alignment;

/// <summary>Accuracy of one direction on held-out pairs, with the intervention or without it (the control).</summary>
public sealed record DirectionScore(
    int Source, int Target, string SourceName, string TargetName, bool Trained, string Condition,
    double Iia, double TokenAccuracy, int Pairs)
{
    /// <summary>Each scored pair's outcome and origin (null for scores made without them): intervals and paired tests use these.</summary>
    public ScoredPairs? PerPair { get; init; }
}
