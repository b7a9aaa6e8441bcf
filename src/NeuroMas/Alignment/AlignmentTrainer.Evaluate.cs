using static TorchSharp.torch;

namespace NeuroMas.Alignment;

public sealed partial class AlignmentTrainer
{
    /// <summary>
    /// Held-out scores of every direction. Into an accessible target: free-running IIA and token accuracy with the
    /// intervention, without it (the target left alone, scored against the counterfactual) and over only the pairs the
    /// intervention has to change. Into an inaccessible target: how well the intervened states (and, as the baseline,
    /// the targets left alone) fit their counterfactual latents and, where a ground truth says which network the samples
    /// stand for, the true IIA of running that network from the intervened state mapped back, with its ceiling.
    /// </summary>
    public (IReadOnlyList<DirectionScore> Scores, IReadOnlyList<ClFit> Fits) Evaluate()
    {
        using var noGrad = no_grad();
        using var held = HoldMaps();
        var scores = new List<DirectionScore>();
        void Add(Direction d, string condition, ScoredPairs pairs, bool trained)
        {
            var accuracy = pairs.Accuracy;
            scores.Add(new DirectionScore(d.Source, d.Target, _systems[d.Source].Name, _systems[d.Target].Name, trained, condition,
                accuracy.Trial, accuracy.Token, accuracy.Trials)
            { PerPair = pairs });
        }
        foreach (var d in Directions.Where(d => d.Loss == DirectionLoss.Behaviour))
        {
            var (data, network) = (Data(d.Source, d.Target, 2), Accessible(d.Target).Network);
            Add(d, "intervention", BehaviourObjective.ScorePairs(network, data, rows => IntervenedRows(d.Source, d.Target, data, rows)), d.Trained);
            Add(d, "no_intervention", BehaviourObjective.ScorePairs(network, data, _ => null), d.Trained);
            Add(d, "intervention_changed", BehaviourObjective.ScorePairs(network, data, rows => IntervenedRows(d.Source, d.Target, data, rows), changedOnly: true), d.Trained);
        }
        var latent = Directions.Where(d => d.Loss == DirectionLoss.CounterfactualLatent).ToList();
        foreach (var d in latent.Where(d => TruthData(d) is not null))
        {
            // Into the inaccessible system, then back to the network its samples stand for, which then runs on.
            // The trainer sees inaccessible systems in their standardised units; the ground truth works in their own.
            var (truth, data, into) = (_truths[d.Target], TruthData(d)!, (IInaccessibleSystem)_systems[d.Target]);
            var from = _systems[d.Source] as IInaccessibleSystem;
            Add(d, "ground_truth", BehaviourObjective.ScorePairs(truth.System.Network, data, rows =>
            {
                var target = data.TargetStates.index_select(0, rows);
                var recorded = truth.Record(target);
                var sources = data.SourceStates.index_select(0, rows);
                var seen = into.Standardize(recorded);
                var intervened = Intervene(d.Source, d.Target, from is null ? sources : from.Standardize(_truths[d.Source].Record(sources)), seen);
                // The change the intervention made, as the system sees it: with a PCA front end the recording outside the
                // components is not seen, so it is not changed either.
                return truth.Back(target, into.Unstandardize(seen), into.Unstandardize(intervened));
            }), trained: false);
        }
        foreach (var d in latent.Where(d => TruthData(d) is not null && _systems[d.Source] is IAccessibleSystem))
        {
            // The ceiling: the true IIA if the intervened state were exactly its counterfactual latent. Below it, a better
            // fit can still help; at it, only a fuller recording can.
            var (truth, data, latents, into) = (_truths[d.Target], TruthData(d)!, LatentPairs(d.Source, d.Target, 2).Latents, (IInaccessibleSystem)_systems[d.Target]);
            Add(d, "ground_truth_ceiling", BehaviourObjective.ScorePairs(truth.System.Network, data, rows =>
            {
                var target = data.TargetStates.index_select(0, rows);
                var recorded = truth.Record(target);
                return truth.Back(target, into.Unstandardize(into.Standardize(recorded)), into.Unstandardize(latents.index_select(0, rows)));
            }), trained: false);
        }
        var fits = new List<ClFit>();
        foreach (var d in latent)
        {
            var data = LatentPairs(d.Source, d.Target, 2);
            foreach (var intervene in new[] { true, false })
            {
                // Left alone, the target's fit to the latent is the baseline the intervention has to improve on.
                using var scope = NewDisposeScope();
                var state = intervene ? Intervene(d.Source, d.Target, data.Sources, data.Targets) : data.Targets;
                var cosine = nn.functional.cosine_similarity(state, data.Latents, 1).mean().item<float>();
                var mse = (state - data.Latents).pow(2).mean().item<float>();
                fits.Add(new ClFit(_systems[d.Source].Name, _systems[d.Target].Name, cosine, mse, data.Count, intervene ? "intervention" : "no_intervention"));
            }
        }
        return (scores, fits);
    }

    private DirectionData? TruthData(Direction d)
    {
        LatentPairs(d.Source, d.Target, 2);
        return _truth.GetValueOrDefault((d.Source, d.Target));
    }
}
