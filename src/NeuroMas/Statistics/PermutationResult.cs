namespace NeuroMas.Statistics;

/// <summary>
/// An observed statistic against its permutation null (<see cref="PermutationTest"/>).
/// </summary>
/// <param name="Observed">The statistic on the real labels.</param>
/// <param name="PValue">Raw one-sided p-value, <c>(1 + #{null ≥ observed}) / (1 + permutations)</c>; never 0.</param>
/// <param name="Permutations">Number of null statistics; the smallest possible p-value is <c>1 / (1 + permutations)</c>.</param>
public sealed record PermutationResult(double Observed, double PValue, int Permutations);
