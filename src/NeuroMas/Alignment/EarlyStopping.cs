using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>When an alignment trainer validates and stops.</summary>
public sealed record StoppingRule(int MaxSteps, int ValidateEvery, int Patience, double TargetIia, int Seed, int IiaPatience = 0)
{
    /// <summary>How much the validation IIA must rise above its best to count as still improving (<see cref="IiaPatience"/>).</summary>
    public const double IiaMinRise = 0.005;

    /// <summary>The rule an alignment's options set.</summary>
    public static StoppingRule Of(AlignmentOptions o) => new(o.MaxSteps, o.ValidateEvery, o.Patience, o.TargetIia, o.Seed, o.IiaPatience);

    /// <summary>
    /// Whether the validation IIA has plateaued: none of the last <paramref name="patience"/> validations rose
    /// <see cref="IiaMinRise"/> above the best before them. Computed from the history alone, so a resumed run decides as
    /// an uninterrupted one would. False while there are no more than <paramref name="patience"/> points, or when off (0).
    /// </summary>
    public static bool IiaPlateaued(IReadOnlyList<AlignmentProgress> history, int patience)
    {
        if (patience <= 0 || history.Count <= patience) return false;
        var before = history.Take(history.Count - patience).Max(h => h.ValidationIia);
        return history.Skip(history.Count - patience).All(h => h.ValidationIia < before + IiaMinRise);
    }
}

/// <summary>
/// The training loop every alignment trainer shares: a step on a batch drawn from a generator seeded by
/// (seed, step), validation every <see cref="StoppingRule.ValidateEvery"/> steps, early stopping on the
/// validation loss (patience) or on reaching the target IIA, the best maps restored at the end, and the whole
/// state saved to <see cref="ICheckpointStore"/> after each validation so a killed run resumes where it stopped
/// and draws exactly the batches an uninterrupted run would.
/// </summary>
public static class EarlyStopping
{
    /// <summary>
    /// One optimiser step: zero the gradients, compute <paramref name="loss"/>, back-propagate, step. Each phase runs on
    /// its clock when one is given. Returns the loss.
    /// </summary>
    public static double Step(optim.Optimizer optimizer, Func<Tensor> loss, Stopwatch? forward = null, Stopwatch? backward = null, Stopwatch? step = null)
    {
        using var scope = NewDisposeScope();
        forward?.Start();
        optimizer.zero_grad();
        var value = loss();
        forward?.Stop();
        backward?.Start();
        value.backward();
        backward?.Stop();
        step?.Start();
        optimizer.step();
        step?.Stop();
        return value.item<float>();
    }

    /// <param name="step">One optimiser step on a batch drawn from the generator; returns the training loss.</param>
    /// <param name="validate">Validation loss and the IIA that <see cref="StoppingRule.TargetIia"/> is compared with.</param>
    /// <param name="validation">Accumulates the time spent validating.</param>
    /// <returns>Steps taken and the validation history.</returns>
    public static (int Steps, List<AlignmentProgress> History) Train(
        IReadOnlyList<AlignmentMap> maps, TorchSharp.Modules.OptimizerHelper optimizer, StoppingRule rule, Func<Random, double> step,
        Func<(double Loss, double Iia)> validate, IProgress<AlignmentProgress>? progress, CancellationToken cancel,
        ICheckpointStore? checkpoint, Stopwatch validation)
    {
        var clock = Stopwatch.StartNew();
        var history = new List<AlignmentProgress>();
        Dictionary<string, Tensor>[]? best = null;
        var (bestLoss, stale, steps, lastLoss) = (double.MaxValue, 0, 0, double.NaN);
        if (checkpoint?.OpenRead() is { } saved)
            using (saved)
                (steps, stale, bestLoss, history, best) = TrainingState.Load(saved, maps, optimizer);
        var trainable = maps.Any(m => m.parameters().Any());
        try
        {
            while (steps < rule.MaxSteps && !cancel.IsCancellationRequested && trainable)
            {
                lastLoss = step(new Random(unchecked(rule.Seed * 1_000_003 + steps * 7_919)));
                steps++;
                if (steps % rule.ValidateEvery != 0 && steps != rule.MaxSteps) continue;
                validation.Start();
                var (validationLoss, validationIia) = validate();
                validation.Stop();
                var point = new AlignmentProgress(steps, rule.MaxSteps, lastLoss, validationLoss, validationIia, clock.Elapsed.TotalSeconds);
                history.Add(point);
                progress?.Report(point);
                if (validationLoss < bestLoss)
                {
                    (bestLoss, stale) = (validationLoss, 0);
                    MapSnapshots.Dispose(best);
                    best = MapSnapshots.Take(maps);
                }
                else stale++;
                if (stale >= rule.Patience || validationIia >= rule.TargetIia || StoppingRule.IiaPlateaued(history, rule.IiaPatience)) break;
                checkpoint?.Write(stream => TrainingState.Save(stream, steps, stale, bestLoss, history, maps, optimizer, best));
            }
            MapSnapshots.Restore(maps, best);
        }
        finally
        {
            MapSnapshots.Dispose(best);
        }
        return (steps, history);
    }
}
