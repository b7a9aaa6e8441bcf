using Microsoft.Extensions.Configuration;

namespace NeuroMas.Alignment;

/// <summary>
/// Options of one alignment run, for every method (defaults follow the paper where it says). A protocol binds the
/// same record from its top-level keys; the keys marked <see cref="SweptAttribute"/> come from its sweep lists.
/// </summary>
public sealed record AlignmentOptions
{
    /// <summary>The method preset: which directions are trained, and how wide the swap is.</summary>
    [Swept("methods")]
    public AlignmentMethod Method { get; init; } = AlignmentMethod.Mas;

    /// <summary>Causal variable swapped (a causal-model variable, or <c>all</c>).</summary>
    [Swept("variables")]
    public string Variable { get; init; } = "count";

    /// <summary>Aligned dimensions swapped (k); 0 means the full width of the narrowest system.</summary>
    [Swept("subspace_sizes"), ConfigurationKeyName("subspace_size")]
    public int SubspaceSize { get; init; } = 16;

    /// <summary>Seed of maps, pairs and batches.</summary>
    [Swept("seeds")]
    public int Seed { get; init; } = 1;

    /// <summary>Weight of the counterfactual-latent loss against the behavioural one (the paper's CLMAS config: 0.85; 0 turns it off).</summary>
    [Swept("cl_weights"), ConfigurationKeyName("cl_weight")]
    public double ClWeight { get; init; } = 0.85;

    /// <summary>Map family.</summary>
    public MapKind Map { get; init; } = MapKind.Orthogonal;

    /// <summary>Z-score each unit with the system's own mean and deviation before the map.</summary>
    [ConfigurationKeyName("zscore")]
    public bool ZScore { get; init; } = true;

    /// <summary>Training pairs per direction (the paper: 10,000).</summary>
    [ConfigurationKeyName("train_pairs")]
    public int TrainPairs { get; init; } = 10000;

    /// <summary>Validation pairs per direction (the paper: 1,000).</summary>
    [ConfigurationKeyName("validation_pairs")]
    public int ValidationPairs { get; init; } = 1000;

    /// <summary>Held-out test pairs per direction, for the reported IIA.</summary>
    [ConfigurationKeyName("test_pairs")]
    public int TestPairs { get; init; } = 1000;

    /// <summary>Pairs per direction per step.</summary>
    [ConfigurationKeyName("batch_size")]
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate on the maps (the paper: 1e-3).</summary>
    [ConfigurationKeyName("learning_rate")]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Upper bound on steps (the paper: 20,000).</summary>
    [ConfigurationKeyName("max_steps")]
    public int MaxSteps { get; init; } = 20000;

    /// <summary>Validate every this many steps.</summary>
    [ConfigurationKeyName("validate_every")]
    public int ValidateEvery { get; init; } = 50;

    /// <summary>Stop after this many validations without a lower validation loss.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>
    /// Stop once this many validations in a row have not raised the validation IIA 0.005 above its best before them
    /// (0, the default: off; the loss-based <see cref="Patience"/> still applies). The maps kept are still those of the
    /// lowest validation loss.
    /// </summary>
    [ConfigurationKeyName("iia_patience")]
    public int IiaPatience { get; init; }

    /// <summary>Stop once validation IIA (teacher-forced) of every trained behavioural direction reaches this.</summary>
    [ConfigurationKeyName("target_iia")]
    public double TargetIia { get; init; } = 1.0;

    /// <summary>Counterfactual latent of a direction into an inaccessible system.</summary>
    [ConfigurationKeyName("cl_target")]
    public ClTarget ClTarget { get; init; } = ClTarget.Mean;

    /// <summary>Where the counterfactual-latent loss compares.</summary>
    [ConfigurationKeyName("cl_space")]
    public ClSpace ClSpace { get; init; } = ClSpace.State;

    /// <summary>
    /// PCA front end: each inaccessible system's samples are projected onto this many principal components of its
    /// standardised training trials (<see cref="PrincipalComponents"/>) before its map; 0 (the default) keeps every unit.
    /// For wide recordings: an orthogonal map's cost per step grows with the cube of its width.
    /// </summary>
    public int Pca { get; init; }

    /// <summary>
    /// Directions trained per step: 0 (the default) trains every trained direction each step; N trains N of them drawn
    /// afresh each step with the run's seed, so a step of MAS over n systems costs O(N) instead of O(n²) passes.
    /// </summary>
    [ConfigurationKeyName("directions_per_step")]
    public int DirectionsPerStep { get; init; }

