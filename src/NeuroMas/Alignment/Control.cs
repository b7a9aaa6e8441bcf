using System.ComponentModel;

namespace NeuroMas.Alignment;

/// <summary>
/// A control trained and scored exactly like the run it belongs to, on systems changed so that a method measuring
/// what it should must fall to chance (docs/method.md, "What must come out true").
/// </summary>
[TypeConverter(typeof(ChoiceConverter<Control>))]
public enum Control
{
    /// <summary>Every inaccessible system's causal labels shuffled across its samples.</summary>
    ShuffledLabels,
    /// <summary>Every accessible system replaced by a fresh initialisation of its architecture.</summary>
    UntrainedNetwork,
}
