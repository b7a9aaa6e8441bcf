using System.Diagnostics;
using NeuroMas.Cluster;

namespace NeuroMas.Tests.Cluster;

/// <summary>The sbatch scripts: one task per run, arrays split at MaxArraySize with offsets, %N, options as directives.</summary>
public class SlurmScriptTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-slurm-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private SweepPlan Plan(int runs) => new()
    {
        Protocol = "/lab/protocols/das.yaml",
        Overrides = ["seeds=1,2", "label=it's mine"],
        WorkingDirectory = "/lab/work dir",
        ProtocolSha256 = "00",
        Output = Path.Combine(_folder, "out"),
        Runs = Enumerable.Range(0, runs).Select(i => $"das-count-k4-s{i}-0123456789").ToList(),
        Command = ["dotnet", "/opt/neuromas/NeuroMas.Cli.dll"],
    };

    [TestCase(4, 1001, new[] { 0, 4 })]
    [TestCase(1001, 1001, new[] { 0, 1001 })]
    [TestCase(1002, 1001, new[] { 0, 1001, 1001, 1 })]
    [TestCase(2500, 1000, new[] { 0, 1000, 1000, 1000, 2000, 500 })]
    [TestCase(5, 1, new[] { 0, 1, 1, 1, 2, 1, 3, 1, 4, 1 })]
    public void Split_CoversEveryRunOnce_InBlocksOfAtMostMaxArraySize(int runs, int max, int[] offsetsAndCounts)
    {
        var blocks = SlurmScript.Split(runs, max);
        Assert.That(blocks.SelectMany(b => new[] { b.Offset, b.Count }), Is.EqualTo(offsetsAndCounts));
        Assert.That(blocks.SelectMany(b => Enumerable.Range(b.Offset, b.Count)), Is.EqualTo(Enumerable.Range(0, runs)));
        Assert.That(blocks.Max(b => b.Count), Is.LessThanOrEqualTo(max), "task ids stay below MaxArraySize");
    }

    [TestCase(new[] { 0, 1, 2, 3 }, 2, "0-3%2")]
    [TestCase(new[] { 0, 1, 2, 3 }, 0, "0-3")]
    [TestCase(new[] { 7, 2, 5, 6, 2 }, 0, "2,5-7")]
    [TestCase(new[] { 4 }, 3, "4%3")]
    [TestCase(new[] { 0, 2, 4, 5 }, 1, "0,2,4-5%1")]
    public void ArraySpec_GroupsConsecutiveTasks_AndAppendsTheThrottle(int[] tasks, int maxParallel, string expected) =>
        Assert.That(SlurmScript.ArraySpec(tasks, maxParallel), Is.EqualTo(expected));

    [Test]
    public void OneArray_RunsTaskIdAsRunIndex_WithTheOptionsAsDirectives()
    {
        var plan = SlurmScript.Write(Plan(4), new SlurmOptions { MaxParallel = 2, Partition = "debug", Time = "1:30:00", Cpus = 4 });
        Assert.That(plan.Arrays, Has.Count.EqualTo(1));
        var array = plan.Arrays[0];
        Assert.That(array.Script, Is.EqualTo(Path.Combine(plan.Output, "slurm.sbatch")));
        var text = File.ReadAllText(array.Script);
        Assert.That(text, Does.StartWith("#!/bin/bash\n"));
        Assert.That(text, Does.Contain("#SBATCH --array=0-3%2\n"));
        Assert.That(text, Does.Contain("#SBATCH --partition=debug\n").And.Contain("#SBATCH --time=1:30:00\n").And.Contain("#SBATCH --cpus-per-task=4\n"));
        Assert.That(text, Does.Contain($"#SBATCH --output={plan.Output}/slurm-logs/%x-%A_%a.out\n"));
        Assert.That(Directory.Exists(Path.Combine(plan.Output, "slurm-logs")), Is.True, "Slurm does not make a missing log folder");
        Assert.That(text, Does.Contain("cd '/lab/work dir'\n"));
        Assert.That(text, Does.Contain("exec dotnet /opt/neuromas/NeuroMas.Cli.dll run /lab/protocols/das.yaml seeds=1,2 'label=it'\\''s mine' --run-index \"$((0 + SLURM_ARRAY_TASK_ID))\"\n"));
    }

    [Test]
    public void WithoutOptions_TheScriptLeavesPartitionAndTimeToTheCluster()
    {
        var text = File.ReadAllText(SlurmScript.Write(Plan(3), new SlurmOptions()).Arrays[0].Script);
        Assert.That(text, Does.Contain("#SBATCH --array=0-2\n"), "no throttle");
        Assert.That(text, Does.Not.Contain("--partition").And.Not.Contain("--time"));
    }

    [Test]
    public void ArraysLargerThanMaxArraySize_AreSplit_EachTaskOffsetToItsRun()
    {
        var plan = SlurmScript.Write(Plan(5), new SlurmOptions { MaxArraySize = 2, MaxParallel = 3 });
        Assert.That(plan.Arrays.Select(a => (Path.GetFileName(a.Script), a.Offset, a.Count)),
            Is.EqualTo(new[] { ("slurm-0.sbatch", 0, 2), ("slurm-1.sbatch", 2, 2), ("slurm-2.sbatch", 4, 1) }));
        Assert.That(plan.Arrays.Select(a => a.JobName).Distinct().Count(), Is.EqualTo(3), "collect tells the arrays' tasks apart by name");
        var last = File.ReadAllText(plan.Arrays[2].Script);
        Assert.That(last, Does.Contain("#SBATCH --array=0%3\n"));
        Assert.That(last, Does.Contain("--run-index \"$((4 + SLURM_ARRAY_TASK_ID))\""));
        Assert.That(File.ReadAllText(plan.Arrays[1].Script), Does.Contain("#SBATCH --array=0-1%3\n").And.Contain("$((2 + SLURM_ARRAY_TASK_ID))"));
        Assert.That(Enumerable.Range(0, 5).Select(i => plan.Arrays.Count(a => a.Covers(i))), Is.All.EqualTo(1));
    }

    [Test]
    public void BadOptions_AreAllReported()
    {
        var e = Assert.Throws<InputException>(() => SlurmScript.Write(Plan(2), new SlurmOptions { Cpus = 0, MaxParallel = -1, Time = "1:00; rm -rf" }));
        Assert.That(e!.Message, Does.Contain("--cpus: expected >= 1, found 0").And.Contain("--max-parallel").And.Contain("--time: expected one word"));
    }

    [TestCase("plain-word_1.2/x=y,z")]
    [TestCase("it's")]
    [TestCase("two words")]
    [TestCase("$HOME `date` \"q\" \\")]
    [TestCase("")]
    public void ShellQuote_ReadsBackAsTheSameWord(string word)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"printf '%s' {Shell.Quote(word)}");
        using var bash = Process.Start(start)!;
        var back = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.That(back, Is.EqualTo(word));
    }
}
