using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// A system that can only be read: labelled samples, found by their causal state (every variable of the causal
/// model), split by trial into training (0), validation (1) and test (2). It cannot be run from an edited state,
/// so directions into it are scored by the counterfactual-latent loss against its own samples.
/// </summary>
public interface IInaccessibleSystem : ISystem, IDisposable
{
    /// <summary>
    /// Samples <c>[rows, d]</c> in standardised units (each unit's training-trial mean and deviation), drawn by index
    /// <paramref name="rows"/> <c>[rows]</c>: a system need not hold all its samples standardised at once.
    /// </summary>
    Tensor SamplesAt(Tensor rows);

    /// <summary>States in the system's own units <c>[n, d]</c> → the standardised units of <see cref="SamplesAt"/>.</summary>
    Tensor Standardize(Tensor states);

    /// <summary>Standardised units → the system's own units <c>[n, d]</c>.</summary>
    Tensor Unstandardize(Tensor samples);

    /// <summary>Mean sample per distinct causal state over one split's trials <c>[states, d]</c>; rows by <see cref="MeanRow"/>.</summary>
    Tensor Means(int split);

    /// <summary>A random sample of one split whose causal state is <paramref name="state"/>, or null when there is none.</summary>
    int? Pick(int[] state, Random random, int split);

    /// <summary>The sample of one split with causal state <paramref name="state"/> closest to sample <paramref name="row"/>, or null.</summary>
    int? Nearest(int[] state, int row, int split);

    /// <summary>The row of <see cref="Means"/> for <paramref name="state"/> in one split, or null when the split has none.</summary>
    int? MeanRow(int[] state, int split);

    /// <summary>The trial a sample was recorded in (samples of one trial share its noise: intervals resample trials).</summary>
    int TrialOf(int sample);

    /// <summary>The key (<see cref="CausalStates.Key"/>) of a sample's causal state.</summary>
    string StateOf(int sample);

    /// <summary>The same samples with their causal labels shuffled across samples (the shuffled-labels control).</summary>
    IInaccessibleSystem WithShuffledLabels(int seed);
}
