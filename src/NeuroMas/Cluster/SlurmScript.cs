using System.Globalization;
using System.Text;

namespace NeuroMas.Cluster;

/// <summary>
/// Writes a plan's sbatch scripts: one job array per at most <c>MaxArraySize</c> runs, each task running exactly its run
/// (<c>neuromas run &lt;protocol&gt; [overrides] --run-index &lt;offset + SLURM_ARRAY_TASK_ID&gt;</c>) from the folder the
/// plan was made in. Task logs go to <c>&lt;output&gt;/slurm-logs/&lt;job name&gt;-&lt;job id&gt;_&lt;task&gt;.out</c>.
/// </summary>
public static class SlurmScript
{
    public const string LogFolder = "slurm-logs";

    /// <summary>
    /// The arrays covering <paramref name="runs"/> runs: consecutive blocks of at most <paramref name="maxArraySize"/>
    /// (task ids 0 to <paramref name="maxArraySize"/> − 1, the largest Slurm accepts), in plan order.
    /// </summary>
    public static IReadOnlyList<(int Offset, int Count)> Split(int runs, int maxArraySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArraySize, 1);
        var blocks = new List<(int, int)>();
        for (var offset = 0; offset < runs; offset += maxArraySize) blocks.Add((offset, Math.Min(maxArraySize, runs - offset)));
        return blocks;
    }

    /// <summary>An <c>--array</c> value: the task ids as ranges (<c>0-3</c>, <c>2,5-7</c>), then <c>%N</c> when <paramref name="maxParallel"/> &gt; 0.</summary>
    public static string ArraySpec(IEnumerable<int> tasks, int maxParallel)
    {
        var sorted = tasks.Distinct().Order().ToList();
        if (sorted.Count == 0) throw new ArgumentException("expected at least one task id", nameof(tasks));
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? I(sorted[i]) : $"{I(sorted[i])}-{I(sorted[j])}");
            i = j + 1;
        }
        return string.Join(",", parts) + (maxParallel > 0 ? $"%{I(maxParallel)}" : "");
    }

    /// <summary>
    /// Writes the scripts of <paramref name="plan"/> beside it (<c>slurm.sbatch</c>, or <c>slurm-0.sbatch</c>,
    /// <c>slurm-1.sbatch</c>, ... when split) and the log folder, and returns the plan with its arrays.
    /// </summary>
    public static SweepPlan Write(SweepPlan plan, SlurmOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new InputException(string.Join("; ", problems));
        if (plan.Output.Any(char.IsWhiteSpace))
            throw new InputException($"output: expected a folder without spaces for Slurm's log paths, found '{plan.Output}'");
        if (plan.Runs.Count == 0) throw new InputException($"{plan.Protocol}: expected at least one run to plan, found none");
        Directory.CreateDirectory(Path.Combine(plan.Output, LogFolder));
        var blocks = Split(plan.Runs.Count, options.MaxArraySize);
        var name = JobName(plan.Output);
        var arrays = blocks.Select((b, k) => blocks.Count == 1
                ? new SlurmArray(Path.Combine(plan.Output, "slurm.sbatch"), name, b.Offset, b.Count, options.MaxParallel)
                : new SlurmArray(Path.Combine(plan.Output, $"slurm-{I(k)}.sbatch"), $"{name}-{I(k)}", b.Offset, b.Count, options.MaxParallel))
            .ToList();
        foreach (var array in arrays) AtomicFile.WriteText(array.Script, Text(plan, array, options));
        return plan with { Arrays = arrays };
    }

    /// <summary>The sbatch script of one array.</summary>
    public static string Text(SweepPlan plan, SlurmArray array, SlurmOptions options)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append($"#SBATCH --job-name={array.JobName}\n");
        s.Append($"#SBATCH --array={ArraySpec(Enumerable.Range(0, array.Count), array.MaxParallel)}\n");
        s.Append($"#SBATCH --output={Path.Combine(plan.Output, LogFolder)}/%x-%A_%a.out\n");
        s.Append($"#SBATCH --cpus-per-task={I(options.Cpus)}\n");
        if (options.Partition is not null) s.Append($"#SBATCH --partition={options.Partition}\n");
        if (options.Time is not null) s.Append($"#SBATCH --time={options.Time}\n");
        s.Append($$"""
            #
            # Written by `neuromas plan --slurm`: task i of this array runs run {{I(array.Offset)}} + i of {{PlanFile.PathIn(plan.Output)}}
            # (runs {{I(array.Offset)}} to {{I(array.Offset + array.Count - 1)}} of {{I(plan.Runs.Count)}}), writing only its own folder runs/<run id>/.
            # Submitting again skips finished runs and resumes unfinished ones. Afterwards: neuromas collect {{Shell.Quote(plan.Output)}}
            set -euo pipefail
            cd {{Shell.Quote(plan.WorkingDirectory)}}
            export OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"
            exec {{Shell.Join(plan.Command)}} run {{Shell.Join([plan.Protocol, .. plan.Overrides])}} --run-index "$(({{I(array.Offset)}} + SLURM_ARRAY_TASK_ID))"

            """);
        return s.ToString();
    }

    /// <summary><c>neuromas-&lt;output folder name&gt;</c>, in the characters Slurm shows plainly.</summary>
    private static string JobName(string output)
    {
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(output));
        var safe = new string(folder.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return safe.Length == 0 ? "neuromas" : $"neuromas-{safe}";
    }

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);
}
