namespace NeuroMas.Alignment;

/// <summary>
/// A method as a table of directions (docs/method.md, "Methods"). Every method is the same training loop over its directions;
/// presets differ only in which directions they train, in what order, and how wide the swap is. A direction's
/// loss follows from its target: behaviour into an accessible system, counterfactual latent into an inaccessible one.
/// </summary>
public sealed record MethodPreset(AlignmentMethod Method, int? RequiredSystems, bool DropComplement, bool FullWidth)
{
    public static MethodPreset Of(AlignmentMethod method) => method switch
    {
        AlignmentMethod.Das => new(method, 1, false, false),
        AlignmentMethod.Mas => new(method, null, false, false),
        AlignmentMethod.Unimas => new(method, 2, false, false),
        AlignmentMethod.Stitching => new(method, 2, true, true),
        AlignmentMethod.Clmas => new(method, 2, false, false),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>
    /// The directions, in the order training draws their batches, for systems whose accessibility is
    /// <paramref name="accessible"/>. Every direction listed is evaluated; those not <see cref="Direction.Trained"/> only
    /// evaluated.
    /// </summary>
    public IReadOnlyList<Direction> Directions(IReadOnlyList<bool> accessible)
    {
        var n = accessible.Count;
        Direction D(int s, int t, bool trained = true) => new(s, t, accessible[t] ? DirectionLoss.Behaviour : DirectionLoss.CounterfactualLatent, trained);
        var all = from s in Enumerable.Range(0, n) from t in Enumerable.Range(0, n) select (s, t);
        return Method switch
        {
            AlignmentMethod.Das => [D(0, 0)],
            AlignmentMethod.Mas => all.Select(d => D(d.s, d.t)).ToList(),
            AlignmentMethod.Unimas => all.Select(d => D(d.s, d.t, d.t == 1)).ToList(),
            AlignmentMethod.Stitching => all.Select(d => D(d.s, d.t, d.s == 0 && d.t == 1)).ToList(),
            // MAS's table for (accessible A, inaccessible B), in the order B→A, A→A, A→B, B→B.
            AlignmentMethod.Clmas => [D(1, 0), D(0, 0), D(0, 1), D(1, 1)],
            _ => [],
        };
    }

    /// <summary>Every problem with running this method on systems of the given accessibility, each naming its key.</summary>
    public IEnumerable<string> Problems(IReadOnlyList<bool> accessible)
    {
        var name = Choice.Name(Method);
        if (accessible.Count == 0) yield return "systems: expected at least one, found none";
        else if (RequiredSystems is { } required && accessible.Count != required)
            yield return $"systems: method {name} expects {required} system(s), found {accessible.Count}";
        else if (Method == AlignmentMethod.Clmas && !(accessible[0] && !accessible[1]))
            yield return $"systems: method clmas expects an accessible system (a network) then an inaccessible one (a recording), found {Describe(accessible)}";
        else if (Method is AlignmentMethod.Das or AlignmentMethod.Stitching && !accessible[^1])
            yield return $"systems: method {name} expects an accessible target (a network), found {Describe(accessible)}";
    }

    private static string Describe(IReadOnlyList<bool> accessible) =>
        string.Join(", ", accessible.Select(a => a ? "accessible" : "inaccessible"));
}
