namespace NeuroMas.Tasks;

/// <summary>
/// One token sequence of a task with the causal state after every token. <see cref="Scored"/> is the
/// task mask: the tokens the system itself must emit (responses and <c>E</c>); the others are
/// supplied by the environment and are fed in, never scored.
/// </summary>
public sealed class TaskSequence
{
    public TaskSequence(int[] tokens, int[][] states, bool[] scored)
    {
        if (tokens.Length != states.Length || tokens.Length != scored.Length)
            throw new ArgumentException("tokens, states and scored must have the same length");
        Tokens = tokens;
        States = states;
        Scored = scored;
    }

    /// <summary>Token ids, unpadded, <c>[length]</c>.</summary>
    public int[] Tokens { get; }

    /// <summary>The causal state after each token, <c>[length][variables]</c>.</summary>
    public int[][] States { get; }

    /// <summary>True where the token is emitted by the system (the task mask).</summary>
    public bool[] Scored { get; }

    public int Length => Tokens.Length;

    /// <summary>Index of the trigger token, or −1.</summary>
    public int TriggerIndex => Array.IndexOf(Tokens, Vocabulary.Trigger);

    /// <summary>
    /// Replays <paramref name="tokens"/> through <paramref name="model"/>: every token the model
    /// predicts must be the token that follows. Returns null, with the reason, when the model does
    /// not accept the sequence.
    /// </summary>
    public static TaskSequence? Replay(ICausalModel model, int[] tokens, out string? reason)
    {
        reason = null;
        var states = new int[tokens.Length][];
        var scored = new bool[tokens.Length];
        var state = model.Initial;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
            {
                var predicted = model.Predict(state);
                scored[i] = predicted is not null;
                if (predicted is { } p && p != tokens[i])
                {
                    reason = $"position {i}: the causal model emits {Vocabulary.Name(p)} but the sequence has {Vocabulary.Name(tokens[i])}";
                    return null;
                }
            }
            try
            {
                state = model.Step(state, tokens[i]);
            }
            catch (InvalidOperationException e)
            {
                reason = $"position {i}: {e.Message}";
                return null;
            }
            states[i] = state;
        }
        if (tokens.Length == 0 || !model.IsTerminal(tokens[^1])) reason = "the sequence does not end with a terminal token";
        return reason is null ? new TaskSequence(tokens, states, scored) : null;
    }

    public override string ToString() => Vocabulary.Format(Tokens);
}
