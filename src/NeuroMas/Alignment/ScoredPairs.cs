using NeuroMas.Models;

namespace NeuroMas.Alignment;

/// <summary>
/// Per held-out pair of one scored condition: whether the whole response was right (the pair's IIA outcome), how many
/// tokens were scored and right, and where the pair came from. The plain accuracies are their means; intervals resample them.
/// </summary>
/// <param name="Rows">The rows of the direction's data scored (all of them, or those the intervention had to change).</param>
public sealed record ScoredPairs(int[] Rows, bool[] Correct, int[] Tokens, int[] CorrectTokens, PairTrials? Trials)
{
    public int Count => Rows.Length;

    public Accuracy Accuracy => new(Count, Correct.Count(c => c), Tokens.Sum(t => (long)t), CorrectTokens.Sum(t => (long)t));
}
