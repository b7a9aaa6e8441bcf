namespace NeuroMas.Models;

/// <summary>The shape of a task network. Saved in every checkpoint.</summary>
public sealed record NetworkOptions
{
    /// <summary><c>gru</c>, <c>lstm</c> or <c>transformer</c>.</summary>
    public string Architecture { get; init; } = "gru";

    /// <summary>Hidden width d (the paper's default is 128).</summary>
    public int Width { get; init; } = 128;

    /// <summary>Transformer blocks (recurrent networks have one layer).</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Transformer attention heads.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>
    /// Transformer only: the hook site is the residual stream after this many blocks (1 = between
    /// the two blocks, so later positions read the intervened state through attention).
    /// </summary>
    public int HookLayer { get; init; } = 1;

    /// <summary>Number of token ids.</summary>
    public int VocabularySize { get; init; } = Tasks.Vocabulary.Size;

    /// <summary>Longest sequence the network will see (rotary tables are built for it).</summary>
    public int MaxLength { get; init; } = 256;

    public static readonly IReadOnlyList<string> Architectures = ["gru", "lstm", "transformer"];
}
