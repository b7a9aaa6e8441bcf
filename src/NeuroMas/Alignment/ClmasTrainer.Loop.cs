using System.Diagnostics;
using NeuroMas.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

public sealed partial class ClmasTrainer
{
    /// <summary>Trains both maps with early stopping on the validation loss, keeps the best, and evaluates.</summary>
    public ClmasResult Train(IProgress<AlignmentProgress>? progress = null, CancellationToken cancel = default, ICheckpointStore? checkpoint = null)
    {
        var clock = Stopwatch.StartNew();
        var (forward, backward, stepClock, validation) = (new Stopwatch(), new Stopwatch(), new Stopwatch(), new Stopwatch());
        var train = Data(0);
        Data(1);
        var training = _options.Training;
        using var optimizer = optim.Adam(Maps.SelectMany(m => m.parameters()), training.LearningRate);
        var (step, history) = EarlyStopping.Train(Maps, optimizer, StoppingRule.Of(training),
            random => EarlyStopping.Step(optimizer, () => Loss(train, random), forward, backward, stepClock), Validate, progress, cancel, checkpoint, validation);
        var evaluation = Stopwatch.StartNew();
        var (scores, fits) = Evaluate();
        evaluation.Stop();
        var profile = new PhaseProfile(_dataClock.Elapsed.TotalSeconds, forward.Elapsed.TotalSeconds, backward.Elapsed.TotalSeconds,
            stepClock.Elapsed.TotalSeconds, validation.Elapsed.TotalSeconds, evaluation.Elapsed.TotalSeconds);
        return new ClmasResult(_options, SubspaceSize, scores, fits, Data(2).Matches, history, step, clock.Elapsed.TotalSeconds,
            Maps.Sum(m => m.ParameterCount), profile);
    }

    /// <summary>Validation loss (as trained) and the lower teacher-forced IIA of B→A and A→A.</summary>
    private (double Loss, double Iia) Validate()
    {
        using var noGrad = no_grad();
        var data = Data(1);
        var (baSum, ba) = BehaviourObjective.Validate(_network.Network, data.BA, rows => Intervene(1, 0, data.BA.SourceStates.index_select(0, rows), data.BA.TargetStates.index_select(0, rows)));
        var (aaSum, aa) = BehaviourObjective.Validate(_network.Network, data.AA, rows => Intervene(0, 0, data.AA.SourceStates.index_select(0, rows), data.AA.TargetStates.index_select(0, rows)));
        var loss = (baSum / Math.Max(1, ba.Tokens) + aaSum / Math.Max(1, aa.Tokens)) / 2;
        if (_options.ClWeight > 0)
        {
            using var scope = NewDisposeScope();
            loss += _options.ClWeight * ClLoss(data, Rows(data.AB.Count), Rows(data.BB.Count)).item<float>();
        }
        return (loss, Math.Min(ba.Trial, aa.Trial));
    }

    private static long[] Rows(int count) => Enumerable.Range(0, count).Select(i => (long)i).ToArray();

    /// <summary>
    /// Held-out scores: free-running IIA of B→A and A→A (and their no-intervention controls), the CL fit of
    /// A→B and B→B (cosine, MSE), and, with a ground truth, the true IIA of A→B and B→B.
    /// </summary>
    public (IReadOnlyList<DirectionScore> Scores, IReadOnlyList<ClFit> Fits) Evaluate()
    {
        using var noGrad = no_grad();
        var data = Data(2);
        var (a, b) = (_network.Name, _recording.Name);
        var scores = new List<DirectionScore>();
        void Add(int s, int t, string source, string target, string condition, Accuracy accuracy) =>
            scores.Add(new DirectionScore(s, t, source, target, !condition.StartsWith("ground_truth", StringComparison.Ordinal), condition, accuracy.Trial, accuracy.Token, accuracy.Trials));
        foreach (var (source, d) in new[] { (1, data.BA), (0, data.AA) })
        {
            Add(source, 0, source == 1 ? b : a, a, "intervention",
                BehaviourObjective.Score(_network.Network, d, rows => Intervene(source, 0, d.SourceStates.index_select(0, rows), d.TargetStates.index_select(0, rows))));
            Add(source, 0, source == 1 ? b : a, a, "no_intervention", BehaviourObjective.Score(_network.Network, d, _ => null));
            Add(source, 0, source == 1 ? b : a, a, "intervention_changed",
                BehaviourObjective.ScoreChanged(_network.Network, d, rows => Intervene(source, 0, d.SourceStates.index_select(0, rows), d.TargetStates.index_select(0, rows))));
        }
        if (_truth is not null)
        {
            // Into the recording, then back to the network it was recorded from, which then runs on.
            foreach (var (source, d) in new[] { (0, data.TrueAB!), (1, data.TrueBB!) })
                Add(source, 1, source == 0 ? a : b, b, "ground_truth", BehaviourObjective.Score(_truth.System.Network, d, rows =>
                {
                    var target = d.TargetStates.index_select(0, rows);
                    var recorded = _truth.Record(target);
                    var sourceStates = d.SourceStates.index_select(0, rows);
                    var intervened = Intervene(source, 1, source == 0 ? sourceStates : _truth.Record(sourceStates), recorded);
                    return _truth.Back(target, recorded, intervened);
                }));
            // The ceiling: the true IIA if the intervened recording state were exactly its counterfactual latent.
            // Below it, a better CL fit can still help; at it, only a fuller recording can.
            var ab = data.TrueAB!;
            Add(0, 1, a, b, "ground_truth_ceiling", BehaviourObjective.Score(_truth.System.Network, ab, rows =>
            {
                var target = ab.TargetStates.index_select(0, rows);
                return _truth.Back(target, _truth.Record(target), data.AB.Latents.index_select(0, rows));
            }));
        }
        var fits = new List<ClFit>();
        foreach (var (source, d) in new[] { (0, data.AB), (1, data.BB) })
            foreach (var intervene in new[] { true, false })
            {
                // Left alone, the target's fit to the latent is the baseline the intervention has to improve on.
                using var scope = NewDisposeScope();
                var state = intervene ? Intervene(source, 1, d.Sources, d.Targets) : d.Targets;
                var cosine = nn.functional.cosine_similarity(state, d.Latents, 1).mean().item<float>();
                var mse = (state - d.Latents).pow(2).mean().item<float>();
                fits.Add(new ClFit(source == 0 ? a : b, b, cosine, mse, d.Count, intervene ? "intervention" : "no_intervention"));
            }
        return (scores, fits);
    }
}
