namespace NeuroMas.Cluster;

/// <summary>One planned run as collected: its index in the plan, its id, where it stands, and what showed it.</summary>
/// <param name="Detail">For a run not done: the Slurm task's state, a saved training state, the task log's last error line.</param>
public sealed record RunStatus(int Index, string Id, RunState State, string Detail);
