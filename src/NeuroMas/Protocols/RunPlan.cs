using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NeuroMas.Protocols;

/// <summary>Expands a protocol's lists into runs, each with an id derived from its resolved options.</summary>
public static class RunPlan
{
    /// <summary>
    /// One run per method × system group × variable × subspace size × seed. Groups: DAS takes each system
    /// alone, MAS all systems together, unimas and stitching every ordered pair.
    /// </summary>
    public static IReadOnlyList<RunSpec> Expand(LoadedProtocol protocol)
    {
        var o = protocol.Options;
        var runs = new List<RunSpec>();
        var networks = Enumerable.Range(0, o.Systems.Count).Where(i => !o.Systems[i].IsRecording).ToArray();
        var recordings = Enumerable.Range(0, o.Systems.Count).Where(i => o.Systems[i].IsRecording).ToArray();
        var clmasNetworks = o.ClmasNetworks.Count == 0 ? networks
            : networks.Where(i => o.ClmasNetworks.Contains(ProtocolValidator.SystemName(protocol, i))).ToArray();
        foreach (var method in o.Methods)
            foreach (var group in Groups(method, method == "clmas" ? clmasNetworks : networks, recordings))
                foreach (var variable in o.Variables)
                    foreach (var k in o.SubspaceSizes)
                        foreach (var seed in o.Seeds)
                            foreach (var cl in method == "clmas" ? o.ClWeightsOrDefault : [0.0])
                            {
                                var options = ProtocolValidator.ToAlignmentOptions(o, method, variable, k, seed);
                                var resolved = Resolved(protocol, method, group, variable, k, seed);
                                if (method == "clmas")
                                {
                                    resolved["cl_weight"] = cl.ToString("R", CultureInfo.InvariantCulture);
                                    resolved["cl_target"] = o.ClTarget;
                                    if (o.ClSpace != "state") resolved["cl_space"] = o.ClSpace; // absent by default: earlier run ids stay valid
                                    resolved["controls"] = string.Join(",", o.Controls);
                                }
                                var hash = Hash(resolved);
                                var size = k == 0 ? "full" : k.ToString(CultureInfo.InvariantCulture);
                                var tag = method == "clmas" ? $"-cl{cl.ToString(CultureInfo.InvariantCulture)}" : "";
                                var id = $"{method}-{variable}-k{size}-s{seed}{tag}-{hash[..10]}";
                                runs.Add(new RunSpec(id, method, group, variable, k, seed, options) { Resolved = resolved, ClWeight = cl });
                            }
        return runs;
    }

    /// <summary>
    /// Which systems each run of a method aligns: DAS each network alone, MAS all networks together, unimas and
    /// stitching every ordered pair of networks, CLMAS every (network, recording) pair.
    /// </summary>
    private static IEnumerable<int[]> Groups(string method, int[] networks, int[] recordings) => method switch
    {
        "das" => networks.Select(i => new[] { i }),
        "mas" => [networks],
        "clmas" => from n in networks from r in recordings select new[] { n, r },
        _ => from a in networks from b in networks where a != b select new[] { a, b },
    };

    private static SortedDictionary<string, string> Resolved(LoadedProtocol protocol, string method, int[] group, string variable, int k, int seed)
    {
        var o = protocol.Options;
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        string I(int x) => x.ToString(CultureInfo.InvariantCulture);
        var resolved = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["task"] = o.Task, ["max_count"] = I(o.MaxCount), ["method"] = method, ["variable"] = variable,
            ["subspace_size"] = I(k), ["seed"] = I(seed), ["map"] = o.Map.ToLowerInvariant(), ["zscore"] = o.ZScore ? "true" : "false",
            ["train_pairs"] = I(o.TrainPairs), ["validation_pairs"] = I(o.ValidationPairs), ["test_pairs"] = I(o.TestPairs),
            ["batch_size"] = I(o.BatchSize), ["learning_rate"] = F(o.LearningRate), ["max_steps"] = I(o.MaxSteps),
            ["validate_every"] = I(o.ValidateEvery), ["patience"] = I(o.Patience), ["target_iia"] = F(o.TargetIia),
            ["similarity"] = o.Similarity ? "true" : "false", ["similarity_samples"] = I(o.SimilaritySamples),
        };
        for (var i = 0; i < group.Length; i++)
        {
            var s = o.Systems[group[i]];
            resolved[$"systems.{i}.name"] = ProtocolValidator.SystemName(protocol, group[i]);
            resolved[$"systems.{i}.checkpoint"] = s.Checkpoint ?? "";
            if (s.IsRecording)
            {
                resolved[$"systems.{i}.recording"] = s.Recording!;
                resolved[$"systems.{i}.ground_truth"] = s.GroundTruth ?? "";
                resolved[$"systems.{i}.labels"] = string.Join(";", s.Labels.Names.Select(kv => $"{kv.Key}>{kv.Value}"))
                    + "|" + string.Join(";", s.Labels.Values.Select(kv => $"{kv.Key}:{string.Join(",", kv.Value.Select(v => $"{v.Key}>{v.Value}"))}"));
            }
            resolved[$"systems.{i}.untrained"] = s.Untrained ? $"seed {I(s.UntrainedSeed)}" : "false";
        }
        return resolved;
    }

    private static string Hash(IReadOnlyDictionary<string, string> resolved)
    {
        var text = string.Join("\n", resolved.Select(kv => $"{kv.Key}={kv.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
