namespace NeuroMas.Alignment;

/// <summary>Options of one alignment run (defaults follow the paper where it says).</summary>
public sealed record AlignmentOptions
{
    /// <summary>Preset: <c>das</c>, <c>mas</c>, <c>unimas</c> or <c>stitching</c>.</summary>
    public string Method { get; init; } = "mas";

    /// <summary>Causal variable swapped (a causal-model variable, or <c>all</c>).</summary>
    public string Variable { get; init; } = "count";

    /// <summary>Aligned dimensions swapped (k); 0 means the full width of the narrower system.</summary>
    public int SubspaceSize { get; init; } = 16;

    /// <summary>Map family.</summary>
    public MapKind Map { get; init; } = MapKind.Orthogonal;

    /// <summary>Z-score each unit with the system's own mean and deviation before the map.</summary>
    public bool ZScore { get; init; } = true;

    /// <summary>Training pairs per direction (the paper: 10,000).</summary>
    public int TrainPairs { get; init; } = 10000;

    /// <summary>Validation pairs per direction (the paper: 1,000).</summary>
    public int ValidationPairs { get; init; } = 1000;

    /// <summary>Held-out test pairs per direction, for the reported IIA.</summary>
    public int TestPairs { get; init; } = 1000;

    /// <summary>Pairs per direction per step.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate on the maps (the paper: 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Upper bound on steps (the paper: 20,000).</summary>
    public int MaxSteps { get; init; } = 20000;

    /// <summary>Validate every this many steps.</summary>
    public int ValidateEvery { get; init; } = 50;

    /// <summary>Stop after this many validations without a lower validation loss.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Stop once validation IIA (teacher-forced) of every trained direction reaches this.</summary>
    public double TargetIia { get; init; } = 1.0;

    /// <summary>Seed of maps and pairs.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Torch intra-op threads (0: libtorch default).</summary>
    public int Threads { get; init; }

    /// <summary>Every problem at once, each naming its option.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!AlignmentMethod.All.Any(m => m.Name == Method))
            problems.Add($"method: expected one of {string.Join(", ", AlignmentMethod.All.Select(m => m.Name))}, found '{Method}'");
        if (SubspaceSize < 0) problems.Add($"subspace_size: expected >= 0 (0 = full width), found {SubspaceSize}");
        if (TrainPairs < 1) problems.Add($"train_pairs: expected >= 1, found {TrainPairs}");
        if (ValidationPairs < 1) problems.Add($"validation_pairs: expected >= 1, found {ValidationPairs}");
        if (TestPairs < 1) problems.Add($"test_pairs: expected >= 1, found {TestPairs}");
        if (BatchSize < 1) problems.Add($"batch_size: expected >= 1, found {BatchSize}");
        if (LearningRate <= 0) problems.Add($"learning_rate: expected > 0, found {LearningRate}");
        if (MaxSteps < 0) problems.Add($"max_steps: expected >= 0, found {MaxSteps}");
        if (ValidateEvery < 1) problems.Add($"validate_every: expected >= 1, found {ValidateEvery}");
        return problems;
    }
}
