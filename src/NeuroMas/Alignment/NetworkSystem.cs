using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>A frozen, runnable task network taking part in an alignment (an accessible system).</summary>
public sealed record NetworkSystem(string Name, TaskNetwork Network) : IAccessibleSystem
{
    /// <summary>Natural sequences whose states give the unit statistics.</summary>
    public const int StatisticsSequences = 500;

    public int Width => Network.StateWidth;

    /// <summary>
    /// Hook-site states after the given positions of the given sequences: <c>[n, d]</c>, computed
    /// without gradients in chunks (the network is frozen, so these depend only on the data).
    /// </summary>
    public Tensor StatesAt(IReadOnlyList<TaskSequence> sequences, IReadOnlyList<int> positions, int length) => StatesAt(sequences, positions, length, 1000);

    /// <inheritdoc cref="StatesAt(IReadOnlyList{TaskSequence}, IReadOnlyList{int}, int)"/>
    public Tensor StatesAt(IReadOnlyList<TaskSequence> sequences, IReadOnlyList<int> positions, int length, int chunk)
    {
        using var noGrad = no_grad();
        // Sorted by position, each chunk only runs as far as its furthest position needs.
        var order = Enumerable.Range(0, sequences.Count).OrderBy(i => positions[i]).ToArray();
        var parts = new List<Tensor>();
        for (var start = 0; start < order.Length; start += chunk)
        {
            using var scope = NewDisposeScope();
            var rows = order.Skip(start).Take(chunk).ToArray();
            var time = Math.Min(length, positions[rows[^1]] + 1);
            using var batch = SequenceBatch.From(rows.Select(i => sequences[i]).ToList(), length);
            var at = tensor(rows.Select(i => (long)positions[i]).ToArray());
            parts.Add(Network.StatesAt(batch.Tokens[.., ..time], at).MoveToOuterDisposeScope());
        }
        using var sorted = cat(parts, 0);
        foreach (var p in parts) p.Dispose();
        var inverse = new long[order.Length];
        for (var i = 0; i < order.Length; i++) inverse[order[i]] = i;
        using var index = tensor(inverse);
        return sorted.index_select(0, index);
    }

    public Tensor NaturalStates(ITask task, int sequences, int seed)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var random = new Random(seed);
        var natural = Enumerable.Range(0, sequences).Select(_ => task.Sample(random)).ToList();
        using var batch = SequenceBatch.From(natural, task.MaxLength);
        var states = Network.HookStates(batch.Tokens);
        var valid = batch.Tokens.ne(Vocabulary.Pad).reshape(-1).nonzero().squeeze(1);
        return states.reshape(-1, Width).index_select(0, valid).MoveToOuterDisposeScope();
    }

    /// <summary>Over the states of <see cref="StatisticsSequences"/> natural sequences.</summary>
    public (Tensor Mean, Tensor Scale) UnitStatistics(ITask task, int seed)
    {
        using var states = NaturalStates(task, StatisticsSequences, seed);
        return Alignment.UnitStatistics.Of(states);
    }
}
