namespace NeuroMas.Tasks;

/// <summary>Options for drawing counterfactual pairs.</summary>
public sealed record PairSamplerOptions
{
    /// <summary>Number of pairs to draw.</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Seed: the same seed and options give the same pairs.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Variable to swap (a causal-model variable name, or <c>all</c>).</summary>
    public string Variable { get; init; } = "count";

    /// <summary>
    /// Keep only counterfactuals whose states stay in the range the task's natural sequences reach
    /// (a network cannot be expected to count past what it was trained on).
    /// </summary>
    public bool InDistributionOnly { get; init; } = true;

    /// <summary>
    /// Stepwise swaps (the language runs): intervene after the first occurrence of this token in both source and
    /// target (e.g. <see cref="Vocabulary.Answer"/>), one swap position per pair; null: positions drawn uniformly.
    /// </summary>
    public int? SwapToken { get; init; }
}

/// <summary>Draws reproducible sets of counterfactual pairs for a task.</summary>
public static class PairSampler
{
    /// <summary>
    /// Draws <see cref="PairSamplerOptions.Count"/> pairs: source and target are independent natural
    /// sequences; each intervention position is uniform over the states from which the next token
    /// follows (after <c>B</c> up to the last token before <c>E</c>), or, with <see cref="PairSamplerOptions.SwapToken"/>,
    /// the position of that token in each.
    /// </summary>
    public static IReadOnlyList<CounterfactualPair> Sample(ITask task, PairSamplerOptions options)
    {
        var random = new Random(options.Seed);
        var variables = Counterfactuals.VariableIndices(task.CausalModel, options.Variable);
        var pairs = new List<CounterfactualPair>(options.Count);
        var attempts = 0;
        while (pairs.Count < options.Count)
        {
            if (++attempts > options.Count * 100 + 1000)
                throw new InputException($"pairs: only {pairs.Count} of {options.Count} counterfactuals for '{options.Variable}' stay in the task's range; expected most to");
            var source = task.Sample(random);
            var target = task.Sample(random);
            var sourcePosition = options.SwapToken is { } swap ? Position(task, source, swap) : random.Next(0, source.Length - 1);
            var targetPosition = options.SwapToken is { } token ? Position(task, target, token) : random.Next(0, target.Length - 1);
            var pair = Counterfactuals.TryBuild(task.CausalModel, source, sourcePosition, target, targetPosition, variables, task.MaxLength);
            if (pair is null) continue;
            if (options.InDistributionOnly && !pair.Counterfactual.States.All(task.InDistribution)) continue;
            pairs.Add(pair);
        }
        return pairs;
    }

    /// <summary>Where <paramref name="token"/> first occurs in <paramref name="sequence"/>; an <see cref="InputException"/> when it does not.</summary>
    private static int Position(ITask task, TaskSequence sequence, int token)
    {
        var position = Array.IndexOf(sequence.Tokens, token);
        return position >= 0 && position < sequence.Length - 1 ? position
            : throw new InputException($"swap_at: expected a token every sequence of task {task.Name} holds before its end, found '{Vocabulary.Name(token)}' missing from {sequence}");
    }
}
