using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// The pairs of one direction (source → target) as tensors, with everything that does not depend on
/// the maps computed once: the source's and the target's hook-site states at the intervention
/// positions, and the counterfactual continuation the target must produce.
/// </summary>
public sealed class DirectionData : IDisposable
{
    private DirectionData(Tensor sourceStates, Tensor targetStates, Tensor tokens, Tensor positions, Tensor targets, Tensor mask, int steps, int[] lengths)
    {
        Lengths = lengths;
        SourceStates = sourceStates;
        TargetStates = targetStates;
        Tokens = tokens;
        Positions = positions;
        Targets = targets;
        Mask = mask;
        Steps = steps;
        LossTargets = where(mask, targets, tensor((long)Vocabulary.Pad));
    }

    /// <summary>Source hook-site states <c>[n, d_s]</c>.</summary>
    public Tensor SourceStates { get; }

    /// <summary>Target hook-site states before the intervention <c>[n, d_t]</c>.</summary>
    public Tensor TargetStates { get; }

    /// <summary>Counterfactual target token sequences, padded <c>[n, time]</c>.</summary>
    public Tensor Tokens { get; }

    /// <summary>Target intervention positions <c>[n]</c>.</summary>
    public Tensor Positions { get; }

    /// <summary>The tokens that must follow the intervention <c>[n, steps]</c>.</summary>
    public Tensor Targets { get; }

    /// <summary>Task mask over <see cref="Targets"/> <c>[n, steps]</c> bool.</summary>
    public Tensor Mask { get; }

    /// <summary><see cref="Targets"/> with unscored positions set to the ignored padding id.</summary>
    public Tensor LossTargets { get; }

    /// <summary>Longest continuation in the set: the number of predictions per pair.</summary>
    public int Steps { get; }

    /// <summary>Per pair, the steps up to and including its last scored token (the rest need not be run).</summary>
    public int[] Lengths { get; }

    public int Count => (int)Positions.shape[0];

    /// <summary>Which pair and which recorded trials each row came from (set by the trainer; null for data built elsewhere).</summary>
    public PairTrials? Trials { get; private set; }

    /// <summary>Records where the rows came from (<see cref="Trials"/>).</summary>
    public DirectionData From(PairTrials trials)
    {
        if (trials.Count != Count) throw new ArgumentException($"{trials.Count} pair origins for {Count} rows", nameof(trials));
        Trials = trials;
        return this;
    }

    /// <summary>Builds the tensors; <paramref name="sourceStates"/> gives the source state for every pair.</summary>
    public static DirectionData Build(IReadOnlyList<CounterfactualPair> pairs, int length, Tensor sourceStates, Tensor targetStates)
    {
        var n = pairs.Count;
        var steps = pairs.Max(p => p.Counterfactual.Length - 1 - p.TargetPosition);
        var tokens = new long[n * length];
        var targets = new long[n * steps];
        var mask = new bool[n * steps];
        var positions = new long[n];
        var lengths = new int[n];
        for (var i = 0; i < n; i++)
        {
            var cf = pairs[i].Counterfactual;
            var t = pairs[i].TargetPosition;
            positions[i] = t;
            for (var j = 0; j < cf.Length && j < length; j++) tokens[i * length + j] = cf.Tokens[j];
            for (var j = 0; j < steps && t + 1 + j < cf.Length; j++)
            {
                targets[i * steps + j] = cf.Tokens[t + 1 + j];
                mask[i * steps + j] = cf.Scored[t + 1 + j];
                if (cf.Scored[t + 1 + j]) lengths[i] = j + 1;
            }
            lengths[i] = Math.Max(1, lengths[i]);
        }
        return new DirectionData(sourceStates, targetStates, tensor(tokens, [n, length]), tensor(positions),
            tensor(targets, [n, steps]), tensor(mask, [n, steps]), steps, lengths);
    }

    /// <summary>Takes the tensors out of any dispose scope open while they were built: the data outlive training steps.</summary>
    public DirectionData Keep()
    {
        foreach (var t in new[] { SourceStates, TargetStates, Tokens, Positions, Targets, Mask, LossTargets }) t.DetachFromDisposeScope();
        return this;
    }

    public void Dispose()
    {
        foreach (var t in new[] { SourceStates, TargetStates, Tokens, Positions, Targets, Mask, LossTargets }) t.Dispose();
    }
}
