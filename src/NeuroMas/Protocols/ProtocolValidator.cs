using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Models.Imported;
using NeuroMas.Recordings;
using NeuroMas.Simulation;
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
        try
        {
            if (o.Prompts is { } prompts && !File.Exists(protocol.Resolve(prompts))) problems.Add($"prompts: expected an existing CSV file, found no '{prompts}'");
            else task = o.ResolveTask(protocol.Resolve);
        }
        catch (InputException e) { problems.Add(e.Message); }

        if (o.Systems.Count == 0) problems.Add("systems: expected at least one system, found none");
        for (var i = 0; i < o.Systems.Count; i++)
        {
            var s = o.Systems[i];
            if (s.Inaccessible && s.IsRecording) problems.Add($"systems[{i}].inaccessible: expected on a network (checkpoint) system, found it on a recording (recordings are inaccessible already)");
            if (s.Inaccessible && s.RecordedTrials < 5) problems.Add($"systems[{i}].recorded_trials: expected >= 5 (trials are split 60/20/20), found {s.RecordedTrials}");
            if (s.IsRecording)
            {
                if (s.Checkpoint is not null) problems.Add($"systems[{i}]: expected either checkpoint or recording, found both");
                problems.AddRange(RecordingProblems(protocol, i, task));
                if (s.GroundTruth is not null) problems.AddRange(GroundTruthProblems(protocol, i));
                continue;
            }
            if (s.Trained is { } trained)
            {
                if (s.Checkpoint is not null || s.Network is not null) problems.Add($"systems[{i}]: expected one of checkpoint, network or trained, found more");
                if (ProtocolNetworks.Find(o, trained) is null)
                    problems.Add($"systems[{i}].trained: expected the name of an entry of networks ({string.Join(", ", o.Networks.Select(n => n.Name))}), found '{trained}'");
                continue;
            }
            if (s.Network is { } imported)
            {
                if (s.Checkpoint is not null) problems.Add($"systems[{i}]: expected either checkpoint or network, found both");
                if (ImportedProblem(protocol, imported, task) is { } importProblem) problems.Add($"systems[{i}].network: {importProblem}");
                continue;
            }
            if (string.IsNullOrWhiteSpace(s.Checkpoint)) { problems.Add($"systems[{i}].checkpoint: expected a checkpoint (or a recording) path, found none"); continue; }
            if (CheckpointProblem(protocol, s.Checkpoint, o.Task) is { } problem) problems.Add($"systems[{i}].checkpoint: {problem}");
        }
        problems.AddRange(NetworkProblems(o));
        if (task is not null && o.Training.SwapToken is { } swap && !Enumerable.Range(0, 20).Select(_ => task.Sample(new Random(1))).Any(q => Array.IndexOf(q.Tokens, swap) is >= 0 and var at && at < q.Length - 1))
            problems.Add($"swap_at: expected a token the sequences of task {task.Name} hold before their end, found '{o.Training.SwapAt}' in none");
        if (o.HookLayer < 0) problems.Add($"hook_layer: expected >= 0 (blocks before the hook site), found {o.HookLayer}");
        foreach (var n in o.Networks.Where(n => n.From is null && n.Arch == "transformer" && o.HookLayer > n.Layers))
            problems.Add($"hook_layer: expected 0..{n.Layers} (the blocks of network {n.Name}), found {o.HookLayer}");
        if (o.ProbeSequences < 0) problems.Add($"probe_sequences: expected 0 (off) or >= 1, found {o.ProbeSequences}");
        var names = o.Systems.Select((s, i) => SystemName(protocol, i)).ToList();
        foreach (var dup in names.GroupBy(n => n).Where(g => g.Count() > 1))
            problems.Add($"systems: expected distinct names, found '{dup.Key}' {dup.Count()} times");

        var networks = o.Systems.Count(s => !s.IsInaccessible);
        var inaccessible = o.Systems.Count(s => s.IsInaccessible);
        var known = Choice.Names<AlignmentMethod>();
        if (o.Methods.Count == 0) problems.Add($"methods: expected at least one of {string.Join(", ", known)}, found none");
        for (var i = 0; i < o.Methods.Count; i++)
        {
            var m = o.Methods[i];
            var name = Choice.Name(m);
            if (!Enum.IsDefined(m)) problems.Add($"methods[{i}]: expected one of {string.Join(", ", known)}, found '{m}'");
            else if (m == AlignmentMethod.Clmas && (networks < 1 || inaccessible < 1))
                problems.Add($"methods[{i}]: clmas expects at least one network and one inaccessible system (a recording, or a network marked inaccessible), found {networks} network(s) and {inaccessible} inaccessible");
            else if (m is AlignmentMethod.Unimas or AlignmentMethod.Stitching && networks < 2) problems.Add($"methods[{i}]: {name} expects at least 2 networks, found {networks}");
            else if (m == AlignmentMethod.Mas && (o.MasSystems.Count == 0 ? networks : o.MasSystems.Count) < 2)
                problems.Add($"methods[{i}]: mas expects at least 2 systems, found {(o.MasSystems.Count == 0 ? networks : o.MasSystems.Count)}");
            else if (m == AlignmentMethod.Das && networks < 1) problems.Add($"methods[{i}]: das expects at least 1 network, found none");
        }
        for (var i = 0; i < o.ClWeights.Count; i++)
            if (!(o.ClWeights[i] >= 0)) problems.Add($"cl_weights[{i}]: expected >= 0, found {o.ClWeights[i]}");
        for (var i = 0; i < o.ClmasNetworks.Count; i++)
            if (!Enumerable.Range(0, o.Systems.Count).Any(j => !o.Systems[j].IsInaccessible && SystemName(protocol, j) == o.ClmasNetworks[i]))
                problems.Add($"clmas_networks[{i}]: expected the name of a network system, found '{o.ClmasNetworks[i]}'");
        for (var i = 0; i < o.MasSystems.Count; i++)
            if (!Enumerable.Range(0, o.Systems.Count).Any(j => SystemName(protocol, j) == o.MasSystems[i]))
                problems.Add($"mas_systems[{i}]: expected the name of a system, found '{o.MasSystems[i]}'");
        if (o.Variables.Count == 0) problems.Add("variables: expected at least one variable, found none");
        if (task is not null)
            for (var i = 0; i < o.Variables.Count; i++)
                if (o.Variables[i] != "all" && !task.CausalModel.Variables.Contains(o.Variables[i]))
                    problems.Add($"variables[{i}]: expected one of {string.Join(", ", task.CausalModel.Variables)}, all; found '{o.Variables[i]}'");
        if (o.SubspaceSizes.Count == 0) problems.Add("subspace_sizes: expected at least one size (0 = full width), found none");
        for (var i = 0; i < o.SubspaceSizes.Count; i++)
            if (o.SubspaceSizes[i] < 0) problems.Add($"subspace_sizes[{i}]: expected >= 0, found {o.SubspaceSizes[i]}");
        if (o.Seeds.Count == 0) problems.Add("seeds: expected at least one seed, found none");
        // The shared training keys are the trainer's own options, checked by the trainer's own rules.
        problems.AddRange(o.Training.SettingProblems());
        problems.AddRange(o.Statistics.Validate());
        if (o.CvFolds != 0) problems.AddRange(new TrialSplit(o.CvFolds, 0).Validate());
        for (var i = 0; i < o.UnitCounts.Count; i++)
        {
            try { RunPlan.UnitCount(o.UnitCounts[i]); }
            catch (InputException e) { problems.Add($"unit_counts[{i}]: {e.Message["unit_counts: ".Length..]}"); }
        }
        if (o.UnitRepeats < 1) problems.Add($"unit_repeats: expected at least 1, found {o.UnitRepeats}");
        if (o.SimilaritySamples < 3) problems.Add($"similarity_samples: expected >= 3, found {o.SimilaritySamples}");
        if (string.IsNullOrWhiteSpace(o.Output)) problems.Add("output: expected a folder, found none");
        return problems;
    }

    /// <summary>The protocol's own networks: named once, each fine-tune after what it starts from, every training key in range.</summary>
    private static IEnumerable<string> NetworkProblems(ProtocolOptions o)
    {
        for (var i = 0; i < o.Networks.Count; i++)
        {
            var n = o.Networks[i];
            var key = $"networks[{i}]";
            if (string.IsNullOrWhiteSpace(n.Name)) { yield return $"{key}.name: expected a name, found none"; continue; }
            if (o.Networks.Take(i).Any(m => m.Name == n.Name)) yield return $"{key}.name: expected distinct names, found '{n.Name}' again";
            if (n.From is { } from && !o.Networks.Take(i).Any(m => m.Name == from))
                yield return $"{key}.from: expected the name of an earlier entry of networks, found '{from}'";
            string? taskProblem = null;
            ITask? task = null;
            try { task = TaskCatalog.Get(n.Task, n.MaxCount); }
            catch (InputException e) { taskProblem = $"{key}.{e.Message}"; }
            if (taskProblem is not null) yield return taskProblem;
            if (n.From is null && task is not null && n.Arch == "transformer" && !(n.HookLayer >= 0 && n.HookLayer <= n.Layers))
                yield return $"{key}.hook_layer: expected 0..layers ({n.Layers}), found {n.HookLayer}";
            if (n.From is null && n.Heads >= 1 && n.Width % n.Heads != 0) yield return $"{key}.heads: expected a divisor of width {n.Width}, found {n.Heads}";
            // The trainer names its keys as the command line does (max-steps); a protocol writes them max_steps.
            foreach (var problem in n.Training(null, 0).Validate())
                yield return $"{key}.{problem[..problem.IndexOf(':', StringComparison.Ordinal)].Replace('-', '_')}{problem[problem.IndexOf(':', StringComparison.Ordinal)..]}";
        }
    }

    /// <summary>
    /// Reads the recording as the run would (reader options, label map, the causal variables and values the task can
    /// represent), so that what would stop the run is found before anything trains.
    /// </summary>
    private static IEnumerable<string> RecordingProblems(LoadedProtocol protocol, int index, ITask? task)
    {
        var spec = protocol.Options.Systems[index];
        var file = protocol.Resolve(spec.Recording!);
        var key = $"systems[{index}].recording";
        if (!File.Exists(file) && !Directory.Exists(file)) return [$"{key}: expected an existing file or folder, found no '{spec.Recording}'"];
        var options = RecordingFile.CheckOptions(file, spec.ReadOptions());
        if (options.Count > 0) return options.Select(p => $"{key}: {file}: {p}");
        if (task is null) return [];
        try
        {
            using var system = new RecordingSystem(SystemName(protocol, index), RecordingFile.Load(file, spec.ReadOptions()), task.CausalModel,
                components: protocol.Options.Training.Pca);
            return [];
        }
        catch (InputException e)
        {
            return [$"{key}: {e.Message}"];
        }
    }

    private static IEnumerable<string> GroundTruthProblems(LoadedProtocol protocol, int index)
    {
        var spec = protocol.Options.Systems[index];
        if (CheckpointProblem(protocol, spec.GroundTruth!, protocol.Options.Task) is { } problem) return [$"systems[{index}].ground_truth: {problem}"];
        var file = protocol.Resolve(spec.Recording!);
        if (!File.Exists(file)) return [];
        try
        {
            _ = GroundTruthFile.Read(file);
            return [];
        }
        catch (InputException e)
        {
            return [$"systems[{index}].ground_truth: expected a recording simulated by neuromas record (with {GroundTruthFile.ObservationPath}), found: {e.Message}"];
        }
    }

    /// <summary>Loads the checkpoint (weights included) as the run would; null when it loads and fits the task.</summary>
    private static string? CheckpointProblem(LoadedProtocol protocol, string checkpoint, string task)
    {
        var path = protocol.Resolve(checkpoint);
        if (!File.Exists(path)) return $"expected an existing file, found no '{checkpoint}'";
        try
        {
            var (network, info) = Checkpoint.Load(path);
            network.Dispose();
            return info.Task == task ? null : $"expected a network trained on {task}, found one trained on {info.Task}";
        }
        catch (InputException e)
        {
            return e.Message;
        }
    }

    /// <summary>Loads a network trained elsewhere as the run would; null when it loads and covers the task's tokens.</summary>
    private static string? ImportedProblem(LoadedProtocol protocol, ImportedNetworkFile imported, ITask? task)
    {
        if (string.IsNullOrWhiteSpace(imported.File) || string.IsNullOrWhiteSpace(imported.Spec)) return "expected file and spec, found " + (string.IsNullOrWhiteSpace(imported.File) ? "no file" : "no spec");
        if (!File.Exists(protocol.Resolve(imported.File))) return $"file: expected an existing file, found no '{imported.File}'";
        if (!File.Exists(protocol.Resolve(imported.Spec))) return $"spec: expected an existing file, found no '{imported.Spec}'";
        if (task is null) return null;
        try
        {
            ImportedNetworks.Load(protocol.Resolve(imported.File), protocol.Resolve(imported.Spec), task).Dispose();
            return null;
        }
        catch (InputException e)
        {
            return e.Message;
        }
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
        return s.Name ?? Path.GetFileNameWithoutExtension(s.Checkpoint ?? s.Network?.File ?? s.Recording ?? $"system{index}") + (s.Untrained ? "-untrained" : "");
    }
}
