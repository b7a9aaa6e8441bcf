using System.ComponentModel;

namespace NeuroMas.Alignment;

/// <summary>Where the counterfactual-latent loss compares the intervened state with its latent.</summary>
[TypeConverter(typeof(ChoiceConverter<ClSpace>))]
public enum ClSpace
{
    /// <summary>The whole state (docs/method.md, "Methods").</summary>
    State,
    /// <summary>Only the target map's aligned k coordinates: the part an intervention can change.</summary>
    Aligned,
}
