namespace NeuroMas.Alignment;

/// <summary>Where the time of a run went, in seconds.</summary>
public sealed record PhaseProfile(double Data, double Forward, double Backward, double Optimizer, double Validation, double Evaluation)
{
    public double Total => Data + Forward + Backward + Optimizer + Validation + Evaluation;
}