    /// <summary>
    /// Stepwise swaps, as the paper's language runs do: every pair intervenes after this token of its source and of its
    /// target (e.g. <c>answer:</c>), one swap position per pair; empty (the default) draws positions uniformly.
    /// </summary>
    [ConfigurationKeyName("swap_at")]
    public string SwapAt { get; init; } = "";

    /// <summary>
    /// Between networks only: draw one set of pairs per split for every direction (as runs with an inaccessible system
    /// always do) instead of one per direction, so each system's states at the pairs are computed once per split, not
    /// once per direction it takes part in: MAS over n networks then builds its data n times faster, and every direction
    /// is scored on the same test pairs. False (the default): each direction its own pairs.
    /// </summary>
    [ConfigurationKeyName("shared_pairs")]
    public bool SharedPairs { get; init; }

    /// <summary>Torch intra-op threads (0: libtorch default).</summary>
    public int Threads { get; init; }

    /// <summary>The token id of <see cref="SwapAt"/>, or null.</summary>
    public int? SwapToken => SwapAt.Length == 0 ? null : Tasks.Vocabulary.Id(SwapAt);

    /// <summary>Every problem at once, each naming its key.</summary>
    public IReadOnlyList<string> Validate() => [.. RunProblems(), .. SettingProblems()];

    /// <summary>Problems with the keys a protocol sweeps (<see cref="SweptAttribute"/>).</summary>
    public IEnumerable<string> RunProblems()
    {
        if (!Enum.IsDefined(Method)) yield return $"method: expected one of {string.Join(", ", Choice.Names<AlignmentMethod>())}, found '{Method}'";
        if (string.IsNullOrWhiteSpace(Variable)) yield return "variable: expected a causal variable or all, found none";
        if (SubspaceSize < 0) yield return $"subspace_size: expected >= 0 (0 = full width), found {SubspaceSize}";
        if (ClWeight < 0 || double.IsNaN(ClWeight)) yield return $"cl_weight: expected >= 0, found {ClWeight}";
    }

    /// <summary>Problems with the keys a protocol sets once for all its runs.</summary>
    public IEnumerable<string> SettingProblems()
    {
        if (!Enum.IsDefined(Map)) yield return $"map: expected one of {string.Join(", ", Choice.Names<MapKind>())}, found '{Map}'";
        if (TrainPairs < 1) yield return $"train_pairs: expected >= 1, found {TrainPairs}";
        if (ValidationPairs < 1) yield return $"validation_pairs: expected >= 1, found {ValidationPairs}";
        if (TestPairs < 1) yield return $"test_pairs: expected >= 1, found {TestPairs}";
        if (BatchSize < 1) yield return $"batch_size: expected >= 1, found {BatchSize}";
        if (!(LearningRate > 0)) yield return $"learning_rate: expected > 0, found {LearningRate}";
        if (MaxSteps < 0) yield return $"max_steps: expected >= 0, found {MaxSteps}";
        if (ValidateEvery < 1) yield return $"validate_every: expected >= 1, found {ValidateEvery}";
        if (Patience < 1) yield return $"patience: expected >= 1, found {Patience}";
        if (IiaPatience < 0) yield return $"iia_patience: expected 0 (off) or >= 1 validations, found {IiaPatience}";
        if (!(TargetIia is >= 0 and <= 1)) yield return $"target_iia: expected 0 to 1, found {TargetIia}";
        if (!Enum.IsDefined(ClTarget)) yield return $"cl_target: expected one of {string.Join(", ", Choice.Names<ClTarget>())}, found '{ClTarget}'";
        if (!Enum.IsDefined(ClSpace)) yield return $"cl_space: expected one of {string.Join(", ", Choice.Names<ClSpace>())}, found '{ClSpace}'";
        if (Pca < 0) yield return $"pca: expected 0 (off) or a number of principal components >= 1, found {Pca}";
        if (DirectionsPerStep < 0) yield return $"directions_per_step: expected 0 (all) or >= 1, found {DirectionsPerStep}";
        if (SwapAt.Length > 0 && !Tasks.Vocabulary.TryId(SwapAt, out _)) yield return $"swap_at: expected a token name (e.g. answer:) or empty, found '{SwapAt}'";
        if (Threads < 0) yield return $"threads: expected >= 0 (0 = libtorch default), found {Threads}";
    }
}
