using System.ComponentModel;

namespace NeuroMas.Alignment;

/// <summary>The method presets (docs/method.md, "Methods"); each is a table of directions (<see cref="MethodPreset"/>).</summary>
[TypeConverter(typeof(ChoiceConverter<AlignmentMethod>))]
public enum AlignmentMethod
{
    /// <summary>DAS: one system into itself.</summary>
    Das,
    /// <summary>MAS: n systems, all n² directions.</summary>
    Mas,
    /// <summary>One-directional MAS: (0 → 1) and the target's own (1 → 1).</summary>
    Unimas,
    /// <summary>Model stitching: (0 → 1) at full width with the target's own coordinates dropped.</summary>
    Stitching,
    /// <summary>CLMAS: an accessible system 0 and an inaccessible system 1, all four directions.</summary>
    Clmas,
}
