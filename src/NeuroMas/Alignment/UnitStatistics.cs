using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>Per-unit statistics for z-scoring, computed the same way for every kind of system.</summary>
public static class UnitStatistics
{
    /// <summary>Rows per chunk of the chunked statistics: a chunk of 1,024 units is 32 MB.</summary>
    public const int ChunkRows = 8192;

    /// <summary>
    /// Mean and standard deviation of each unit over <paramref name="states"/> <c>[n, d]</c>: <c>[d]</c> each. The
    /// deviation is the population one (divided by n): the states are the whole sample the map is fitted on.
    /// </summary>
    public static (Tensor Mean, Tensor Scale) Of(Tensor states) => (states.mean([0]), states.std(0, unbiased: false));

    /// <summary>
    /// Mean of each dimension and one deviation for all (the root of their mean variance), <c>[d]</c> each: z-scoring with it
    /// centres and rescales without whitening (principal-component scores, whose variances carry the signal).
    /// </summary>
    public static (Tensor Mean, Tensor Scale) Isotropic(Tensor states)
    {
        using var scope = NewDisposeScope();
        var common = states.var(0, unbiased: false).mean().sqrt();
        return (states.mean([0]).MoveToOuterDisposeScope(), common.expand(states.shape[1]).contiguous().MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Mean and population deviation <c>[d]</c> of each unit over the rows <paramref name="rows"/> of <paramref name="states"/>
    /// <c>[n, d]</c>, accumulated in float64 a chunk of rows at a time (two passes), so no copy of the rows is made.
    /// </summary>
    public static (Tensor Mean, Tensor Scale) OfRows(Tensor states, IReadOnlyList<long> rows, Func<Tensor, Tensor>? transform = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor Block((int Start, int End) c) =>
            (transform ?? (x => x))(states.index_select(0, tensor(rows.Skip(c.Start).Take(c.End - c.Start).ToArray()))).to(float64);
        var chunks = Chunks(rows.Count).ToList();
        var sum = zeros(states.shape[1], dtype: float64);
        foreach (var c in chunks)
        {
            using var inner = NewDisposeScope();
            sum.add_(Block(c).sum(0L));
        }
        var mean = sum / rows.Count;
        var squares = zeros(states.shape[1], dtype: float64);
        foreach (var c in chunks)
        {
            using var inner = NewDisposeScope();
            squares.add_((Block(c) - mean).pow(2).sum(0L));
        }
        return (mean.to(float32).MoveToOuterDisposeScope(), (squares / rows.Count).sqrt().to(float32).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// <see cref="Of"/> of every row of <paramref name="activity"/> standardised by <paramref name="mean"/> and
    /// <paramref name="scale"/>, chunk by chunk: the statistics of a standardised recording without standardising all of it at once.
    /// </summary>
    public static (Tensor Mean, Tensor Scale) OfStandardized(Tensor activity, Tensor mean, Tensor scale) =>
        OfRows(activity, Enumerable.Range(0, (int)activity.shape[0]).Select(i => (long)i).ToArray(), x => (x - mean) / scale);

    /// <summary>Consecutive row ranges [Start, End) of at most <see cref="ChunkRows"/> covering <paramref name="rows"/> rows.</summary>
    public static IEnumerable<(int Start, int End)> Chunks(int rows)
    {
        for (var start = 0; start < rows; start += ChunkRows) yield return (start, Math.Min(rows, start + ChunkRows));
    }
}
