namespace NeuroMas.Cluster;

/// <summary>How <c>neuromas plan --slurm</c> writes its job arrays.</summary>
public sealed record SlurmOptions
{
    /// <summary>At most this many tasks of an array run at once (<c>--array=0-(n−1)%N</c>); 0: as many as Slurm allows.</summary>
    public int MaxParallel { get; init; }

    /// <summary>The partition (<c>--partition</c>); null: the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>Time limit of each task (<c>--time</c>, e.g. <c>2:00:00</c>); null: the partition's default.</summary>
    public string? Time { get; init; }

    /// <summary>CPUs per task (<c>--cpus-per-task</c>); also each task's OpenMP thread count unless the protocol sets <c>threads</c>.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>The cluster's <c>MaxArraySize</c> (array task ids go up to one less); Slurm's default is 1001.</summary>
    public int MaxArraySize { get; init; } = 1001;

    /// <summary>Every problem at once, by option name.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxParallel < 0) yield return $"--max-parallel: expected >= 0 (0 = no limit), found {MaxParallel}";
        if (Cpus < 1) yield return $"--cpus: expected >= 1, found {Cpus}";
        if (MaxArraySize < 1) yield return $"--max-array-size: expected >= 1, found {MaxArraySize}";
        foreach (var (name, value) in new[] { ("--partition", Partition), ("--time", Time) })
            if (value is not null && (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or '$' or '`')))
                yield return $"{name}: expected one word without quotes, found '{value}'";
    }
}
