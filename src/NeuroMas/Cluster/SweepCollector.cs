using NeuroMas.Results;

namespace NeuroMas.Cluster;

/// <summary>
/// Merges a planned sweep's finished runs into <c>results.csv</c> with the runner's own merge (<see cref="RunMerge"/>,
/// in plan order, so the file is byte for byte the one a single process writes), draws its sweep figures, and says of
/// every run not done whether it is queued, failed or missing, with one command that reruns just the failed and missing.
/// </summary>
public static class SweepCollector
{
    /// <param name="tasks">What Slurm says of the plan's array tasks (<see cref="SlurmQueue.Tasks"/>); empty where unknown.</param>
    public static CollectResult Collect(SweepPlan plan, IReadOnlyList<SlurmTask> tasks)
    {
        var warnings = new List<string>();
        if (File.Exists(plan.Protocol) && RunManifest.Sha256(plan.Protocol) != plan.ProtocolSha256)
            warnings.Add($"{plan.Protocol} changed since planning; tasks started now stop unless it still makes the planned runs");
        var statuses = plan.Runs.Select((id, i) => Status(plan, tasks, i, id)).ToList();
        var rows = RunMerge.Merge(plan.Output, plan.Runs, plan.Statistics);
        try { Plots.Sweep(plan.Output, rows, plan.Statistics.Confidence); }
        catch (Exception e) when (Plots.CannotDraw(e)) { warnings.Add($"plots not drawn: {e.Message.Split('\n')[0]}"); }
        var rerun = statuses.Where(s => s.State is RunState.Failed or RunState.Missing).Select(s => s.Index).ToList();
        return new CollectResult(plan, statuses, rows, Path.Combine(plan.Output, "results.csv"), rerun.Count == 0 ? null : RerunCommand(plan, rerun), warnings);
    }

    /// <summary>
    /// One command running just the given plan runs: <c>sbatch --array=&lt;their task ids&gt; &lt;script&gt;</c> per array
    /// holding any (joined by <c>&amp;&amp;</c>), or, for a plan without arrays, <c>neuromas run ... --run-index i</c> for each.
    /// </summary>
    public static string RerunCommand(SweepPlan plan, IReadOnlyList<int> runs)
    {
        if (plan.Arrays.Count > 0)
            return string.Join(" && ", plan.Arrays
                .Select(a => (Array: a, Tasks: runs.Where(a.Covers).Select(i => i - a.Offset).ToList()))
                .Where(x => x.Tasks.Count > 0)
                .Select(x => $"sbatch --array={SlurmScript.ArraySpec(x.Tasks, x.Array.MaxParallel)} {Shell.Quote(x.Array.Script)}"));
        var cd = Path.GetFullPath(Environment.CurrentDirectory) == plan.WorkingDirectory ? "" : $"cd {Shell.Quote(plan.WorkingDirectory)} && ";
        var run = $"{Shell.Join(plan.Command)} run {Shell.Join([plan.Protocol, .. plan.Overrides])} --run-index";
        return runs.Count == 1 ? $"{cd}{run} {runs[0]}" : $"{cd}for i in {string.Join(" ", runs)}; do {run} \"$i\"; done";
    }

    private static RunStatus Status(SweepPlan plan, IReadOnlyList<SlurmTask> tasks, int index, string id)
    {
        if (RunMerge.IsDone(plan.Output, id)) return new RunStatus(index, id, RunState.Done, "");
        var details = new List<string>();
        var array = plan.Arrays.FirstOrDefault(a => a.Covers(index));
        // The latest submission of this run's task decides (a resubmitted task appears once per submission).
        var task = array is null ? null : tasks.Where(t => t.JobName == array.JobName && t.Task == index - array.Offset).MaxBy(t => t.ArrayJobId);
        if (task is not null) details.Add($"slurm task {task.ArrayJobId}_{task.Task} {task.State}");
        var folder = RunMerge.RunFolder(plan.Output, id);
        var started = Directory.Exists(folder);
        if (started && Directory.EnumerateFiles(folder, "partial-state*.bin").Any()) details.Add("training state saved (a rerun resumes it)");
        else if (started) details.Add("started, no rows written");
        var log = array is null ? null : LastLog(plan.Output, array, index - array.Offset);
        if (log is not null) details.Add($"log {log}");
        var state = task is { IsActive: true } ? RunState.Queued
            : task is not null || started || log is not null ? RunState.Failed
            : RunState.Missing;
        return new RunStatus(index, id, state, details.Count == 0 ? "not started" : string.Join("; ", details));
    }

    /// <summary>The newest Slurm log of the task (<c>&lt;name&gt;-&lt;job&gt;_&lt;task&gt;.out</c>), with its last error line or else its last line.</summary>
    private static string? LastLog(string output, SlurmArray array, int task)
    {
        var folder = Path.Combine(output, SlurmScript.LogFolder);
        if (!Directory.Exists(folder)) return null;
        var newest = Directory.EnumerateFiles(folder, $"{array.JobName}-*_{task}.out")
            .Where(f => long.TryParse(Path.GetFileNameWithoutExtension(f)[(array.JobName.Length + 1)..].Split('_')[0], out _))
            .MaxBy(f => long.Parse(Path.GetFileNameWithoutExtension(f)[(array.JobName.Length + 1)..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture));
        if (newest is null) return null;
        var lines = File.ReadAllLines(newest).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var last = lines.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal) || l.Contains("CANCELLED", StringComparison.Ordinal)) ?? lines.LastOrDefault();
        var shown = last is null ? "(empty)" : last.Length > 160 ? $"\"{last[..160]}...\"" : $"\"{last}\"";
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, newest);
        return $"{(relative.StartsWith("..", StringComparison.Ordinal) ? newest : relative)}: {shown}";
    }
}
