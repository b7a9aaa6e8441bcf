namespace NeuroMas.Alignment;

/// <summary>How many pairs of a direction found samples with the causal states they needed.</summary>
public sealed record MatchCount(string Source, string Target, int Matched, int Unmatched);
