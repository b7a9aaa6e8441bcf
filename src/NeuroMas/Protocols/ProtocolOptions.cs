using Microsoft.Extensions.Configuration;
using NeuroMas.Alignment;

namespace NeuroMas.Protocols;

/// <summary>
/// A lab protocol: which systems are aligned how, over which sweep. Every key is documented in
/// protocols/README.md; lists (methods, variables, subspace sizes, seeds, CL weights) expand into one run per
/// combination. The training keys (map, pairs, optimiser, stopping, CL target) are <see cref="AlignmentOptions"/>'s
/// own, written at the top level.
/// </summary>
public sealed record ProtocolOptions
{
    /// <summary>Task the systems were trained on.</summary>
    public string Task { get; init; } = "multi-object";

    /// <summary>Largest demonstrated count of the task.</summary>
    [ConfigurationKeyName("max_count")]
    public int MaxCount { get; init; } = 20;

    /// <summary>
    /// A lab's own prompt set (CSV: <c>prompt</c>, <c>answer</c>, causal labels; <see cref="Tasks.PromptFile"/>), relative to the
    /// protocol: pairs, probe accuracies and CKA/RSA draw these prompts, with <see cref="Task"/>'s causal model. Null: the task's own.
    /// </summary>
    public string? Prompts { get; init; }

    /// <summary>The systems; MAS aligns them all in one run, DAS each network alone, unimas/stitching each ordered pair of networks.</summary>
    public List<SystemSpec> Systems { get; init; } = [];

    /// <summary>Networks the protocol trains (and fine-tunes) before its runs, in order; systems name them with <c>trained:</c>.</summary>
    public List<TrainedNetworkSpec> Networks { get; init; } = [];

    /// <summary>
    /// Evaluate every network system's free-running trial accuracy on this many fresh sequences of the protocol's task (the
    /// probe set) and write <c>networks.csv</c>; 0: do not.
    /// </summary>
    [ConfigurationKeyName("probe_sequences")]
    public int ProbeSequences { get; init; }

    /// <summary>
    /// Transformer systems: intervene on the residual stream after this many blocks instead of the checkpoint's own hook
    /// layer (the chosen layer of a language model; recurrent networks ignore it). Null: each checkpoint's.
    /// </summary>
    [ConfigurationKeyName("hook_layer")]
    public int? HookLayer { get; init; }

    /// <summary>Methods: das, mas, unimas, stitching, clmas.</summary>
    public List<AlignmentMethod> Methods { get; init; } = [];

    /// <summary>Causal variables (or <c>all</c>).</summary>
    public List<string> Variables { get; init; } = [];

    /// <summary>Subspace sizes k; 0 = full width.</summary>
    [ConfigurationKeyName("subspace_sizes")]
    public List<int> SubspaceSizes { get; init; } = [];

    /// <summary>Seeds of maps and pairs.</summary>
    public List<int> Seeds { get; init; } = [];

    /// <summary>Runs with an inaccessible system: weights of the counterfactual-latent loss (a sweep; 0 trains without it; empty: 0.85, the paper's).</summary>
    [ConfigurationKeyName("cl_weights")]
    public List<double> ClWeights { get; init; } = [];

    /// <summary>The options every run shares (map, pairs, optimiser, stopping, CL target and space, threads), bound from the top level.</summary>
    [Flattened]
    public AlignmentOptions Training { get; init; } = new();

    /// <summary>Compute CKA and RSA between every pair of networks in each run.</summary>
    public bool Similarity { get; init; } = true;

    /// <summary>Natural sequences whose states CKA and RSA compare.</summary>
    [ConfigurationKeyName("similarity_samples")]
    public int SimilaritySamples { get; init; } = 1000;

    /// <summary>CLMAS: names of the networks aligned to each inaccessible system (empty: every network).</summary>
    [ConfigurationKeyName("clmas_networks")]
    public List<string> ClmasNetworks { get; init; } = [];

    /// <summary>
    /// MAS: names of the systems aligned together (empty: every network). Naming an inaccessible system puts it in the MAS
    /// run, its directions scored by the counterfactual-latent loss.
    /// </summary>
    [ConfigurationKeyName("mas_systems")]
    public List<string> MasSystems { get; init; } = [];

    /// <summary>
    /// Runs with a recording: also report the trial-grouped, cross-validated linear decoding accuracy of the run's variable
    /// from the recording (single samples): a ceiling for what a one-sample intervention can carry.
    /// </summary>
    public bool Decoding { get; init; }

    /// <summary>Controls trained beside each run with an inaccessible system: <c>shuffled_labels</c>, <c>untrained_network</c>.</summary>
    public List<Control> Controls { get; init; } = [];

    /// <summary>
    /// Runs with a recording: cross-validated IIA over this many folds of trials (≥ 3; 0, the default: the one 60/20/20
    /// split). Each fold is one run, its maps trained on the other folds (one of them validating) and scored on it.
    /// </summary>
    [ConfigurationKeyName("cv_folds")]
    public int CvFolds { get; init; }

    /// <summary>
    /// Runs with a recording: neuron-subsampling curve, one run per count × repeat on a random subset of that many units
    /// (<c>all</c>: every unit); empty: the whole recording only.
    /// </summary>
    [ConfigurationKeyName("unit_counts")]
    public List<string> UnitCounts { get; init; } = [];

    /// <summary>Random unit subsets per count of <see cref="UnitCounts"/> (each its own run and seed of the subset).</summary>
    [ConfigurationKeyName("unit_repeats")]
    public int UnitRepeats { get; init; } = 3;

    /// <summary>Intervals, permutation tests and corrections of the protocol's numbers.</summary>
    public StatisticsOptions Statistics { get; init; } = new();

    /// <summary>Folder for results.csv, manifests, maps and plots (relative to the working directory).</summary>
    public string Output { get; init; } = "runs/protocol";

    /// <summary>The task the runs draw from: <see cref="Task"/>, or its causal model over <see cref="Prompts"/> (resolved by <paramref name="resolve"/>).</summary>
    public Tasks.ITask ResolveTask(Func<string, string> resolve)
    {
        var task = Tasks.TaskCatalog.Get(Task, MaxCount);
        return Prompts is null ? task : Tasks.PromptFile.Read(resolve(Prompts), task);
    }

    /// <summary><see cref="ClWeights"/>, or the paper's 0.85 when none are given (lists bind by appending, so the default lives here).</summary>
    public IReadOnlyList<double> ClWeightsOrDefault() => ClWeights.Count > 0 ? ClWeights : [0.85];
}
