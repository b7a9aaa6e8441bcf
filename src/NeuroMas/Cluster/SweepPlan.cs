namespace NeuroMas.Cluster;

/// <summary>
/// A sweep planned for a cluster (<c>&lt;output&gt;/plan.json</c>): which protocol, with which overrides, from which
/// folder, and the ids of its runs in plan order, so that task <c>i</c> and <c>neuromas collect</c> can check that index
/// <c>i</c> still means the same run. Paths are absolute.
/// </summary>
public sealed record SweepPlan
{
    /// <summary>The protocol file.</summary>
    public required string Protocol { get; init; }

    /// <summary>The <c>key=value</c> overrides given with it, in order.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The folder the plan was made in: relative paths of the protocol resolve against it, as they did then.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>SHA-256 of the protocol file when planned.</summary>
    public required string ProtocolSha256 { get; init; }

    /// <summary>The sweep's output folder (holding this plan, <c>runs/</c> and <c>results.csv</c>).</summary>
    public required string Output { get; init; }

    /// <summary>Run ids in plan order (<see cref="Protocols.RunPlan.Expand"/>): run index <c>i</c> is <c>Runs[i]</c>.</summary>
    public required IReadOnlyList<string> Runs { get; init; }

    /// <summary>The command that starts NeuroMas, as words (e.g. <c>dotnet /path/NeuroMas.Cli.dll</c>).</summary>
    public IReadOnlyList<string> Command { get; init; } = ["neuromas"];

    /// <summary>The Slurm job arrays covering the runs, in order (none for a plan made without <c>--slurm</c>).</summary>
    public IReadOnlyList<SlurmArray> Arrays { get; init; } = [];

    /// <summary>The protocol's statistics options, so that <c>collect</c> corrects and summarises as the one-process run does.</summary>
    public Protocols.StatisticsOptions Statistics { get; init; } = new();
}
