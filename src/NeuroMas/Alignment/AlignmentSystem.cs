using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>A frozen, runnable system taking part in an alignment: a name and its task network.</summary>
public sealed record AlignmentSystem(string Name, TaskNetwork Network)
{
    public int Width => Network.StateWidth;

    /// <summary>
    /// Hook-site states after the given positions of the given sequences: <c>[n, d]</c>, computed
    /// without gradients in chunks (the network is frozen, so these depend only on the data).
    /// </summary>
    public Tensor StatesAt(IReadOnlyList<TaskSequence> sequences, IReadOnlyList<int> positions, int length, int chunk = 1000)
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
            var states = Network.HookStates(batch.Tokens[.., ..time]);
            parts.Add(states.gather(1, at.view(-1, 1, 1).expand(-1, 1, Width)).squeeze(1).MoveToOuterDisposeScope());
        }
        using var sorted = cat(parts, 0);
        foreach (var p in parts) p.Dispose();
        var inverse = new long[order.Length];
        for (var i = 0; i < order.Length; i++) inverse[order[i]] = i;
        using var index = tensor(inverse);
        return sorted.index_select(0, index);
    }

    /// <summary>Hook-site states at every real (non-padding) position of fresh natural sequences: <c>[n, d]</c>.</summary>
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

    /// <summary>Per-unit mean and standard deviation of the system's states over natural sequences (for z-scoring).</summary>
    public (Tensor Mean, Tensor Scale) UnitStatistics(ITask task, int sequences, int seed)
    {
        using var states = NaturalStates(task, sequences, seed);
        return (states.mean([0]), states.std(0, unbiased: false));
    }
}
