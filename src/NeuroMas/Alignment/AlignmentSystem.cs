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
        var parts = new List<Tensor>();
        for (var start = 0; start < sequences.Count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(chunk, sequences.Count - start);
            using var batch = SequenceBatch.From(sequences.Skip(start).Take(count).ToList(), length);
            var at = tensor(positions.Skip(start).Take(count).Select(p => (long)p).ToArray());
            var states = Network.HookStates(batch.Tokens);
            parts.Add(states.gather(1, at.view(-1, 1, 1).expand(-1, 1, Width)).squeeze(1).MoveToOuterDisposeScope());
        }
        var all = cat(parts, 0);
        foreach (var p in parts) p.Dispose();
        return all;
    }

    /// <summary>Per-unit mean and standard deviation of the system's states over natural sequences (for z-scoring).</summary>
    public (Tensor Mean, Tensor Scale) UnitStatistics(ITask task, int sequences, int seed)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var random = new Random(seed);
        var natural = Enumerable.Range(0, sequences).Select(_ => task.Sample(random)).ToList();
        using var batch = SequenceBatch.From(natural, task.MaxLength);
        var states = Network.HookStates(batch.Tokens);
        var valid = batch.Tokens.ne(Vocabulary.Pad).unsqueeze(-1).to(states.dtype);
        var count = valid.sum([0, 1]);
        var mean = (states * valid).sum([0, 1]) / count;
        var variance = ((states - mean).pow(2) * valid).sum([0, 1]) / count;
        return (mean.MoveToOuterDisposeScope(), variance.sqrt().MoveToOuterDisposeScope());
    }
}
