using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeuroMas.Alignment;

namespace NeuroMas.Protocols;

/// <summary>Expands a protocol's lists into runs, each with an id derived from everything that changes its numbers.</summary>
public static class RunPlan
{
    /// <summary>
    /// One run per method × system group × variable × subspace size × seed (× CL weight for runs with an inaccessible
    /// system). Groups: DAS takes each network alone, MAS all systems together, unimas and stitching every ordered pair
    /// of networks, CLMAS every (network, inaccessible system) pair.
    /// </summary>
    public static IReadOnlyList<RunSpec> Expand(LoadedProtocol protocol)
    {
        var o = protocol.Options;
        var runs = new List<RunSpec>();
        var networks = Enumerable.Range(0, o.Systems.Count).Where(i => !o.Systems[i].IsInaccessible).ToArray();
        var inaccessible = Enumerable.Range(0, o.Systems.Count).Where(i => o.Systems[i].IsInaccessible).ToArray();
        var clmasNetworks = o.ClmasNetworks.Count == 0 ? networks
            : networks.Where(i => o.ClmasNetworks.Contains(ProtocolValidator.SystemName(protocol, i))).ToArray();
        var masSystems = o.MasSystems.Count == 0 ? networks
            : Enumerable.Range(0, o.Systems.Count).Where(i => o.MasSystems.Contains(ProtocolValidator.SystemName(protocol, i))).ToArray();
        var inputs = new Dictionary<string, string>();
        foreach (var method in o.Methods)
            foreach (var group in Groups(method, method switch { AlignmentMethod.Clmas => clmasNetworks, AlignmentMethod.Mas => masSystems, _ => networks }, inaccessible))
                foreach (var variable in o.Variables)
                    foreach (var k in o.SubspaceSizes)
                        foreach (var seed in o.Seeds)
                            foreach (var cl in group.Any(i => o.Systems[i].IsInaccessible) ? o.ClWeightsOrDefault() : [0.0])
                                foreach (var (fold, units, repeat) in Variants(o, group))
                                {
                                    var options = o.Training with { Method = method, Variable = variable, SubspaceSize = k, Seed = seed, ClWeight = cl };
                                    var resolved = Resolved(protocol, options, group, inputs);
                                    if (fold is { } f) resolved["cv"] = $"fold {I(f)} of {I(o.CvFolds)}";
                                    if (units is { } u) resolved["units"] = $"{I(u)} units, subset {I(repeat)}";
                                    var hash = Hash(resolved);
                                    var size = k == 0 ? "full" : k.ToString(CultureInfo.InvariantCulture);
                                    var tag = group.Any(i => o.Systems[i].IsInaccessible) ? $"-cl{cl.ToString(CultureInfo.InvariantCulture)}" : "";
                                    if (units is { } n) tag += $"-u{(n == 0 ? "all" : I(n))}-r{I(repeat)}";
                                    if (fold is { } held) tag += $"-f{I(held)}";
                                    var id = $"{Choice.Name(method)}-{variable}-k{size}-s{seed}{tag}-{hash[..10]}";
                                    runs.Add(new RunSpec(id, group, options) { Resolved = resolved, Fold = fold, Units = units, UnitRepeat = repeat });
                                }
        return runs;
    }

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// For a group with a recording: one variant per cross-validation fold (<c>cv_folds</c>) × unit subset (<c>unit_counts</c>
    /// × <c>unit_repeats</c>; <c>all</c> once, as 0); otherwise the one plain run.
    /// </summary>
    private static IEnumerable<(int? Fold, int? Units, int Repeat)> Variants(ProtocolOptions o, int[] group)
    {
        if (!group.Any(i => o.Systems[i].IsRecording)) return [(null, null, 0)];
        var folds = o.CvFolds > 0 ? Enumerable.Range(0, o.CvFolds).Select(f => (int?)f).ToList() : [null];
        var subsets = o.UnitCounts.Count == 0 ? [(null, 0)]
            : o.UnitCounts.Select(UnitCount).SelectMany(n => Enumerable.Range(0, n == 0 ? 1 : o.UnitRepeats).Select(r => ((int?)n, r))).ToList();
        return from f in folds from s in subsets select (f, s.Item1, s.Item2);
    }

