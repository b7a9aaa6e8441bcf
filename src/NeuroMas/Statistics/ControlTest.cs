using NeuroMas.Alignment;

namespace NeuroMas.Statistics;

/// <summary>
/// The permutation test of an intervention's IIA against its shuffled-labels control. Retraining the maps once per
/// permutation would cost a training run each; instead both trained maps are scored on the same held-out pairs (the
/// control's recording has its labels permuted, the pairs are the same causal pairs) and, under the null that the labels
/// carry nothing the maps use, the two outcomes of the pairs of one recorded trial are exchangeable: each trial's block of
/// differences has its sign flipped at random (<see cref="PermutationTest.PairedByCluster"/>). It conditions on the two
/// trained maps, so it tests the held-out evidence, not retraining variability.
/// </summary>
public static class ControlTest
{
    /// <summary>The one-sided p-value that <paramref name="intervention"/> beats <paramref name="control"/>; null without per-pair outcomes or shared pairs.</summary>
    public static PermutationResult? AgainstControl(DirectionScore intervention, DirectionScore control, int permutations, int seed)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(control);
        if (intervention.PerPair is not { Trials: { } mainTrials } main || control.PerPair is not { Trials: { } controlTrials } other) return null;
        var controlByPair = new Dictionary<int, bool>();
        for (var i = 0; i < other.Count; i++) controlByPair[controlTrials.Pair[i]] = other.Correct[i];
        var clusters = PairIntervals.Clusters(main);
        var (treatment, baseline, cluster) = (new List<double>(), new List<double>(), new List<int>());
        for (var i = 0; i < main.Count; i++)
        {
            if (!controlByPair.TryGetValue(mainTrials.Pair[i], out var c)) continue;
            treatment.Add(main.Correct[i] ? 1 : 0);
            baseline.Add(c ? 1 : 0);
            cluster.Add(clusters[i]);
        }
        return treatment.Count == 0 ? null : PermutationTest.PairedByCluster(treatment, baseline, cluster, permutations, seed);
    }
}
