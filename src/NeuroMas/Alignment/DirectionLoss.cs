namespace NeuroMas.Alignment;

/// <summary>How a direction is scored in training.</summary>
public enum DirectionLoss
{
    /// <summary>The target is run on from the intervened state; cross-entropy against the counterfactual continuation.</summary>
    Behaviour,
    /// <summary>The target cannot be run: the intervened state must match a sample with the counterfactual causal state.</summary>
    CounterfactualLatent,
}
