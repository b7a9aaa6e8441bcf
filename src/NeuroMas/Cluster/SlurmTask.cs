namespace NeuroMas.Cluster;

/// <summary>What Slurm says of one array task: its array's job name and id, its task id, its state (<c>RUNNING</c>, <c>FAILED</c>, ...).</summary>
public sealed record SlurmTask(string JobName, long ArrayJobId, int Task, string State)
{
    /// <summary>Waiting or running: not to be submitted again.</summary>
    public bool IsActive => State is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "REQUEUED" or "RESIZING" or "SIGNALING" or "STAGE_OUT";
}
