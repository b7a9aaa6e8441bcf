namespace NeuroMas.Alignment;

/// <summary>Everything an alignment run returns (files are written by the caller).</summary>
public sealed record AlignmentResult(
    AlignmentOptions Options,
    IReadOnlyList<string> Systems,
    int SubspaceSize,
    IReadOnlyList<DirectionScore> Scores,
    IReadOnlyList<AlignmentProgress> History,
    int Steps,
    double Seconds,
    long MapParameters,
    PhaseProfile Profile)
{
    /// <summary>Directions into inaccessible systems: how well intervened states fit their counterfactual latents.</summary>
    public IReadOnlyList<ClFit> ClFits { get; init; } = [];

    /// <summary>Directions involving inaccessible systems: how many held-out pairs found the samples they needed.</summary>
    public IReadOnlyList<MatchCount> Matches { get; init; } = [];

    /// <summary>Validation IIA (the worst trained direction's) that counts as an answer for <see cref="TimeToAnswer"/>.</summary>
    public const double AnswerIia = 0.95;

    /// <summary>
    /// The first validation point at which every trained direction's validation IIA reached <see cref="AnswerIia"/>
    /// (its step and seconds since training started), or null if none did: how long the answer took.
    /// </summary>
    public AlignmentProgress? TimeToAnswer => History.FirstOrDefault(h => h.Part is null && h.ValidationIia >= AnswerIia);

    /// <summary>Seconds per training step (forward, backward and optimiser only).</summary>
    public double SecondsPerStep => Steps == 0 ? double.NaN : (Profile.Forward + Profile.Backward + Profile.Optimizer) / Steps;
}
