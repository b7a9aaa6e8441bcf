namespace NeuroMas.Tasks;

/// <summary>The tokens that follow a causal state, and which of them the system emits.</summary>
public sealed record ContinuationResult(int[] Tokens, bool[] Scored, int[][] States);

/// <summary>Runs a causal model forward from a state to the end of a trial.</summary>
public static class Continuation
{
    /// <summary>
    /// Continues from <paramref name="state"/>: where the model predicts a token the system emits it
    /// (scored); where it waits for input the environment supplies the next of
    /// <paramref name="environment"/>, or the model's default token once those are used up.
    /// Returns null if no terminal token comes within <paramref name="maxTokens"/>.
    /// </summary>
    public static ContinuationResult? TryRun(ICausalModel model, int[] state, IReadOnlyList<int> environment, int maxTokens)
    {
        var tokens = new List<int>();
        var scored = new List<bool>();
        var states = new List<int[]>();
        var next = 0;
        while (tokens.Count < maxTokens)
        {
            var predicted = model.Predict(state);
            var token = predicted ?? (next < environment.Count ? environment[next++] : model.DefaultEnvironmentToken);
            state = model.Step(state, token);
            tokens.Add(token);
            scored.Add(predicted is not null);
            states.Add(state);
            if (predicted is not null && model.IsTerminal(token))
                return new ContinuationResult([.. tokens], [.. scored], [.. states]);
        }
        return null;
    }

    /// <inheritdoc cref="TryRun"/>
    public static ContinuationResult Run(ICausalModel model, int[] state, IReadOnlyList<int> environment, int maxTokens) =>
        TryRun(model, state, environment, maxTokens)
        ?? throw new InvalidOperationException($"causal model: no terminal token within {maxTokens} tokens");
}
