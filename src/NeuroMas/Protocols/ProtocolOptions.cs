using Microsoft.Extensions.Configuration;

namespace NeuroMas.Protocols;

/// <summary>
/// A lab protocol: which systems are aligned how, over which sweep. Every key is documented in
/// protocols/README.md; lists (methods, variables, subspace sizes, seeds) expand into one run per combination.
/// </summary>
public sealed record ProtocolOptions
{
    /// <summary>Task the systems were trained on.</summary>
    public string Task { get; init; } = "multi-object";

    /// <summary>Largest demonstrated count of the task.</summary>
    [ConfigurationKeyName("max_count")]
    public int MaxCount { get; init; } = 20;

    /// <summary>The systems; MAS aligns them all in one run, DAS each alone, unimas/stitching each ordered pair.</summary>
    public List<SystemSpec> Systems { get; init; } = [];

    /// <summary>Methods: das, mas, unimas, stitching.</summary>
    public List<string> Methods { get; init; } = [];

    /// <summary>Causal variables (or <c>all</c>).</summary>
    public List<string> Variables { get; init; } = [];

    /// <summary>Subspace sizes k; 0 = full width.</summary>
    [ConfigurationKeyName("subspace_sizes")]
    public List<int> SubspaceSizes { get; init; } = [];

    /// <summary>Seeds of maps and pairs.</summary>
    public List<int> Seeds { get; init; } = [];

    /// <summary>Map family: orthogonal, linear, subspace.</summary>
    public string Map { get; init; } = "orthogonal";

    /// <summary>Z-score units with each system's own statistics.</summary>
    public bool ZScore { get; init; } = true;

    [ConfigurationKeyName("train_pairs")]
    public int TrainPairs { get; init; } = 10000;

    [ConfigurationKeyName("validation_pairs")]
    public int ValidationPairs { get; init; } = 1000;

    [ConfigurationKeyName("test_pairs")]
    public int TestPairs { get; init; } = 1000;

    [ConfigurationKeyName("batch_size")]
    public int BatchSize { get; init; } = 128;

    [ConfigurationKeyName("learning_rate")]
    public double LearningRate { get; init; } = 1e-3;

    [ConfigurationKeyName("max_steps")]
    public int MaxSteps { get; init; } = 20000;

    [ConfigurationKeyName("validate_every")]
    public int ValidateEvery { get; init; } = 50;

    public int Patience { get; init; } = 10;

    /// <summary>Stop a run once validation IIA of every trained direction reaches this.</summary>
    [ConfigurationKeyName("target_iia")]
    public double TargetIia { get; init; } = 1.0;

    /// <summary>Torch threads (0 = libtorch default).</summary>
    public int Threads { get; init; }

    /// <summary>Compute CKA and RSA between every pair of systems in each run.</summary>
    public bool Similarity { get; init; } = true;

    /// <summary>Natural sequences whose states CKA and RSA compare.</summary>
    [ConfigurationKeyName("similarity_samples")]
    public int SimilaritySamples { get; init; } = 1000;

    /// <summary>CLMAS: weights of the counterfactual-latent loss (a sweep; 0 trains without it; empty: 0.85, the paper's).</summary>
    [ConfigurationKeyName("cl_weights")]
    public List<double> ClWeights { get; init; } = [];

    /// <summary><see cref="ClWeights"/>, or the paper's 0.85 when none are given (lists bind by appending, so the default lives here).</summary>
    public IReadOnlyList<double> ClWeightsOrDefault => ClWeights.Count > 0 ? ClWeights : [0.85];

    /// <summary>CLMAS: counterfactual latent is the <c>mean</c> of matching recorded samples or one <c>sample</c>.</summary>
    [ConfigurationKeyName("cl_target")]
    public string ClTarget { get; init; } = "mean";

    /// <summary>CLMAS: compare intervened state and latent over the whole recorded <c>state</c>, or only their <c>aligned</c> k coordinates.</summary>
    [ConfigurationKeyName("cl_space")]
    public string ClSpace { get; init; } = "state";

    /// <summary>CLMAS: names of the networks aligned to each recording (empty: every network).</summary>
    [ConfigurationKeyName("clmas_networks")]
    public List<string> ClmasNetworks { get; init; } = [];

    /// <summary>
    /// CLMAS: also report the trial-grouped, cross-validated linear decoding accuracy of the run's variable from
    /// the recording (single samples): a ceiling for what a one-sample intervention can carry.
    /// </summary>
    public bool Decoding { get; init; }

    /// <summary>CLMAS controls run beside each run: <c>shuffled_labels</c>, <c>untrained_network</c>.</summary>
    public List<string> Controls { get; init; } = [];

    /// <summary>Folder for results.csv, manifests, maps and plots (relative to the working directory).</summary>
    public string Output { get; init; } = "runs/protocol";
}
