namespace NeuroMas.Alignment;

/// <summary>Options of a CLMAS run: an accessible network A against a recording B (docs/method.md, "Methods").</summary>
public sealed record ClmasOptions
{
    /// <summary>
    /// The options CLMAS shares with the other methods: variable, k, map, pairs, optimiser, early stopping, seed
    /// and threads. Its <see cref="AlignmentOptions.Method"/> is not used: the method is CLMAS.
    /// </summary>
    public AlignmentOptions Training { get; init; } = new() { Method = "unimas" };

    /// <summary>Weight of the counterfactual-latent loss (the paper's CLMAS config: 0.85; 0 turns it off).</summary>
    public double ClWeight { get; init; } = 0.85;

    /// <summary>
    /// Counterfactual latent: the <c>mean</c> of the recorded samples with the counterfactual labels, one random
    /// <c>sample</c> of them, or the one <c>nearest</c> to the pair's recorded target (the target's own state, as far as
    /// the recording holds one, with the counterfactual labels).
    /// </summary>
    public string ClTarget { get; init; } = "mean";

    /// <summary>
    /// Where the CL loss compares: the whole recorded <c>state</c> (docs/method.md, "Methods"), or only the <c>aligned</c> k coordinates
    /// of the recording's map (the swapped block against the latent's block: the part an intervention can change).
    /// </summary>
    public string ClSpace { get; init; } = "state";

    /// <summary>Every problem at once, each naming its option.</summary>
    public IReadOnlyList<string> Validate()
    {
        // The method is CLMAS whatever Training names, so its method is not checked.
        var problems = (Training with { Method = "unimas" }).Validate().ToList();
        if (ClWeight < 0) problems.Add($"cl_weight: expected >= 0, found {ClWeight}");
        problems.AddRange(ChoiceProblems(ClTarget, ClSpace));
        return problems;
    }

    /// <summary>Problems with the counterfactual-latent choices, each naming its option (shared with protocol validation).</summary>
    public static IEnumerable<string> ChoiceProblems(string clTarget, string clSpace)
    {
        if (clTarget is not ("mean" or "sample" or "nearest")) yield return $"cl_target: expected mean, sample or nearest, found '{clTarget}'";
        if (clSpace is not ("state" or "aligned")) yield return $"cl_space: expected state or aligned, found '{clSpace}'";
    }
}

/// <summary>
/// How well recording states match their counterfactual latents on held-out pairs: the intervened states
/// (<c>intervention</c>) or the targets left alone (<c>no_intervention</c>, the baseline).
/// </summary>
public sealed record ClFit(string Source, string Target, double Cosine, double Mse, int Pairs, string Condition = "intervention");

/// <summary>How many pairs of a direction found recorded samples with the labels they needed.</summary>
public sealed record MatchCount(string Source, string Target, int Matched, int Unmatched);

/// <summary>Everything a CLMAS run returns.</summary>
public sealed record ClmasResult(
    ClmasOptions Options, int SubspaceSize, IReadOnlyList<DirectionScore> Scores, IReadOnlyList<ClFit> ClFits,
    IReadOnlyList<MatchCount> Matches, IReadOnlyList<AlignmentProgress> History, int Steps, double Seconds, long MapParameters, PhaseProfile Profile)
{
    public double SecondsPerStep => Steps == 0 ? double.NaN : (Profile.Forward + Profile.Backward + Profile.Optimizer) / Steps;
}
