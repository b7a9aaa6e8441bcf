using System.Diagnostics;
using System.Globalization;

namespace NeuroMas.Cluster;

/// <summary>
/// Asks the local Slurm (its client commands on PATH) what NeuroMas needs: the cluster's <c>MaxArraySize</c>
/// (<c>scontrol show config</c>) and the states of a plan's array tasks (<c>squeue</c>, which also shows recently ended
/// tasks, and <c>sacct</c> where accounting is enabled). Where a command is missing or fails, the answer is "unknown".
/// </summary>
public static class SlurmQueue
{
    /// <summary>The cluster's <c>MaxArraySize</c>, or null when <c>scontrol</c> is unavailable.</summary>
    public static int? MaxArraySize() => Output("scontrol", "show", "config") is { } text ? ParseMaxArraySize(text) : null;

    /// <summary>The <c>MaxArraySize = 1001</c> line of <c>scontrol show config</c>.</summary>
    public static int? ParseMaxArraySize(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "MaxArraySize" && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
                return size;
        }
        return null;
    }

    /// <summary>
    /// Every array task Slurm still knows of the arrays named <paramref name="jobNames"/>, from accounting (when enabled)
    /// and from the queue; a task submitted several times appears once per submission.
    /// </summary>
    public static IReadOnlyList<SlurmTask> Tasks(IReadOnlyCollection<string> jobNames)
    {
        if (jobNames.Count == 0) return [];
        var names = string.Join(",", jobNames);
        var tasks = new List<SlurmTask>();
        if (Output("sacct", "-n", "-X", "-P", "-S", "now-30days", "--name", names, "-o", "JobName,JobID,State") is { } accounted) tasks.AddRange(ParseSacct(accounted));
        if (Output("squeue", "-h", "-r", "-t", "all", "-u", Environment.UserName, "--name", names, "-o", "%j|%F|%K|%T") is { } queued) tasks.AddRange(ParseSqueue(queued));
        return tasks;
    }

    /// <summary>Lines <c>name|array job id|task id|state</c> (<c>squeue -r -o "%j|%F|%K|%T"</c>); other lines are skipped.</summary>
    public static IReadOnlyList<SlurmTask> ParseSqueue(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .Where(f => f.Length == 4 && long.TryParse(f[1], CultureInfo.InvariantCulture, out _) && int.TryParse(f[2], CultureInfo.InvariantCulture, out _))
            .Select(f => new SlurmTask(f[0], long.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), State(f[3])))
            .ToList();

    /// <summary>
    /// Lines <c>name|job id_task id|state</c> (<c>sacct -X -P -o JobName,JobID,State</c>); pending ranges
    /// (<c>12_[3-5]</c>) and jobs that are not array tasks are skipped.
    /// </summary>
    public static IReadOnlyList<SlurmTask> ParseSacct(string text)
    {
        var tasks = new List<SlurmTask>();
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('|');
            if (f.Length != 3) continue;
            var id = f[1].Split('_');
            if (id.Length == 2 && long.TryParse(id[0], CultureInfo.InvariantCulture, out var job) && int.TryParse(id[1], CultureInfo.InvariantCulture, out var task))
                tasks.Add(new SlurmTask(f[0], job, task, State(f[2])));
        }
        return tasks;
    }

    /// <summary><c>CANCELLED by 0</c> is <c>CANCELLED</c>.</summary>
    private static string State(string text) => text.Split(' ', 2)[0].Trim().ToUpperInvariant();

    /// <summary>The command's standard output, or null when it cannot be started, fails or takes over 30 s.</summary>
    private static string? Output(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                return null;
            }
            return process.ExitCode == 0 ? stdout.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
