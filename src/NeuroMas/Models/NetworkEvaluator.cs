using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>Evaluates a task network on natural sequences, free-running after the trigger.</summary>
public static class NetworkEvaluator
{
    /// <summary>
    /// Runs every sequence from <c>B</c>, feeding the environment's tokens and, where the task mask is
    /// set, the network's own argmax; scores the masked tokens.
    /// </summary>
    public static Accuracy Evaluate(TaskNetwork network, IReadOnlyList<TaskSequence> sequences, int batchSize = 500)
    {
        var total = default(Accuracy);
        using var noGrad = no_grad();
        for (var start = 0; start < sequences.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var chunk = sequences.Skip(start).Take(batchSize).ToList();
            using var batch = SequenceBatch.From(chunk);
            var time = (int)batch.Tokens.shape[1];
            var positions = zeros(chunk.Count, dtype: int64);
            var predicted = network.FreeRun(batch.Tokens, positions, null, batch.Scored, time - 1);
            total += Accuracy.Score(predicted, batch.Tokens[.., 1..], batch.Scored[.., 1..]);
        }
        return total;
    }

    /// <summary>Teacher-forced next-token accuracy on scored tokens (faster, for training curves).</summary>
    public static Accuracy EvaluateTeacherForced(TaskNetwork network, SequenceBatch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var predicted = network.call(batch.Tokens[.., ..^1]).argmax(-1);
        return Accuracy.Score(predicted, batch.Tokens[.., 1..], batch.Scored[.., 1..]);
    }
}
