namespace NeuroMas.Alignment;

/// <summary>
/// A named preset (docs/method.md, "Methods"): which directions receive the behavioural loss, and how the swap is made.
/// </summary>
public sealed record AlignmentMethod(string Name, int? RequiredSystems, bool DropComplement, bool FullWidth)
{
    /// <summary>DAS: one system into itself.</summary>
    public static readonly AlignmentMethod Das = new("das", 1, false, false);

    /// <summary>MAS: n systems, all n² directions.</summary>
    public static readonly AlignmentMethod Mas = new("mas", null, false, false);

    /// <summary>One-directional MAS: (0 → 1) and the target's own (1 → 1).</summary>
    public static readonly AlignmentMethod UniMas = new("unimas", 2, false, false);

    /// <summary>Model stitching: (0 → 1) at full width with the target's own coordinates dropped.</summary>
    public static readonly AlignmentMethod Stitching = new("stitching", 2, true, true);

    public static IReadOnlyList<AlignmentMethod> All { get; } = [Das, Mas, UniMas, Stitching];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    public static AlignmentMethod Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new InputException($"method: expected one of {string.Join(", ", All.Select(m => m.Name))}, found '{name}'");

    /// <summary>Whether direction (source, target) is trained, for <paramref name="systems"/> systems.</summary>
    public bool Trains(int source, int target, int systems) => Name switch
    {
        "das" or "mas" => true,
        "unimas" => target == 1 && (source == 0 || source == 1),
        "stitching" => source == 0 && target == 1,
        _ => false,
    };
}
