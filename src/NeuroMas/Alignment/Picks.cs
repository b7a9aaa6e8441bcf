namespace NeuroMas.Alignment;

/// <summary>
/// For one pair and one inaccessible system: the sample standing in for the source's state, the one standing in for
/// the target's, and the counterfactual latent (a sample, or a row of the split's means); null where the system holds
/// no sample with the causal state needed.
/// </summary>
internal readonly record struct Picks(int? Source, int? Target, int? Latent);
