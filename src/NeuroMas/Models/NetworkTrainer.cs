using System.Diagnostics;
using NeuroMas.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>One validation point of a training run.</summary>
public sealed record TrainingProgress(int Step, int MaxSteps, double Loss, double ValidationLoss, double ValidationTrialAccuracy, double Seconds);

/// <summary>How a training run ended.</summary>
public sealed record TrainingResult(int Steps, double Seconds, double ValidationTrialAccuracy, bool ReachedTarget, IReadOnlyList<TrainingProgress> History);

/// <summary>
/// Trains a task network with next-token cross-entropy on freshly drawn sequences (Adam), validates
/// free-running on held-out sequences and stops early at the target accuracy or when validation loss
/// stops improving, keeping the best weights.
/// </summary>
public static class NetworkTrainer
{
    public static (TaskNetwork Network, TrainingResult Result) Train(
        TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new InputException(string.Join("; ", problems));
        var task = TaskCatalog.Get(options.Task, options.MaxCount);
        if (options.Threads > 0) set_num_threads(options.Threads);
        manual_seed(options.Seed);
        var network = Initial(options, task);
        var data = new Random(options.Seed);
        var validationRandom = new Random(unchecked(options.Seed * 7919 + 104729));
        var validation = Enumerable.Range(0, options.ValidationSize).Select(_ => task.Sample(validationRandom)).ToList();
        using var validationBatch = SequenceBatch.From(validation, task.MaxLength);
        using var optimizer = optim.Adam(network.parameters(), options.LearningRate);
        var decay = options.LearningRateHalfLife > 0
            ? optim.lr_scheduler.ExponentialLR(optimizer, Math.Pow(0.5, 1.0 / options.LearningRateHalfLife))
            : null;
        var history = new List<TrainingProgress>();
        var clock = Stopwatch.StartNew();
        Dictionary<string, Tensor>? best = null;
        var (bestAccuracy, bestLoss, stale, atTarget, step) = (-1.0, double.MaxValue, 0, 0, 0);
        var lastLoss = double.NaN;
        try
        {
            while (step < options.MaxSteps && !cancel.IsCancellationRequested)
            {
                network.train();
                using (var scope = NewDisposeScope())
                {
                    // A fixed padded length keeps one tensor shape, so oneDNN reuses its compiled RNN kernels.
                    using var batch = SequenceBatch.From(Enumerable.Range(0, options.BatchSize).Select(_ => task.Sample(data)).ToList(), task.MaxLength);
                    optimizer.zero_grad();
                    var loss = Loss(network, batch.Tokens);
                    loss.backward();
                    nn.utils.clip_grad_norm_(network.parameters(), options.ClipNorm);
                    optimizer.step();
                    decay?.step();
                    lastLoss = loss.item<float>();
                }
                step++;
                if (step % options.ValidateEvery != 0 && step != options.MaxSteps) continue;

                network.eval();
                double validationLoss;
                using (var scope = NewDisposeScope())
                using (no_grad())
                    validationLoss = Loss(network, validationBatch.Tokens).item<float>();
                // Teacher-forced argmax gives the same trial accuracy as free-running: a trial whose
                // scored tokens are all right was fed exactly the tokens teacher forcing feeds.
                var accuracy = NetworkEvaluator.EvaluateTeacherForced(network, validationBatch).Trial;
                var point = new TrainingProgress(step, options.MaxSteps, lastLoss, validationLoss, accuracy, clock.Elapsed.TotalSeconds);
                history.Add(point);
                progress?.Report(point);
                if (accuracy > bestAccuracy || (accuracy == bestAccuracy && validationLoss < bestLoss))
                {
                    DisposeAll(best);
                    best = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
                    bestAccuracy = accuracy;
                }
                if (validationLoss < bestLoss) (bestLoss, stale) = (validationLoss, 0);
                else stale++;
                atTarget = accuracy >= options.TargetAccuracy ? atTarget + 1 : 0;
                if (step >= options.MinSteps && (atTarget >= options.TargetChecks || stale >= options.Patience)) break;
            }
            if (best is not null) network.load_state_dict(best);
        }
        finally
        {
            DisposeAll(best);
        }
        network.Freeze();
        return (network, new TrainingResult(step, clock.Elapsed.TotalSeconds, bestAccuracy, bestAccuracy >= options.TargetAccuracy, history));
    }

    /// <summary>A fresh network for the task (its vocabulary and length), or the weights of <see cref="TrainingOptions.InitFrom"/> made trainable.</summary>
    private static TaskNetwork Initial(TrainingOptions options, ITask task)
    {
        if (options.InitFrom is null)
            return NetworkFactory.Create(options.Network with
            {
                MaxLength = Math.Max(options.Network.MaxLength, task.MaxLength + 1),
                VocabularySize = Math.Max(options.Network.VocabularySize, task.VocabularySize),
            });
        var (network, info) = Checkpoint.Load(options.InitFrom);
        if (info.Network.VocabularySize < task.VocabularySize || info.Network.MaxLength < task.MaxLength + 1)
        {
            network.Dispose();
            throw new InputException($"{options.InitFrom}: network: expected a vocabulary of >= {task.VocabularySize} tokens and length >= {task.MaxLength + 1} for task {task.Name}, found {info.Network.VocabularySize} and {info.Network.MaxLength}");
        }
        foreach (var p in network.parameters()) p.requires_grad = true;
        return network;
    }

    /// <summary>Mean next-token cross-entropy over non-padding targets.</summary>
    /// <param name="tokens">Token ids <c>[batch, time]</c>.</param>
    public static Tensor Loss(TaskNetwork network, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var logits = network.call(tokens[.., ..^1]);
        var targets = tokens[.., 1..];
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), ignore_index: Vocabulary.Pad);
        return loss.MoveToOuterDisposeScope();
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (var t in tensors.Values) t.Dispose();
    }
}
