namespace NeuroMas.Tasks;

/// <summary>
/// One interchange-intervention example: the state after token <see cref="SourcePosition"/> of the
/// source run gives the values of <see cref="Variables"/> to the state after token
/// <see cref="TargetPosition"/> of the target run, and the causal model says how the target must
/// then continue: <see cref="Counterfactual"/> (tokens up to the target position are the target's own).
/// </summary>
public sealed record CounterfactualPair(
    TaskSequence Source,
    int SourcePosition,
    TaskSequence Target,
    int TargetPosition,
    IReadOnlyList<int> Variables,
    int[] IntervenedState,
    TaskSequence Counterfactual)
{
    /// <summary>The source's causal state at the intervention.</summary>
    public int[] SourceState => Source.States[SourcePosition];

    /// <summary>The target's causal state at the intervention, before it is overwritten.</summary>
    public int[] TargetState => Target.States[TargetPosition];
}
