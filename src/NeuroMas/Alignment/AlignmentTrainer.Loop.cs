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
    public AlignmentResult Train(IProgress<AlignmentProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var (forward, backward, optimizerClock, validation) = (new Stopwatch(), new Stopwatch(), new Stopwatch(), new Stopwatch());
        var trained = TrainedDirections.ToList();
        foreach (var (s, t) in trained) { Data(s, t, 0); Data(s, t, 1); }
        var parameters = Maps.SelectMany(m => m.parameters()).ToList();
        using var optimizer = optim.Adam(parameters, _options.LearningRate);
        var random = new Random(_options.Seed);
        var history = new List<AlignmentProgress>();
        Dictionary<string, Tensor>[]? best = null;
        var (bestLoss, stale, step, lastLoss) = (double.MaxValue, 0, 0, double.NaN);
        try
        {
            while (step < _options.MaxSteps && !cancel.IsCancellationRequested && parameters.Count > 0)
            {
                lastLoss = TrainStep(optimizer, random, forward, backward, optimizerClock);
                step++;
                if (step % _options.ValidateEvery != 0 && step != _options.MaxSteps) continue;
                validation.Start();
                var (validationLoss, validationIia) = Validate(trained);
                validation.Stop();
                var point = new AlignmentProgress(step, _options.MaxSteps, lastLoss, validationLoss, validationIia, clock.Elapsed.TotalSeconds);
                history.Add(point);
                progress?.Report(point);
                if (validationLoss < bestLoss)
                {
                    (bestLoss, stale) = (validationLoss, 0);
                    DisposeAll(best);
                    best = Maps.Select(m => m.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone())).ToArray();
                }
                else stale++;
                if (stale >= _options.Patience || validationIia >= _options.TargetIia) break;
            }
            if (best is not null)
                for (var i = 0; i < Maps.Count; i++) Maps[i].load_state_dict(best[i]);
        }
        finally
        {
            DisposeAll(best);
        }
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
    public double TrainStep(optim.Optimizer optimizer, Random random, Stopwatch? forward = null, Stopwatch? backward = null, Stopwatch? step = null)
    {
        using var scope = NewDisposeScope();
        var trained = TrainedDirections.ToList();
        forward?.Start();
        optimizer.zero_grad();
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
        var mean = total! / trained.Count;
        forward?.Stop();
        backward?.Start();
        mean.backward();
        backward?.Stop();
        step?.Start();
        optimizer.step();
        step?.Stop();
        return mean.item<float>();
    }

    /// <summary>Teacher-forced validation loss and the lowest IIA over trained directions.</summary>
    private (double Loss, double Iia) Validate(IReadOnlyList<(int Source, int Target)> trained)
    {
        using var noGrad = no_grad();
        var (loss, worst) = (0.0, 1.0);
        foreach (var (s, t) in trained)
        {
            var data = Data(s, t, 1);
            var accuracy = default(Accuracy);
            var sum = 0.0;
            foreach (var rows in Chunks(data.Count, 500))
            {
                using var scope = NewDisposeScope();
                var logits = Logits(s, t, data, rows, intervene: true);
                sum += nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), data.LossTargets.index_select(0, rows).reshape(-1),
                    ignore_index: Tasks.Vocabulary.Pad, reduction: nn.Reduction.Sum).item<float>();
                accuracy += Accuracy.Score(logits.argmax(-1), data.Targets.index_select(0, rows), data.Mask.index_select(0, rows));
            }
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
        using var noGrad = no_grad();
        var scores = new List<DirectionScore>();
        foreach (var (s, t) in AllDirections)
        {
            var data = Data(s, t, 2);
            foreach (var intervene in new[] { true, false })
            {
                var accuracy = default(Accuracy);
                foreach (var rows in Chunks(data.Count, 500))
                {
                    using var scope = NewDisposeScope();
                    var targetStates = data.TargetStates.index_select(0, rows);
                    var state = intervene ? Intervene(s, t, data.SourceStates.index_select(0, rows), targetStates) : targetStates;
                    var predicted = _systems[t].Network.FreeRun(data.Tokens.index_select(0, rows), data.Positions.index_select(0, rows),
                        state, ScoredTokens(data, rows), data.Steps);
                    accuracy += Accuracy.Score(predicted, data.Targets.index_select(0, rows), data.Mask.index_select(0, rows));
                }
                scores.Add(new DirectionScore(s, t, _systems[s].Name, _systems[t].Name, _method.Trains(s, t, Count),
                    intervene ? "intervention" : "no_intervention", accuracy.Trial, accuracy.Token, accuracy.Trials));
            }
        }
        return scores;
    }

    /// <summary>The task mask laid over the full counterfactual sequences <c>[rows, time]</c>.</summary>
    private static Tensor ScoredTokens(DirectionData data, Tensor rows)
    {
        using var scope = NewDisposeScope();
        var tokens = data.Tokens.index_select(0, rows);
        var time = tokens.shape[1];
        var positions = data.Positions.index_select(0, rows);
        var index = (positions.unsqueeze(1) + arange(1, data.Steps + 1, dtype: int64)).clamp_max(time - 1);
        var scored = zeros(tokens.shape, dtype: @bool).scatter(1, index, data.Mask.index_select(0, rows));
        return scored.MoveToOuterDisposeScope();
    }

    private static IEnumerable<Tensor> Chunks(int count, int size)
    {
        for (var start = 0; start < count; start += size)
            yield return arange(start, Math.Min(count, start + size), dtype: int64);
    }

    private static void DisposeAll(Dictionary<string, Tensor>[]? states)
    {
        if (states is null) return;
        foreach (var t in states.SelectMany(s => s.Values)) t.Dispose();
    }
}
