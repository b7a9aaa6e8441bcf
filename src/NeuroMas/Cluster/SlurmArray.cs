namespace NeuroMas.Cluster;

/// <summary>
/// One Slurm job array of a plan: its sbatch script runs plan runs <see cref="Offset"/> to
/// <see cref="Offset"/> + <see cref="Count"/> − 1 as array tasks 0 to <see cref="Count"/> − 1 (task ids restart at 0 in
/// every array, so a sweep larger than the cluster's <c>MaxArraySize</c> is split into several).
/// </summary>
/// <param name="Script">The sbatch script (absolute path).</param>
/// <param name="JobName">Its job name, distinct per array of a plan (how <c>collect</c> finds its tasks in the queue).</param>
/// <param name="MaxParallel">At most this many of its tasks run at once (<c>%N</c>); 0: no limit.</param>
public sealed record SlurmArray(string Script, string JobName, int Offset, int Count, int MaxParallel)
{
    /// <summary>Whether plan run <paramref name="run"/> is one of this array's tasks.</summary>
    public bool Covers(int run) => run >= Offset && run < Offset + Count;
}
