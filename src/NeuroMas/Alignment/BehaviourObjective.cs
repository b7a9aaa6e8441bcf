using NeuroMas.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// The behavioural side of an alignment, shared by every trainer: run a frozen target network on from
/// intervened states and compare what it does with the counterfactual sequence.
/// </summary>
public static class BehaviourObjective
{
    /// <summary>
    /// Sum over directions of the mean cross-entropy on the task mask, all directions run as one batch
    /// through <paramref name="network"/>, each row only up to its last scored token.
    /// </summary>
    /// <param name="directions">Per direction: intervened target states <c>[rows, d]</c>, the data, and the rows used.</param>
    public static Tensor Loss(TaskNetwork network, IReadOnlyList<(Tensor Intervened, DirectionData Data, long[] Rows)> directions)
    {
        using var scope = NewDisposeScope();
        var steps = directions.Max(d => d.Rows.Max(r => d.Data.Lengths[r]));
        var (tokens, positions, lengths, targets, masks) = (new List<Tensor>(), new List<Tensor>(), new List<long>(), new List<Tensor>(), new List<Tensor>());
        foreach (var (_, data, rows) in directions)
        {
            var index = tensor(rows);
            tokens.Add(data.Tokens.index_select(0, index));
            positions.Add(data.Positions.index_select(0, index));
            lengths.AddRange(rows.Select(r => (long)data.Lengths[r]));
            targets.Add(FitSteps(data.Targets.index_select(0, index), steps));
            masks.Add(FitSteps(data.Mask.index_select(0, index), steps));
        }
        var states = cat(directions.Select(d => d.Intervened).ToList(), 0);
        var scored = cat(masks, 0).reshape(-1).nonzero().squeeze(1);
        var features = network.ScoredFeatures(cat(tokens, 0), cat(positions, 0), states, steps, [.. lengths], scored);
        var losses = network.ReadoutLosses(features, cat(targets, 0).reshape(-1).index_select(0, scored));
        // Scored tokens come in row order, so each direction's are one contiguous run.
        Tensor? total = null;
        var offset = 0L;
        foreach (var m in masks)
        {
            var count = m.sum().item<long>();
            var mean = losses.narrow(0, offset, count).mean();
            total = total is null ? mean : total + mean;
            offset += count;
        }
        return total!.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Teacher-forced loss (summed over scored tokens) and accuracy of one direction's pairs. Like the training loss it
    /// reads the network's features at the scored tokens only (<see cref="TaskNetwork.ScoredFeatures"/>), each row run
    /// only as far as its last scored token.
    /// </summary>
    public static (double LossSum, Accuracy Accuracy) Validate(TaskNetwork network, DirectionData data, Func<Tensor, Tensor?> intervene, int chunk = 500)
    {
        using var noGrad = no_grad();
        var (sum, accuracy) = (0.0, default(Accuracy));
        foreach (var rows in Chunks(data.Count, chunk))
        {
            using var scope = NewDisposeScope();
            var (targets, mask) = (data.Targets.index_select(0, rows), data.Mask.index_select(0, rows));
            var scored = mask.reshape(-1).nonzero().squeeze(1);
            var lengths = rows.data<long>().Select(r => (long)data.Lengths[r]).ToArray();
            var states = intervene(rows) ?? data.TargetStates.index_select(0, rows);
            var logits = network.ReadoutLogits(network.ScoredFeatures(data.Tokens.index_select(0, rows), data.Positions.index_select(0, rows), states,
                data.Steps, lengths, scored));
            sum += nn.functional.cross_entropy(logits, data.LossTargets.index_select(0, rows).reshape(-1).index_select(0, scored),
                ignore_index: Tasks.Vocabulary.Pad, reduction: nn.Reduction.Sum).item<float>();
            // Unscored positions keep their targets: Accuracy reads the scored ones only.
            var predicted = targets.clone();
            predicted.reshape(-1).index_copy_(0, scored, logits.argmax(-1));
            accuracy += Accuracy.Score(predicted, targets, mask);
        }
        return (sum, accuracy);
    }

    /// <summary>
    /// Free-running IIA and token accuracy: the target runs on from the state <paramref name="intervene"/> gives
    /// for each chunk of rows (null: its own state, the no-intervention control), feeding back its own tokens.
    /// </summary>
    public static Accuracy Score(TaskNetwork network, DirectionData data, Func<Tensor, Tensor?> intervene, int chunk = 500) =>
        Score(network, data, intervene, chunk, changedOnly: false);

    /// <summary>
    /// Free-running IIA over only the pairs the intervention has to change: those where the target left alone does not
    /// already produce the counterfactual (the pairs the no-intervention control gets wrong). Unlike the plain IIA, it
    /// has no floor from pairs whose swap changes nothing, so it compares directly with a decoding accuracy.
    /// </summary>
    public static Accuracy ScoreChanged(TaskNetwork network, DirectionData data, Func<Tensor, Tensor?> intervene, int chunk = 500) =>
        Score(network, data, intervene, chunk, changedOnly: true);

    private static Accuracy Score(TaskNetwork network, DirectionData data, Func<Tensor, Tensor?> intervene, int chunk, bool changedOnly) =>
        ScorePairs(network, data, intervene, changedOnly, chunk).Accuracy;

    /// <summary>
    /// As <see cref="Score(TaskNetwork, DirectionData, Func{Tensor, Tensor?}, int)"/> (or, with <paramref name="changedOnly"/>, <see cref="ScoreChanged"/>), pair by pair: each
    /// scored pair's outcome and where it came from, for intervals over trials and paired tests against a control.
    /// </summary>
    public static ScoredPairs ScorePairs(TaskNetwork network, DirectionData data, Func<Tensor, Tensor?> intervene, bool changedOnly = false, int chunk = 500)
    {
        using var noGrad = no_grad();
        var (rows, correct, tokens, right) = (new List<int>(), new List<bool>(), new List<int>(), new List<int>());
        foreach (var chunkRows in Chunks(data.Count, chunk))
        {
            using var scope = NewDisposeScope();
            var (tokensIn, positions, scored) = (data.Tokens.index_select(0, chunkRows), data.Positions.index_select(0, chunkRows), ScoredTokens(data, chunkRows));
            var (targets, mask, own) = (data.Targets.index_select(0, chunkRows), data.Mask.index_select(0, chunkRows), data.TargetStates.index_select(0, chunkRows));
            var changed = changedOnly ? Accuracy.WrongTrials(network.FreeRun(tokensIn, positions, own, scored, data.Steps), targets, mask).data<bool>().ToArray() : null;
            var predicted = network.FreeRun(tokensIn, positions, intervene(chunkRows) ?? own, scored, data.Steps);
            var wrong = predicted.ne(targets).logical_and(mask);
            var wrongPair = wrong.any(1).data<bool>().ToArray();
            var scoredTokens = mask.sum(1).to(int32).data<int>().ToArray();
            var wrongTokens = wrong.sum(1).to(int32).data<int>().ToArray();
            var first = (int)chunkRows[0].item<long>();
            for (var i = 0; i < wrongPair.Length; i++)
            {
                if (changed is not null && !changed[i]) continue;
                rows.Add(first + i);
                correct.Add(!wrongPair[i]);
                tokens.Add(scoredTokens[i]);
                right.Add(scoredTokens[i] - wrongTokens[i]);
            }
        }
        return new ScoredPairs([.. rows], [.. correct], [.. tokens], [.. right], data.Trials?.Rows(rows));
    }

    /// <summary>The task mask laid over the full counterfactual sequences <c>[rows, time]</c>.</summary>
    private static Tensor ScoredTokens(DirectionData data, Tensor rows)
    {
        using var scope = NewDisposeScope();
        var tokens = data.Tokens.index_select(0, rows);
        var positions = data.Positions.index_select(0, rows);
        var index = (positions.unsqueeze(1) + arange(1, data.Steps + 1, dtype: int64)).clamp_max(tokens.shape[1] - 1);
        return zeros(tokens.shape, dtype: @bool).scatter(1, index, data.Mask.index_select(0, rows)).MoveToOuterDisposeScope();
    }

    internal static IEnumerable<Tensor> Chunks(int count, int size)
    {
        for (var start = 0; start < count; start += size)
            yield return arange(start, Math.Min(count, start + size), dtype: int64);
    }

    private static Tensor FitSteps(Tensor x, int steps) =>
        x.shape[1] >= steps ? x[.., ..steps] : nn.functional.pad(x, [0, steps - x.shape[1]]);
}
