namespace NeuroMas.Alignment;

/// <summary>Options of a CLMAS run: an accessible network A against a recording B (METHOD.md §5).</summary>
public sealed record ClmasOptions
{
    /// <summary>Causal variable swapped (or <c>all</c>).</summary>
    public string Variable { get; init; } = "count";

    /// <summary>Aligned dimensions k (0: the narrower width).</summary>
    public int SubspaceSize { get; init; } = 16;

    /// <summary>Weight of the counterfactual-latent loss (the paper's CLMAS config: 0.85; 0 turns it off).</summary>
    public double ClWeight { get; init; } = 0.85;

    /// <summary>Counterfactual latent: <c>mean</c> of the recorded samples with the counterfactual labels, or one <c>sample</c>.</summary>
    public string ClTarget { get; init; } = "mean";

    public MapKind Map { get; init; } = MapKind.Orthogonal;
    public bool ZScore { get; init; } = true;
    public int TrainPairs { get; init; } = 10000;
    public int ValidationPairs { get; init; } = 1000;
    public int TestPairs { get; init; } = 1000;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    public int MaxSteps { get; init; } = 20000;
    public int ValidateEvery { get; init; } = 50;
    public int Patience { get; init; } = 10;
    public double TargetIia { get; init; } = 1.0;
    public int Seed { get; init; } = 1;
    public int Threads { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new AlignmentOptions
        {
            Method = "unimas", Variable = Variable, SubspaceSize = SubspaceSize, TrainPairs = TrainPairs, ValidationPairs = ValidationPairs,
            TestPairs = TestPairs, BatchSize = BatchSize, LearningRate = LearningRate, MaxSteps = MaxSteps, ValidateEvery = ValidateEvery,
        }.Validate().ToList();
        if (ClWeight < 0) problems.Add($"cl_weight: expected >= 0, found {ClWeight}");
        if (ClTarget is not ("mean" or "sample")) problems.Add($"cl_target: expected mean or sample, found '{ClTarget}'");
        return problems;
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
