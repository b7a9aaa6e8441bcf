namespace NeuroMas.Decoding;

/// <summary>Settings of <see cref="KnnDecoder"/>.</summary>
public sealed record KnnOptions
{
    /// <summary>
    /// Numbers of neighbours to choose from, by inner validation on the training folds; odd, roughly doubling,
    /// 1 to 65 by default (noisier recordings want more neighbours).
    /// </summary>
    public IReadOnlyList<int> Candidates { get; init; } = [1, 3, 5, 9, 17, 33, 65];

    /// <summary>
    /// Share of the training trials held out to choose k, in (0, 1); 0.25 by default. One split, not an inner
    /// k-fold, to keep a 14,000-sample recording at a few seconds.
    /// </summary>
    public double ValidationShare { get; init; } = 0.25;

    /// <summary>
    /// Most validation samples used to choose k (a random subset of the held-out training trials' samples);
    /// 1,500 by default, enough to rank candidates whose accuracies differ by a few percent.
    /// </summary>
    public int ValidationSamples { get; init; } = 1500;

    /// <summary>Query rows per distance block; a block costs rows × training samples floats (2,048 × 11,000 ≈ 90 MB).</summary>
    public int ChunkRows { get; init; } = 2048;

    /// <summary>The default options.</summary>
    public static KnnOptions Default { get; } = new();
}
