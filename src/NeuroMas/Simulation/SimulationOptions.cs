namespace NeuroMas.Simulation;

/// <summary>How <see cref="RecordingSimulator"/> observes a network's hook-site states.</summary>
public sealed record SimulationOptions
{
    /// <summary>Recorded units N.</summary>
    public int Units { get; init; } = 96;

    /// <summary>Trials (fresh natural task sequences); every state of each is a sample.</summary>
    public int Trials { get; init; } = 600;

    /// <summary>Seed of the observation map, the sequences and the noise.</summary>
    public int Seed { get; init; } = 1;

    /// <summary><c>none</c> (linear: the ground truth can be computed), <c>relu</c>, <c>softplus</c> or <c>tanh</c>.</summary>
    public string Nonlinearity { get; init; } = "none";

    /// <summary><c>gaussian</c>, <c>poisson</c> or <c>none</c>.</summary>
    public string Noise { get; init; } = "gaussian";

    /// <summary>Gaussian: noise standard deviation as a fraction of each unit's signal deviation. Poisson: ignored.</summary>
    public double NoiseLevel { get; init; } = 0.1;

    /// <summary>Poisson: mean count per unit of (softplus) activation.</summary>
    public double Gain { get; init; } = 5.0;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Units < 1) problems.Add($"units: expected >= 1, found {Units}");
        if (Trials < 2) problems.Add($"trials: expected >= 2, found {Trials}");
        if (Nonlinearity is not ("none" or "relu" or "softplus" or "tanh")) problems.Add($"nonlinearity: expected none, relu, softplus or tanh, found '{Nonlinearity}'");
        if (Noise is not ("gaussian" or "poisson" or "none")) problems.Add($"noise: expected gaussian, poisson or none, found '{Noise}'");
        if (NoiseLevel < 0) problems.Add($"noise-level: expected >= 0, found {NoiseLevel}");
        if (Gain <= 0) problems.Add($"gain: expected > 0, found {Gain}");
        return problems;
    }
}
