using System.ComponentModel;

namespace NeuroMas.Alignment;

/// <summary>Which recorded state a counterfactual-latent direction's intervened state must match.</summary>
[TypeConverter(typeof(ChoiceConverter<ClTarget>))]
public enum ClTarget
{
    /// <summary>The mean of the split's samples with the counterfactual causal state.</summary>
    Mean,
    /// <summary>One random such sample.</summary>
    Sample,
    /// <summary>The one nearest (Euclidean) to the pair's own target sample: the target's state, but for its labels.</summary>
    Nearest,
}
