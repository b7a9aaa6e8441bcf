using static TorchSharp.torch;

namespace NeuroMas.Alignment;

public sealed partial class AlignmentTrainer
{
    private IAccessibleSystem Accessible(int system) => (IAccessibleSystem)_systems[system];

    /// <summary>Trained directions scored by behaviour.</summary>
    private List<Direction> BehaviourDirections => TrainedDirections.Where(d => d.Loss == DirectionLoss.Behaviour).ToList();

    /// <summary>Trained directions scored by the counterfactual-latent loss (none when its weight is 0).</summary>
    private List<Direction> LatentDirections => _options.ClWeight == 0 ? [] : TrainedDirections.Where(d => d.Loss == DirectionLoss.CounterfactualLatent).ToList();

    /// <summary>
    /// The training loss of one batch per trained direction, drawn with <paramref name="random"/> in the order of
    /// <see cref="Directions"/> (behavioural directions grouped by target, then counterfactual-latent ones): the mean
    /// behavioural loss plus <c>cl_weight</c> × the mean counterfactual-latent loss.
    /// </summary>
    private Tensor BatchLoss(Random random)
    {
        using var scope = NewDisposeScope();
        using var held = HoldMaps();
        long[] Draw(int n) => Enumerable.Range(0, _options.BatchSize).Select(_ => (long)random.Next(n)).ToArray();
        var chosen = StepDirections(random).ToHashSet();
        var behaviour = BehaviourDirections.Where(chosen.Contains).ToList();
        Tensor? total = null;
        foreach (var group in behaviour.GroupBy(d => d.Target))
        {
            // Directions into one target run as one batch through its network.
            var batch = group.Select(d => (d.Source, Data: Data(d.Source, d.Target, 0))).Select(d => (d.Source, d.Data, Draw(d.Data.Count))).ToList();
            var loss = GroupLoss(group.Key, batch);
            total = total is null ? loss : total + loss;
        }
        if (total is not null) total /= behaviour.Count;
        var latent = LatentDirections.Where(chosen.Contains).ToList();
        if (latent.Count > 0)
        {
            var cl = LatentLoss(latent.Select(d => (d, LatentPairs(d.Source, d.Target, 0))).Select(x => (x.d, x.Item2, Draw(x.Item2.Count))).ToList());
            total = total is null ? _options.ClWeight * cl : total + _options.ClWeight * cl;
        }
        return (total ?? zeros(1, requires_grad: true).sum()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The trained directions of one step: all of them, or with <c>directions_per_step</c> = N (fewer than there are) N drawn
    /// without replacement by <paramref name="random"/>, the step's own draw (so a run's sequence of subsets is fixed by its seed).
    /// </summary>
    public IReadOnlyList<Direction> StepDirections(Random random)
    {
        var trained = BehaviourDirections.Concat(LatentDirections).ToList();
        var n = _options.DirectionsPerStep;
        if (n == 0 || n >= trained.Count) return trained;
        for (var i = 0; i < n; i++)
        {
            var j = i + random.Next(trained.Count - i);
            (trained[i], trained[j]) = (trained[j], trained[i]);
        }
        return [.. trained.Take(n)];
    }

    /// <summary>
    /// The summed per-direction behavioural losses of several directions into one target, run as one batch through the
    /// target network (one larger recurrent pass instead of one per direction).
    /// </summary>
    public Tensor GroupLoss(int target, IReadOnlyList<(int Source, DirectionData Data, long[] Rows)> directions)
    {
        using var scope = NewDisposeScope();
        var batch = directions.Select(d =>
        {
            var index = tensor(d.Rows);
            return (Intervene(d.Source, target, d.Data.SourceStates.index_select(0, index), d.Data.TargetStates.index_select(0, index)), d.Data, d.Rows);
        }).ToList();
        return BehaviourObjective.Loss(Accessible(target).Network, batch).MoveToOuterDisposeScope();
    }

    /// <summary>Mean counterfactual-latent loss over directions, each on the given rows of its data: <c>[]</c>.</summary>
    private Tensor LatentLoss(IReadOnlyList<(Direction Direction, LatentData Data, long[] Rows)> directions)
    {
        using var scope = NewDisposeScope();
        Tensor? total = null;
        foreach (var (d, data, rows) in directions)
        {
            var index = tensor(rows);
            var (sources, latents) = (data.Sources.index_select(0, index), data.Latents.index_select(0, index));
            var fit = _options.ClSpace == ClSpace.Aligned
                ? LatentData.Loss(Maps[d.Source].EncodeBlock(sources, 0, SubspaceSize), Maps[d.Target].EncodeBlock(latents, 0, SubspaceSize))
                : LatentData.Loss(Intervene(d.Source, d.Target, sources, data.Targets.index_select(0, index)), latents);
            total = total is null ? fit : total + fit;
        }
        return (total! / directions.Count).MoveToOuterDisposeScope();
    }

    /// <summary>The intervened states of some rows of a behavioural direction's data.</summary>
    private Tensor IntervenedRows(int source, int target, DirectionData data, Tensor rows) =>
        Intervene(source, target, data.SourceStates.index_select(0, rows), data.TargetStates.index_select(0, rows));

    /// <summary>
    /// Validation loss as trained (teacher-forced behavioural loss per scored token, plus the weighted counterfactual-latent
    /// loss) and the lowest teacher-forced IIA over trained behavioural directions (NaN when there are none).
    /// </summary>
    private (double Loss, double Iia) Validate()
    {
        using var noGrad = no_grad();
        using var held = HoldMaps();
        var behaviour = BehaviourDirections;
        var (loss, worst) = (0.0, behaviour.Count == 0 ? double.NaN : 1.0);
        foreach (var d in behaviour)
        {
            var data = Data(d.Source, d.Target, 1);
            var (sum, accuracy) = BehaviourObjective.Validate(Accessible(d.Target).Network, data, rows => IntervenedRows(d.Source, d.Target, data, rows));
            loss += sum / Math.Max(1, accuracy.Tokens);
            worst = Math.Min(worst, accuracy.Trial);
        }
        if (behaviour.Count > 0) loss /= behaviour.Count;
        var latent = LatentDirections;
        if (latent.Count > 0)
        {
            using var scope = NewDisposeScope();
            var all = latent.Select(d => (d, LatentPairs(d.Source, d.Target, 1))).Select(x => (x.d, x.Item2, Enumerable.Range(0, x.Item2.Count).Select(i => (long)i).ToArray())).ToList();
            loss += _options.ClWeight * LatentLoss(all).item<float>();
        }
        return (loss, worst);
    }
}
