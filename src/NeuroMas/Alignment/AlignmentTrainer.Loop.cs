using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

public sealed partial class AlignmentTrainer
{
    /// <summary>
    /// Trains the maps with Adam on the loss of the trained directions, validating every
    /// <see cref="AlignmentOptions.ValidateEvery"/> steps and stopping early; keeps the best maps, then scores every
    /// direction on the test pairs.
    /// </summary>
    public AlignmentResult Train(IProgress<AlignmentProgress>? progress = null, CancellationToken cancel = default, ICheckpointStore? checkpoint = null)
    {
        var clock = Stopwatch.StartNew();
        var (forward, backward, optimizerClock, validation) = (new Stopwatch(), new Stopwatch(), new Stopwatch(), new Stopwatch());
        foreach (var d in TrainedDirections) { Build(d.Source, d.Target, 0); Build(d.Source, d.Target, 1); }
        using var optimizer = optim.Adam(Maps.SelectMany(m => m.parameters()), _options.LearningRate);
        var (step, history) = EarlyStopping.Train(Maps, optimizer, StoppingRule.Of(_options), random => TrainStep(optimizer, random, forward, backward, optimizerClock),
            Validate, progress, cancel, checkpoint, validation);
        var evaluation = Stopwatch.StartNew();
        var (scores, fits) = Evaluate();
        var matches = Matches();
        evaluation.Stop();
        var profile = new PhaseProfile(_dataClock.Elapsed.TotalSeconds, forward.Elapsed.TotalSeconds, backward.Elapsed.TotalSeconds,
            optimizerClock.Elapsed.TotalSeconds, validation.Elapsed.TotalSeconds, evaluation.Elapsed.TotalSeconds);
        return new AlignmentResult(_options, _systems.Select(s => s.Name).ToList(), SubspaceSize, scores, history, step,
            clock.Elapsed.TotalSeconds, Maps.Sum(m => m.ParameterCount), profile)
        { ClFits = fits, Matches = matches };
    }

    /// <summary>
    /// One optimiser step on a fresh batch of every trained direction; returns the loss. The clocks, when given,
    /// accumulate time spent in the forward pass, the backward pass and the optimiser.
    /// </summary>
    public double TrainStep(optim.Optimizer optimizer, Random random, Stopwatch? forward = null, Stopwatch? backward = null, Stopwatch? step = null) =>
        EarlyStopping.Step(optimizer, () => BatchLoss(random), forward, backward, step);
}
