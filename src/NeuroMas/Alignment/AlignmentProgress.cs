namespace NeuroMas.Alignment;

/// <summary>One validation point.</summary>
public sealed record AlignmentProgress(int Step, int MaxSteps, double TrainLoss, double ValidationLoss, double ValidationIia, double Seconds)
{
    /// <summary>Which training of a run this is, when a run trains more than one (a control's name); null for the run's own.</summary>
    public string? Part { get; init; }
}
