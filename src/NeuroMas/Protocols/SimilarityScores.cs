using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Similarity;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Protocols;

/// <summary>Correlational similarity of two systems' hook-site states over the same task conditions.</summary>
public static class SimilarityScores
{
    /// <summary>
    /// Draws natural sequences, reads both systems' states after every token, takes the same
    /// <paramref name="samples"/> (sequence, position) conditions from each, and compares them:
    /// linear CKA, debiased (unbiased-HSIC) CKA, RSA (1 − cosine RDMs; Spearman and Pearson), and orthogonal Procrustes
    /// distance; with <paramref name="intervals"/>, bootstrap intervals on both CKAs and on Spearman RSA that resample whole
    /// sequences (the states after every token of one sequence share its history), metrics <c>&lt;metric&gt;_ci_low</c>/<c>_high</c>.
    /// With <paramref name="at"/> (a token id: the run's <c>swap_at</c>), each sequence gives one condition, the state after that
    /// token: the site the run intervenes on.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Compute(IAccessibleSystem a, IAccessibleSystem b, ITask task, int samples, int seed,
        Statistics.BootstrapOptions? intervals = null, int? at = null)
    {
        var random = new Random(seed);
        var sequences = new List<TaskSequence>();
        var conditions = new List<(int Sequence, int Position)>();
        while (conditions.Count < samples)
        {
            var s = task.Sample(random);
            sequences.Add(s);
            if (at is { } token) conditions.Add((sequences.Count - 1, Array.IndexOf(s.Tokens, token)));
            else
                for (var t = 0; t < s.Length - 1 && conditions.Count < samples; t++) conditions.Add((sequences.Count - 1, t));
        }
        var picked = conditions.Select(c => sequences[c.Sequence]).ToList();
        var positions = conditions.Select(c => c.Position).ToList();
        var x = Representation.From(States(a, picked, positions, task.MaxLength));
        var y = Representation.From(States(b, picked, positions, task.MaxLength));
        var scores = new Dictionary<string, double>
        {
            ["cka"] = Cka.Linear(x, y),
            ["cka_debiased"] = Cka.LinearDebiased(x, y),
            ["rsa_spearman"] = Rsa.Compare(x, y, RdmMetric.CosineDistance, RsaCorrelation.Spearman),
            ["rsa_pearson"] = Rsa.Compare(x, y, RdmMetric.CosineDistance, RsaCorrelation.Pearson),
            ["procrustes"] = Procrustes.Distance(x, y),
        };
        if (intervals is null) return scores;
        var groups = conditions.Select(c => c.Sequence).ToArray();
        void Add(string metric, Func<Statistics.Interval> interval)
        {
            var i = interval();
            scores[metric + "_ci_low"] = i.Low;
            scores[metric + "_ci_high"] = i.High;
        }
        Add("cka", () => SimilarityInterval.Cka(x, y, debiased: false, intervals, groups));
        Add("cka_debiased", () => SimilarityInterval.Cka(x, y, debiased: true, intervals, groups));
        Add("rsa_spearman", () => SimilarityInterval.Rsa(x, y, RdmMetric.CosineDistance, RsaCorrelation.Spearman, intervals, groups));
        return scores;
    }

    private static float[,] States(IAccessibleSystem system, IReadOnlyList<TaskSequence> sequences, IReadOnlyList<int> positions, int length)
    {
        using var scope = NewDisposeScope();
        var states = system.StatesAt(sequences, positions, length);
        var n = (int)states.shape[0];
        var d = (int)states.shape[1];
        var flat = states.contiguous().data<float>().ToArray();
        var result = new float[n, d];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }
}
