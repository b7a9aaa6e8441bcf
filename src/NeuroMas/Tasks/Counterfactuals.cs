namespace NeuroMas.Tasks;

/// <summary>Builds counterfactual target sequences from interchange interventions on the causal model.</summary>
public static class Counterfactuals
{
    /// <summary>
    /// The causal state of <paramref name="target"/> with the variables in <paramref name="variables"/>
    /// taken from <paramref name="source"/>.
    /// </summary>
    public static int[] Intervene(int[] target, int[] source, IReadOnlyList<int> variables)
    {
        var state = (int[])target.Clone();
        foreach (var v in variables) state[v] = source[v];
        return state;
    }

    /// <summary>
    /// Swaps <paramref name="variables"/> from the source's state after token <paramref name="sourcePosition"/>
    /// into the target's state after token <paramref name="targetPosition"/>, and runs the causal model
    /// on: the environment supplies the target's own remaining input tokens (the rest of its
    /// demonstration and its trigger, when the intervention falls before the trigger), then the
    /// model's default token. Returns null when the continuation does not end within
    /// <paramref name="maxLength"/> tokens in all.
    /// </summary>
    public static CounterfactualPair? TryBuild(
        ICausalModel model, TaskSequence source, int sourcePosition, TaskSequence target, int targetPosition,
        IReadOnlyList<int> variables, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourcePosition);
        ArgumentOutOfRangeException.ThrowIfNegative(targetPosition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sourcePosition, source.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(targetPosition, target.Length);
        var state = Intervene(target.States[targetPosition], source.States[sourcePosition], variables);
        var environment = new List<int>();
        for (var i = targetPosition + 1; i < target.Length && !target.Scored[i]; i++) environment.Add(target.Tokens[i]);
        var rest = Continuation.TryRun(model, state, environment, maxLength - targetPosition - 1);
        if (rest is null) return null;
        var length = targetPosition + 1 + rest.Tokens.Length;
        var tokens = new int[length];
        var states = new int[length][];
        var scored = new bool[length];
        Array.Copy(target.Tokens, tokens, targetPosition + 1);
        Array.Copy(target.States, states, targetPosition + 1);
        Array.Copy(target.Scored, scored, targetPosition + 1);
        states[targetPosition] = state;
        Array.Copy(rest.Tokens, 0, tokens, targetPosition + 1, rest.Tokens.Length);
        Array.Copy(rest.States, 0, states, targetPosition + 1, rest.States.Length);
        Array.Copy(rest.Scored, 0, scored, targetPosition + 1, rest.Scored.Length);
        return new CounterfactualPair(source, sourcePosition, target, targetPosition, variables, state,
            new TaskSequence(tokens, states, scored));
    }

    /// <summary>Resolves variable names (or <c>all</c>) to indices of the model's variables.</summary>
    public static int[] VariableIndices(ICausalModel model, string variable)
    {
        if (variable == "all") return [.. Enumerable.Range(0, model.Variables.Count)];
        var index = model.Variables.ToList().IndexOf(variable);
        return index >= 0
            ? [index]
            : throw new InputException($"variable: expected one of {string.Join(", ", model.Variables)}, all; found '{variable}'");
    }
}
