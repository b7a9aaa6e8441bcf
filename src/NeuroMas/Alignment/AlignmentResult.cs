namespace NeuroMas.Alignment;

/// <summary>Accuracy of one direction on held-out pairs, with the intervention or without it (the control).</summary>
public sealed record DirectionScore(
    int Source, int Target, string SourceName, string TargetName, bool Trained, string Condition,
    double Iia, double TokenAccuracy, int Pairs);

/// <summary>One validation point.</summary>
public sealed record AlignmentProgress(int Step, int MaxSteps, double TrainLoss, double ValidationLoss, double ValidationIia, double Seconds)
{
    /// <summary>Which training of a run this is, when a run trains more than one (a CLMAS control's name); null for the run's own.</summary>
    public string? Part { get; init; }
}

/// <summary>Where the time of a run went, in seconds.</summary>
public sealed record PhaseProfile(double Data, double Forward, double Backward, double Optimizer, double Validation, double Evaluation)
{
    public double Total => Data + Forward + Backward + Optimizer + Validation + Evaluation;
}

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
    /// <summary>Seconds per training step (forward, backward and optimiser only).</summary>
    public double SecondsPerStep => Steps == 0 ? double.NaN : (Profile.Forward + Profile.Backward + Profile.Optimizer) / Steps;
}
