using System.Text.Json;
using NeuroMas.Protocols;
using NeuroMas.Results;

namespace NeuroMas.Cluster;

/// <summary>
/// Reads, writes and checks <c>&lt;output&gt;/plan.json</c> (<see cref="SweepPlan"/>). A task checks it before it runs
/// its index: run ids hash every option and input file, so a protocol or input changed since planning changes them and
/// the task stops with one line instead of computing another run than the plan says.
/// </summary>
public static class PlanFile
{
    public const string Name = "plan.json";

    public static string PathIn(string output) => Path.Combine(output, Name);

    /// <summary>The plan of <paramref name="protocol"/>'s runs (<see cref="RunPlan.Expand"/>), as made in the current folder.</summary>
    /// <param name="command">The words that start NeuroMas, written into scripts and printed commands.</param>
    public static SweepPlan Create(LoadedProtocol protocol, IReadOnlyList<string> overrides, IReadOnlyList<RunSpec> runs, IReadOnlyList<string> command) => new()
    {
        Protocol = Path.GetFullPath(protocol.Path),
        Overrides = overrides,
        WorkingDirectory = Environment.CurrentDirectory,
        ProtocolSha256 = RunManifest.Sha256(protocol.Path),
        Output = Path.GetFullPath(protocol.Options.Output),
        Runs = runs.Select(r => r.Id).ToList(),
        Command = command,
        Statistics = protocol.Options.Statistics,
    };

    public static void Write(SweepPlan plan) => AtomicFile.WriteText(PathIn(plan.Output), JsonSerializer.Serialize(plan, ProtocolWriter.Json) + "\n");

    /// <summary>The plan in <paramref name="output"/>, or null when there is none.</summary>
    public static SweepPlan? TryRead(string output)
    {
        var path = PathIn(output);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SweepPlan>(File.ReadAllText(path), ProtocolWriter.Json)
                   ?? throw new InputException($"{path}: expected a plan written by neuromas plan, found null");
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: expected a plan written by neuromas plan, cannot read it: {e.Message.Split('\n')[0]}", e);
        }
    }

    public static SweepPlan Read(string output) =>
        TryRead(output) ?? throw new InputException($"{PathIn(output)}: expected a plan (made by neuromas plan <protocol> --slurm), found none");

    /// <summary>
    /// Throws (one line, naming the first run that differs and why) unless <paramref name="runs"/>, the runs the protocol
    /// makes now, are the planned runs in the planned order. Edits that change no run (a comment, <c>threads</c>) pass.
    /// </summary>
    public static void Check(SweepPlan plan, LoadedProtocol protocol, IReadOnlyList<string> overrides, IReadOnlyList<RunSpec> runs)
    {
        var first = Enumerable.Range(0, Math.Max(plan.Runs.Count, runs.Count))
            .FirstOrDefault(i => i >= plan.Runs.Count || i >= runs.Count || plan.Runs[i] != runs[i].Id, -1);
        if (first < 0) return;
        var differences = new List<string>();
        if (runs.Count != plan.Runs.Count) differences.Add($"{runs.Count} runs where {plan.Runs.Count} were planned");
        if (first < Math.Min(runs.Count, plan.Runs.Count)) differences.Add($"run {first} {runs[first].Id} where {plan.Runs[first]} was planned");
        var what = string.Join(" and ", differences);
        var why = Path.GetFullPath(protocol.Path) != plan.Protocol ? $"{protocol.Path} is not the planned protocol {plan.Protocol}"
            : RunManifest.Sha256(protocol.Path) != plan.ProtocolSha256 ? $"{protocol.Path} changed since planning"
            : !overrides.SequenceEqual(plan.Overrides) ? $"overrides '{string.Join(" ", overrides)}' differ from the planned '{string.Join(" ", plan.Overrides)}'"
            : "an input file changed since planning (run ids hash every input)";
        throw new InputException($"{PathIn(plan.Output)}: the protocol now makes {what}: {why}; plan again (neuromas plan) or restore it");
    }
}
