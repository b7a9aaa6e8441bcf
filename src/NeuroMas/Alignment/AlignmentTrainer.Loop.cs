using System.Diagnostics;
using NeuroMas.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

public sealed partial class AlignmentTrainer
{
    /// <summary>
    /// Trains the maps with Adam on the summed behavioural loss of the trained directions, validating every
    /// <see cref="AlignmentOptions.ValidateEvery"/> steps and stopping early; keeps the best maps, then
    /// scores every direction on the test pairs.
    /// </summary>
    public AlignmentResult Train(IProgress<AlignmentProgress>? progress = null, CancellationToken cancel = default, ICheckpointStore? checkpoint = null)
    {
        var clock = Stopwatch.StartNew();
        var (forward, backward, optimizerClock, validation) = (new Stopwatch(), new Stopwatch(), new Stopwatch(), new Stopwatch());
        var trained = TrainedDirections.ToList();
        foreach (var (s, t) in trained) { Data(s, t, 0); Data(s, t, 1); }
        using var optimizer = optim.Adam(Maps.SelectMany(m => m.parameters()), _options.LearningRate);
        var (step, history) = EarlyStopping.Train(Maps, optimizer, StoppingRule.Of(_options), random => TrainStep(optimizer, random, forward, backward, optimizerClock),
            () => Validate(trained), progress, cancel, checkpoint, validation);
        var evaluation = Stopwatch.StartNew();
        var scores = Evaluate();
        evaluation.Stop();
        var profile = new PhaseProfile(_data_clock.Elapsed.TotalSeconds, forward.Elapsed.TotalSeconds, backward.Elapsed.TotalSeconds,
            optimizerClock.Elapsed.TotalSeconds, validation.Elapsed.TotalSeconds, evaluation.Elapsed.TotalSeconds);
        return new AlignmentResult(_options, _systems.Select(s => s.Name).ToList(), SubspaceSize, scores, history, step,
            clock.Elapsed.TotalSeconds, Maps.Sum(m => m.ParameterCount), profile);
    }

    /// <summary>
    /// One optimiser step on a fresh batch of every trained direction; returns the mean loss. The clocks,
    /// when given, accumulate time spent in the forward pass, the backward pass and the optimiser.
    /// </summary>
    public double TrainStep(optim.Optimizer optimizer, Random random, Stopwatch? forward = null, Stopwatch? backward = null, Stopwatch? step = null) =>
        EarlyStopping.Step(optimizer, () => BatchLoss(random), forward, backward, step);

    /// <summary>Mean loss over the trained directions of one batch each, drawn with <paramref name="random"/>.</summary>
    private Tensor BatchLoss(Random random)
    {
        var trained = TrainedDirections.ToList();
        Tensor? total = null;
        foreach (var group in trained.GroupBy(d => d.Target))
        {
            var batch = group.Select(d =>
            {
                var data = Data(d.Source, d.Target, 0);
                return (d.Source, data, Enumerable.Range(0, _options.BatchSize).Select(_ => (long)random.Next(data.Count)).ToArray());
            }).ToList();
            var loss = GroupLoss(group.Key, batch);
            total = total is null ? loss : total + loss;
        }
        return total! / trained.Count;
    }

    /// <summary>Teacher-forced validation loss and the lowest IIA over trained directions.</summary>
    private (double Loss, double Iia) Validate(IReadOnlyList<(int Source, int Target)> trained)
    {
        var (loss, worst) = (0.0, 1.0);
        foreach (var (s, t) in trained)
        {
            var data = Data(s, t, 1);
            var (sum, accuracy) = BehaviourObjective.Validate(_systems[t].Network, data, rows => IntervenedRows(s, t, data, rows));
            loss += sum / Math.Max(1, accuracy.Tokens);
            worst = Math.Min(worst, accuracy.Trial);
        }
        return (loss / trained.Count, worst);
    }

    /// <summary>
    /// Free-running IIA and token accuracy of every direction on its test pairs, with the intervention and
    /// without it (the no-intervention control: the target left alone, scored against the counterfactual).
    /// </summary>
    public IReadOnlyList<DirectionScore> Evaluate()
    {
        var scores = new List<DirectionScore>();
        foreach (var (s, t) in AllDirections)
        {
            var data = Data(s, t, 2);
            foreach (var intervene in new[] { true, false })
            {
                var accuracy = BehaviourObjective.Score(_systems[t].Network, data, rows => intervene ? IntervenedRows(s, t, data, rows) : null);
                scores.Add(new DirectionScore(s, t, _systems[s].Name, _systems[t].Name, _method.Trains(s, t, Count),
                    intervene ? "intervention" : "no_intervention", accuracy.Trial, accuracy.Token, accuracy.Trials));
            }
        }
        return scores;
    }
}
