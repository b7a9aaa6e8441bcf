using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Tasks;

namespace NeuroMas.Protocols;

/// <summary>Checks what binding cannot: files exist, names are known, the sweep makes sense. Lists every problem.</summary>
public static class ProtocolValidator
{
    public static List<string> Validate(LoadedProtocol protocol)
    {
        var o = protocol.Options;
        var problems = new List<string>();
        ITask? task = null;
        try { task = TaskCatalog.Get(o.Task, o.MaxCount); }
        catch (InputException e) { problems.Add(e.Message); }

        if (o.Systems.Count == 0) problems.Add("systems: expected at least one system, found none");
        for (var i = 0; i < o.Systems.Count; i++)
        {
            var s = o.Systems[i];
            if (string.IsNullOrWhiteSpace(s.Checkpoint)) { problems.Add($"systems[{i}].checkpoint: expected a checkpoint path, found none"); continue; }
            var path = protocol.Resolve(s.Checkpoint);
            if (!File.Exists(path)) { problems.Add($"systems[{i}].checkpoint: expected an existing file, found no '{s.Checkpoint}'"); continue; }
            try
            {
                var info = Checkpoint.ReadInfo(path);
                if (info.Task != o.Task) problems.Add($"systems[{i}].checkpoint: expected a network trained on {o.Task}, found one trained on {info.Task}");
            }
            catch (InputException e) { problems.Add($"systems[{i}].checkpoint: {e.Message}"); }
        }
        var names = o.Systems.Select((s, i) => SystemName(protocol, i)).ToList();
        foreach (var dup in names.GroupBy(n => n).Where(g => g.Count() > 1))
            problems.Add($"systems: expected distinct names, found '{dup.Key}' {dup.Count()} times");

        if (o.Methods.Count == 0) problems.Add("methods: expected at least one of das, mas, unimas, stitching, found none");
        for (var i = 0; i < o.Methods.Count; i++)
        {
            var method = AlignmentMethod.All.FirstOrDefault(m => m.Name == o.Methods[i]);
            if (method is null) problems.Add($"methods[{i}]: expected one of {string.Join(", ", AlignmentMethod.All.Select(m => m.Name))}, found '{o.Methods[i]}'");
            else if (method.Name != "das" && o.Systems.Count < 2) problems.Add($"methods[{i}]: {method.Name} expects at least 2 systems, found {o.Systems.Count}");
        }
        if (o.Variables.Count == 0) problems.Add("variables: expected at least one variable, found none");
        if (task is not null)
            for (var i = 0; i < o.Variables.Count; i++)
                if (o.Variables[i] != "all" && !task.CausalModel.Variables.Contains(o.Variables[i]))
                    problems.Add($"variables[{i}]: expected one of {string.Join(", ", task.CausalModel.Variables)}, all; found '{o.Variables[i]}'");
        if (o.SubspaceSizes.Count == 0) problems.Add("subspace_sizes: expected at least one size (0 = full width), found none");
        for (var i = 0; i < o.SubspaceSizes.Count; i++)
            if (o.SubspaceSizes[i] < 0) problems.Add($"subspace_sizes[{i}]: expected >= 0, found {o.SubspaceSizes[i]}");
        if (o.Seeds.Count == 0) problems.Add("seeds: expected at least one seed, found none");
        if (!Enum.TryParse<MapKind>(o.Map, ignoreCase: true, out _)) problems.Add($"map: expected one of orthogonal, linear, subspace, found '{o.Map}'");
        var probe = ToAlignmentOptions(o, "mas", "count", 16, 1);
        problems.AddRange(probe.Validate().Where(p => !p.StartsWith("method", StringComparison.Ordinal)));
        if (o.SimilaritySamples < 3) problems.Add($"similarity_samples: expected >= 3, found {o.SimilaritySamples}");
        if (string.IsNullOrWhiteSpace(o.Output)) problems.Add("output: expected a folder, found none");
        return problems;
    }

    /// <summary>Throws one <see cref="InputException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(LoadedProtocol protocol)
    {
        var problems = Validate(protocol);
        if (problems.Count > 0) throw new InputException($"{protocol.Path}: {string.Join("; ", problems)}");
    }

    public static string SystemName(LoadedProtocol protocol, int index)
    {
        var s = protocol.Options.Systems[index];
        return s.Name ?? Path.GetFileNameWithoutExtension(s.Checkpoint ?? $"system{index}") + (s.Untrained ? "-untrained" : "");
    }

    internal static AlignmentOptions ToAlignmentOptions(ProtocolOptions o, string method, string variable, int subspace, int seed) => new()
    {
        Method = method,
        Variable = variable,
        SubspaceSize = subspace,
        Map = Enum.TryParse<MapKind>(o.Map, ignoreCase: true, out var map) ? map : MapKind.Orthogonal,
        ZScore = o.ZScore,
        TrainPairs = o.TrainPairs,
        ValidationPairs = o.ValidationPairs,
        TestPairs = o.TestPairs,
        BatchSize = o.BatchSize,
        LearningRate = o.LearningRate,
        MaxSteps = o.MaxSteps,
        ValidateEvery = o.ValidateEvery,
        Patience = o.Patience,
        TargetIia = o.TargetIia,
        Seed = seed,
        Threads = o.Threads,
    };
}