    /// <summary>A <c>unit_counts</c> entry: a positive count, or <c>all</c> (0).</summary>
    public static int UnitCount(string entry) =>
        entry.Trim().Equals("all", StringComparison.OrdinalIgnoreCase) ? 0
        : int.TryParse(entry, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new InputException($"unit_counts: expected positive integers or 'all', found '{entry}'");

    /// <summary>Which systems each run of a method aligns.</summary>
    /// <param name="systems">The networks the method takes (for MAS: the systems of its one group).</param>
    private static IEnumerable<int[]> Groups(AlignmentMethod method, int[] systems, int[] inaccessible) => method switch
    {
        AlignmentMethod.Das => systems.Select(i => new[] { i }),
        AlignmentMethod.Mas => [systems],
        AlignmentMethod.Clmas => from n in systems from r in inaccessible select new[] { n, r },
        _ => from a in systems from b in systems where a != b select new[] { a, b },
    };

    /// <summary>
    /// What the run's numbers depend on: the task, every option of the run, what the protocol computes beside it, and per
    /// system its kind, reader options, label map and the SHA-256 of every file it reads (not the file's path, so a moved
    /// protocol keeps its results and a changed file never reuses them).
    /// </summary>
    private static SortedDictionary<string, string> Resolved(LoadedProtocol protocol, AlignmentOptions options, int[] group, Dictionary<string, string> hashes)
    {
        var o = protocol.Options;
        string I(int x) => x.ToString(CultureInfo.InvariantCulture);
        string Sha(string? path) => path is null ? "" : hashes.TryGetValue(path, out var h) ? h
            : hashes[path] = File.Exists(protocol.Resolve(path)) || Directory.Exists(protocol.Resolve(path)) ? Results.RunManifest.Sha256(protocol.Resolve(path)) : "missing";
        var resolved = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["task"] = o.Task,
            ["max_count"] = I(o.MaxCount),
            ["similarity"] = o.Similarity ? "true" : "false",
            ["similarity_samples"] = I(o.SimilaritySamples),
            ["decoding"] = o.Decoding ? "true" : "false",
            ["controls"] = string.Join(",", o.Controls.Select(Choice.Name)),
            ["statistics"] = JsonSerializer.Serialize(o.Statistics, ProtocolWriter.Json),
        };
        if (o.Prompts is not null) resolved["prompts"] = Sha(o.Prompts);
        if (o.HookLayer is { } hook) resolved["hook_layer"] = I(hook);
        // Threads set how fast, not what: a run done with one thread count is the same run with another.
        // Keys added after runs were made enter the id only when set, so the ids of runs that do not use them stay as they were.
        foreach (var (key, value) in ProtocolWriter.Scalars(options).Where(kv => kv.Key != "threads" && !(LaterKeys.Contains(kv.Key) && kv.Value is "0" or "" or "false")))
            resolved[key] = value;
        for (var i = 0; i < group.Length; i++)
        {
            var s = o.Systems[group[i]];
            var prefix = $"systems.{I(i)}.";
            resolved[prefix + "name"] = ProtocolValidator.SystemName(protocol, group[i]);
            resolved[prefix + "checkpoint"] = s.Trained is { } trained ? "trained " + ProtocolNetworks.Hash(o, trained) : Sha(s.Checkpoint);
            if (s.Group is { } label) resolved[prefix + "group"] = label;
            if (s.Network is { } imported) resolved[prefix + "network"] = $"{Sha(imported.File)} {Sha(imported.Spec)}";
            resolved[prefix + "recording"] = Sha(s.Recording);
            resolved[prefix + "ground_truth"] = Sha(s.GroundTruth);
            resolved[prefix + "untrained"] = s.Untrained ? $"seed {I(s.UntrainedSeed)}" : "false";
            resolved[prefix + "inaccessible"] = s.Inaccessible ? $"{I(s.RecordedTrials)} trials, seed {I(s.RecordedSeed)}" : "false";
            if (s.IsRecording) resolved[prefix + "reading"] = JsonSerializer.Serialize(s.ReadOptions(), ProtocolWriter.Json);
        }
        return resolved;
    }

    /// <summary>Option keys added after the first runs; at their default (0, empty, false) they are left out of the id.</summary>
    private static readonly HashSet<string> LaterKeys = ["pca", "directions_per_step", "swap_at", "shared_pairs", "iia_patience"];

    private static string Hash(IReadOnlyDictionary<string, string> resolved)
    {
        var text = string.Join("\n", resolved.Select(kv => $"{kv.Key}={kv.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
