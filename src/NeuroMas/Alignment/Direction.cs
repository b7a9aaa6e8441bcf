namespace NeuroMas.Alignment;

/// <summary>
/// An ordered pair of systems (indices into the run's systems) and how it is scored. Directions into an accessible
/// system are scored by behaviour, directions into an inaccessible one by the counterfactual-latent loss.
/// </summary>
/// <param name="Trained">Whether the direction's loss is trained (an untrained direction is still evaluated).</param>
public sealed record Direction(int Source, int Target, DirectionLoss Loss, bool Trained);
