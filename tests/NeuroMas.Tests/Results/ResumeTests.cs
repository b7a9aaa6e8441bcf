using System.Diagnostics;
using NeuroMas.Models;
using NeuroMas.Results;
using NeuroMas.Tests.Cli;
using NeuroMas.Tests.Models;

namespace NeuroMas.Tests.Results;

/// <summary>A sweep killed mid-run (a real process kill) and run again ends with exactly an uninterrupted run's rows.</summary>
public class ResumeTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp()
    {
        Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-resume-" + Guid.NewGuid().ToString("N")));
        using var network = TestNetworks.Create("gru", seed: 3, width: 16);
        Checkpoint.Save(Path.Combine(_folder, "tiny.nmck"), network, new CheckpointInfo { Network = network.Options, Task = "multi-object" });
        File.WriteAllText(Path.Combine(_folder, "sweep.yaml"), """
            systems:
              - name: tiny
                checkpoint: tiny.nmck
            methods: [das]
            variables: [count, phase]
            subspace_sizes: [2, 4]
            seeds: [1, 2]
            train_pairs: 200
            validation_pairs: 50
            test_pairs: 50
            batch_size: 16
            max_steps: 60
            validate_every: 20
            threads: 1
            similarity: false
            """);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void KilledSweep_RerunEndsWithTheRowsOfAnUninterruptedRun()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "run", "sweep.yaml", "output=whole");
        Assert.That(exit, Is.Zero, err);
        var whole = ResultsCsv.Read(Path.Combine(_folder, "whole", "results.csv"));

        // The same sweep, killed (SIGKILL) right after its 8th mid-run checkpoint: each run validates, and saves its state,
        // at steps 20, 40 and 60, so runs 1 and 2 are done and run 3 has saved its state twice. The CLI's kill switch makes
        // the point of the kill the same on any machine.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { CliRunner.CliDll, "run", "sweep.yaml", "output=killed" }) start.ArgumentList.Add(a);
        start.Environment["NEUROMAS_KILL_AFTER_CHECKPOINTS"] = "8";
        var runs = Path.Combine(_folder, "killed", "runs");
        using (var process = Process.Start(start)!)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            Assert.That(process.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, "the sweep killed itself");
            Assert.That(process.ExitCode, Is.Not.Zero, "killed, not finished");
            Assert.That(output.Result, Does.Not.Contain("results:"), "the sweep did not get to its summary");
        }
        var doneAtKill = Done(runs);
        Assert.That(doneAtKill, Is.EqualTo(2));
        Assert.That(Partial(runs), Is.True, "an unfinished run left its mid-run state to resume from");
        // Whatever was written before the kill is whole: every file parses.
        var partial = Path.Combine(_folder, "killed", "results.csv");
        if (File.Exists(partial)) Assert.That(ResultsCsv.Read(partial).Select(r => r.RunId).Distinct().Count(), Is.LessThanOrEqualTo(doneAtKill));

        var (again, stdout, err2) = CliRunner.Run(_folder, "run", "sweep.yaml", "output=killed");
        Assert.That(again, Is.Zero, err2);
        Assert.That(stdout, Does.Contain("already done, skipped"));
        Assert.That(stdout, Does.Contain("resumed from its saved training state"));
        var resumed = ResultsCsv.Read(partial);
        Assert.That(resumed, Has.Count.EqualTo(whole.Count));
        Assert.That(resumed.Distinct().Count(), Is.EqualTo(resumed.Count), "no duplicate rows");
        Assert.That(resumed.Select(r => r.RunId).Distinct(), Is.EquivalentTo(whole.Select(r => r.RunId).Distinct()));
        Assert.That(resumed, Is.EqualTo(whole), "deterministic runs, resumed mid-run: the same rows in the same order");
        Assert.That(Partial(runs), Is.False, "finished runs leave no mid-run state behind");
    }

    private static bool Partial(string runs) =>
        Directory.Exists(runs) && Directory.GetDirectories(runs).Any(d => File.Exists(Path.Combine(d, "partial-state.bin")) && !File.Exists(Path.Combine(d, "rows.csv")));

    private static int Done(string runs) =>
        Directory.Exists(runs) ? Directory.GetDirectories(runs).Count(d => File.Exists(Path.Combine(d, "rows.csv"))) : 0;
}
