using NeuroMas.Models;
using NeuroMas.Tests.Models;

namespace NeuroMas.Tests.Cli;

/// <summary>
/// <c>plan</c>, <c>run --run-index</c> and <c>collect</c> through the real CLI, without a cluster: each task writes only its
/// run, collect lists what is missing and merges into the same bytes as one process, and a stale plan stops a task.
/// </summary>
public class PlanCollectTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp()
    {
        Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-plan-" + Guid.NewGuid().ToString("N")));
        using var network = TestNetworks.Create("gru", seed: 2, width: 16);
        Checkpoint.Save(Path.Combine(_folder, "tiny.nmck"), network, new CheckpointInfo { Network = network.Options, Task = "multi-object" });
        File.WriteAllText(Path.Combine(_folder, "p.yaml"), Protocol("[2, 4]"));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static string Protocol(string sizes) => $"""
        systems:
          - name: tiny
            checkpoint: tiny.nmck
        methods: [das]
        variables: [count]
        subspace_sizes: {sizes}
        seeds: [1]
        train_pairs: 100
        validation_pairs: 30
        test_pairs: 30
        batch_size: 16
        max_steps: 10
        validate_every: 5
        threads: 1
        similarity: false
        output: out
        """;

    private static void AssertOneLineError(int exit, string stderr, params string[] mentions)
    {
        Assert.That(exit, Is.EqualTo(2), stderr);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        foreach (var m in mentions) Assert.That(lines[0], Does.Contain(m));
    }

    [Test]
    public void TasksRunTheirOwnRun_CollectListsTheMissingOne_ThenMergesTheOneProcessBytes()
    {
        var (exit, stdout, err) = CliRunner.Run(_folder, "plan", "p.yaml");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("2 run(s) planned in out/plan.json").And.Contain("--run-index <i>"));
        var ids = stdout.Split('\n').Select(l => l.Trim().Split("  ", StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length == 2 && p[1].StartsWith("das-", StringComparison.Ordinal)).Select(p => p[1]).ToList();
        Assert.That(ids, Has.Count.EqualTo(2));

        (exit, stdout, err) = CliRunner.Run(_folder, "run", "p.yaml", "--run-index", "1");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain($"run 1: {ids[1]} done"));
        Assert.That(File.Exists(Path.Combine(_folder, "out", "runs", ids[1], "rows.csv")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(_folder, "out", "runs", ids[0])), Is.False, "a task runs only its own run");
        Assert.That(File.Exists(Path.Combine(_folder, "out", "results.csv")), Is.False, "tasks do not merge: collect does");

        (exit, stdout, err) = CliRunner.Run(_folder, "collect", "out");
        Assert.That(exit, Is.EqualTo(3), "incomplete: " + err);
        Assert.That(stdout, Does.Contain("out: 1 of 2 runs done").And.Contain($"run 0 {ids[0]}: missing (not started)"));
        Assert.That(stdout, Does.Contain("rerun the failed and missing runs: ").And.Contain("p.yaml --run-index 0"));

        (exit, _, err) = CliRunner.Run(_folder, "run", "p.yaml", "--run-index", "0");
        Assert.That(exit, Is.Zero, err);
        (exit, stdout, err) = CliRunner.Run(_folder, "run", "p.yaml", "--run-index", "0");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("already done, skipped"), "resubmitting skips finished runs");
        (exit, stdout, err) = CliRunner.Run(_folder, "collect", "out");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("out: 2 of 2 runs done").And.Not.Contain("rerun"));

        (exit, _, err) = CliRunner.Run(_folder, "run", "p.yaml", "output=whole");
        Assert.That(exit, Is.Zero, err);
        var whole = File.ReadAllBytes(Path.Combine(_folder, "whole", "results.csv"));
        Assert.That(File.ReadAllBytes(Path.Combine(_folder, "out", "results.csv")), Is.EqualTo(whole), "collected = one process, byte for byte");
    }

    [Test]
    public void ATaskOfAStalePlan_StopsWithOneLine()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "plan", "p.yaml");
        Assert.That(exit, Is.Zero, err);
        File.WriteAllText(Path.Combine(_folder, "p.yaml"), Protocol("[2, 8]"));
        (exit, var stdout, err) = CliRunner.Run(_folder, "run", "p.yaml", "--run-index", "1");
        AssertOneLineError(exit, err, "plan.json", "run 1 das-count-k8-s1-", "where das-count-k4-s1-", "p.yaml changed since planning");
        Assert.That(Directory.Exists(Path.Combine(_folder, "out", "runs")), Is.False, "nothing ran");

        (exit, _, err) = CliRunner.Run(_folder, "run", "p.yaml", "seeds=1,2", "--run-index", "0");
        AssertOneLineError(exit, err, "plan.json", "4 runs where 2 were planned");

        (exit, _, err) = CliRunner.Run(_folder, "run", "p.yaml", "--run-index", "2", "output=elsewhere");
        AssertOneLineError(exit, err, "run index 2: expected 0 to 1");
    }

    [Test]
    public void PlanSlurm_SplitsAtMaxArraySize_AndCollectNamesEachScript()
    {
        var (exit, stdout, err) = CliRunner.Run(_folder, "plan", "p.yaml", "--slurm", "--max-array-size", "1", "--max-parallel", "1", "--partition", "debug");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("split into 2 arrays (MaxArraySize 1 from --max-array-size)"));
        Assert.That(stdout, Does.Contain("submit: sbatch out/slurm-0.sbatch && sbatch out/slurm-1.sbatch"));
        Assert.That(File.ReadAllText(Path.Combine(_folder, "out", "slurm-1.sbatch")), Does.Contain("--run-index \"$((1 + SLURM_ARRAY_TASK_ID))\"").And.Contain("#SBATCH --partition=debug"));
        (exit, stdout, _) = CliRunner.Run(_folder, "collect", "out");
        Assert.That(exit, Is.EqualTo(3));
        Assert.That(stdout, Does.Contain($"sbatch --array=0%1 {Path.Combine(_folder, "out", "slurm-0.sbatch")} && sbatch --array=0%1 {Path.Combine(_folder, "out", "slurm-1.sbatch")}"));
    }
}
