using NeuroMas.Cluster;

namespace NeuroMas.Tests.Cluster;

/// <summary>What NeuroMas reads from Slurm's commands: MaxArraySize, and array task states from squeue and sacct.</summary>
public class SlurmQueueTests
{
    [Test]
    public void MaxArraySize_IsReadFromScontrolShowConfig()
    {
        const string config = "Configuration data as of 2026-01-01T00:00:00\nMaxArrayLimit = x\nMaxArraySize            = 40001\nMaxJobCount             = 10000\n";
        Assert.That(SlurmQueue.ParseMaxArraySize(config), Is.EqualTo(40001));
        Assert.That(SlurmQueue.ParseMaxArraySize("MaxJobCount = 10000\n"), Is.Null);
    }

    [Test]
    public void Squeue_LinesBecomeTasks()
    {
        var tasks = SlurmQueue.ParseSqueue("neuromas-das|12|0|RUNNING\nneuromas-das|12|3|PENDING\n\ngarbage\nneuromas-das|12|N/A|PENDING\n");
        Assert.That(tasks, Is.EqualTo(new[] { new SlurmTask("neuromas-das", 12, 0, "RUNNING"), new SlurmTask("neuromas-das", 12, 3, "PENDING") }));
        Assert.That(tasks.Select(t => t.IsActive), Is.All.True);
    }

    [Test]
    public void Sacct_LinesBecomeTasks_PendingRangesAndPlainJobsSkipped()
    {
        var tasks = SlurmQueue.ParseSacct("neuromas-das|12_1|CANCELLED by 0\nneuromas-das|12_2|COMPLETED\nneuromas-das|12_[3-5%2]|PENDING\nother|13|FAILED\n");
        Assert.That(tasks, Is.EqualTo(new[] { new SlurmTask("neuromas-das", 12, 1, "CANCELLED"), new SlurmTask("neuromas-das", 12, 2, "COMPLETED") }));
        Assert.That(tasks.Select(t => t.IsActive), Is.All.False);
    }
}
