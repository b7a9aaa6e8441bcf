using Microsoft.Extensions.Configuration;
using NeuroMas.Models;

namespace NeuroMas.Protocols;

/// <summary>
/// A network the protocol trains before its runs (protocol key <c>networks:</c>): from scratch, or fine-tuned from an
/// earlier entry (<see cref="From"/>). A system names it with <c>trained:</c>. Its checkpoint is
/// <c>&lt;output&gt;/networks/&lt;name&gt;-&lt;hash&gt;.nmck</c>, the hash covering every key here and the hash of what it was
/// fine-tuned from, so a finished network is reused until one of its inputs changes and never after.
/// </summary>
public sealed record TrainedNetworkSpec
{
    /// <summary>Name a system's <c>trained:</c> refers to.</summary>
    public string? Name { get; init; }

    /// <summary>Fine-tune: the name of an earlier entry whose weights this one starts from (its shape is kept); null: from scratch.</summary>
    public string? From { get; init; }

    /// <summary>Task trained on (e.g. <c>lm-count</c>, <c>lm-count-wrap10</c>).</summary>
    public string Task { get; init; } = "lm-count";

    /// <summary>Largest count the training prompts list.</summary>
    [ConfigurationKeyName("max_count")]
    public int MaxCount { get; init; } = 20;

    /// <summary>Architecture (from scratch only): <c>gru</c>, <c>lstm</c>, <c>transformer</c>.</summary>
    public string Arch { get; init; } = "transformer";

    /// <summary>Width (from scratch only).</summary>
    public int Width { get; init; } = 128;

    /// <summary>Transformer blocks (from scratch only).</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Transformer attention heads (from scratch only).</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Transformer: the hook site is the residual stream after this many blocks (from scratch only).</summary>
    [ConfigurationKeyName("hook_layer")]
    public int HookLayer { get; init; } = 3;

    /// <summary>Seed of weights (from scratch) and training data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Step limit.</summary>
    [ConfigurationKeyName("max_steps")]
    public int MaxSteps { get; init; } = 4000;

    /// <summary>No early stop before this many steps (a fine-tune of fixed length: set it to <see cref="MaxSteps"/>).</summary>
    [ConfigurationKeyName("min_steps")]
    public int MinSteps { get; init; }

    /// <summary>Sequences per step.</summary>
    [ConfigurationKeyName("batch_size")]
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate.</summary>
    [ConfigurationKeyName("learning_rate")]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Steps over which the learning rate halves (exponential decay every step); 0 (the default here) keeps it constant.</summary>
    [ConfigurationKeyName("lr_half_life")]
    public int LearningRateHalfLife { get; init; }

    /// <summary>Steps between validations.</summary>
    [ConfigurationKeyName("validate_every")]
    public int ValidateEvery { get; init; } = 100;

    /// <summary>The trainer's options for this entry, starting from <paramref name="initFrom"/> when fine-tuning.</summary>
    public TrainingOptions Training(string? initFrom, int threads) => new()
    {
        Task = Task,
        MaxCount = MaxCount,
        Network = new NetworkOptions { Architecture = Arch, Width = Width, Layers = Layers, Heads = Heads, HookLayer = HookLayer },
        Seed = Seed,
        MaxSteps = MaxSteps,
        MinSteps = MinSteps,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        LearningRateHalfLife = LearningRateHalfLife,
        ValidateEvery = ValidateEvery,
        InitFrom = initFrom,
        Threads = threads,
    };
}
