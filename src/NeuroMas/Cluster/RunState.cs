namespace NeuroMas.Cluster;

/// <summary>Where a planned run stands when a sweep is collected.</summary>
public enum RunState
{
    /// <summary>Its rows file exists: merged into results.csv.</summary>
    Done,

    /// <summary>Slurm has its task waiting or running.</summary>
    Queued,

    /// <summary>Started but not done, and not in the queue: its task failed, was cancelled or timed out (a rerun resumes it).</summary>
    Failed,

    /// <summary>No trace: never started.</summary>
    Missing,
}
