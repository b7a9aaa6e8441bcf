using NeuroMas.Cluster;
using NeuroMas.Results;

namespace NeuroMas.Tests.Cluster;

/// <summary>Collecting: finished runs merged in plan order; the others listed by index and state, with one rerun command.</summary>
public class SweepCollectorTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-collect-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private SweepPlan Plan(int runs, params (int Offset, int Count)[] arrays) => new()
    {
        Protocol = Path.Combine(_folder, "p.yaml"),
        WorkingDirectory = _folder,
        ProtocolSha256 = "00",
        Output = Path.Combine(_folder, "out"),
        Runs = Enumerable.Range(0, runs).Select(i => $"das-count-k{i}-s1-0123456789").ToList(),
        Command = ["neuromas"],
        Arrays = arrays.Select((a, k) => new SlurmArray(Path.Combine(_folder, "out", $"slurm-{k}.sbatch"), $"neuromas-out-{k}", a.Offset, a.Count, 2)).ToList(),
    };

    private static ResultRow Row(string id, double value) => new(id, "das", "g", "g", "count", 4, 1, 10, true, "intervention", "iia", value);

    private static void Finish(SweepPlan plan, int run, double value) =>
        ResultsCsv.Write(RunMerge.RowsFile(plan.Output, plan.Runs[run]), [Row(plan.Runs[run], value)]);

    [Test]
    public void FinishedRuns_AreMergedInPlanOrder_TheOthersListedWithTheirIndexAndOneRerunCommand()
    {
        var plan = Plan(5, (0, 5));
        Finish(plan, 3, 0.3);
        Finish(plan, 0, 0.1);
        var started = Directory.CreateDirectory(RunMerge.RunFolder(plan.Output, plan.Runs[1])).FullName;
        File.WriteAllBytes(Path.Combine(started, "partial-state.bin"), [1, 2, 3]);
        var logs = Directory.CreateDirectory(Path.Combine(plan.Output, "slurm-logs")).FullName;
        File.WriteAllText(Path.Combine(logs, "neuromas-out-0-41_2.out"), "4 run(s) planned\nerror: something broke\nmore\n");
        File.WriteAllText(Path.Combine(logs, "neuromas-out-0-40_2.out"), "an older submission\n");

        var result = SweepCollector.Collect(plan, [new SlurmTask("neuromas-out-0", 41, 4, "RUNNING")]);

        Assert.That(result.Runs.Select(r => r.State), Is.EqualTo(new[] { RunState.Done, RunState.Failed, RunState.Failed, RunState.Done, RunState.Queued }));
        Assert.That(result.Runs[1].Detail, Does.Contain("training state saved"));
        Assert.That(result.Runs[2].Detail, Does.Contain("neuromas-out-0-41_2.out").And.Contain("error: something broke"), "the newest log's error line");
        Assert.That(result.Runs[4].Detail, Does.Contain("41_4 RUNNING"));
        Assert.That(result.Complete, Is.False);
        Assert.That(result.Rerun, Is.EqualTo($"sbatch --array=1-2%2 {plan.Arrays[0].Script}"), "queued runs are not resubmitted");
        Assert.That(ResultsCsv.Read(result.ResultsCsv), Is.EqualTo(new[] { Row(plan.Runs[0], 0.1), Row(plan.Runs[3], 0.3) }), "plan order, finished runs only");
    }

    [Test]
    public void AMissingRunWithNoTrace_IsMissing_AndTheLatestSubmissionDecides()
    {
        var plan = Plan(3, (0, 3));
        Finish(plan, 0, 0.5);
        var tasks = new[]
        {
            new SlurmTask("neuromas-out-0", 12, 1, "CANCELLED"), new SlurmTask("neuromas-out-0", 15, 1, "PENDING"),
            new SlurmTask("neuromas-out-0", 15, 2, "FAILED"), new SlurmTask("another-sweep", 16, 2, "RUNNING"),
        };
        var result = SweepCollector.Collect(plan, tasks);
        Assert.That(result.Runs.Select(r => r.State), Is.EqualTo(new[] { RunState.Done, RunState.Queued, RunState.Failed }));
        Assert.That(result.Rerun, Is.EqualTo($"sbatch --array=2%2 {plan.Arrays[0].Script}"));

        var untouched = SweepCollector.Collect(Plan(2, (0, 2)) with { Output = Path.Combine(_folder, "fresh") }, []);
        Assert.That(untouched.Runs.Select(r => (r.State, r.Detail)), Is.All.EqualTo((RunState.Missing, "not started")));
    }

    [Test]
    public void AllDone_IsComplete_WithNothingToRerun()
    {
        var plan = Plan(2, (0, 2));
        Finish(plan, 0, 0.1);
        Finish(plan, 1, 0.2);
        var result = SweepCollector.Collect(plan, []);
        Assert.That(result.Complete, Is.True);
        Assert.That(result.Rerun, Is.Null);
        Assert.That(result.Rows, Has.Count.EqualTo(2));
    }

    [Test]
    public void RerunCommand_OfSplitArrays_NamesEachArrayWithItsOwnTaskIds()
    {
        var plan = Plan(5, (0, 3), (3, 2));
        Assert.That(SweepCollector.RerunCommand(plan, [1, 4]),
            Is.EqualTo($"sbatch --array=1%2 {plan.Arrays[0].Script} && sbatch --array=1%2 {plan.Arrays[1].Script}"));
        Assert.That(SweepCollector.RerunCommand(plan, [3]), Is.EqualTo($"sbatch --array=0%2 {plan.Arrays[1].Script}"));
    }

    [Test]
    public void RerunCommand_WithoutArrays_RunsEachIndex()
    {
        var plan = Plan(4) with { Overrides = ["seeds=1,2"], WorkingDirectory = Environment.CurrentDirectory };
        Assert.That(SweepCollector.RerunCommand(plan, [2]), Is.EqualTo($"neuromas run {plan.Protocol} seeds=1,2 --run-index 2"));
        Assert.That(SweepCollector.RerunCommand(plan, [0, 3]), Is.EqualTo($"for i in 0 3; do neuromas run {plan.Protocol} seeds=1,2 --run-index \"$i\"; done"));
    }
}
