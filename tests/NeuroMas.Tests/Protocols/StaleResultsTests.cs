using NeuroMas.Models;
using NeuroMas.Recordings;
using NeuroMas.Tests.Cli;
using NeuroMas.Tests.Models;

namespace NeuroMas.Tests.Protocols;

/// <summary>Results never go stale: a rerun reuses a run only when nothing it depends on changed (through the real CLI).</summary>
public class StaleResultsTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp()
    {
        Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-stale-" + Guid.NewGuid().ToString("N")));
        foreach (var seed in new[] { 1, 4 })
        {
            using var network = TestNetworks.Create("gru", seed: seed, width: 16);
            Checkpoint.Save(Path.Combine(_folder, $"tiny{seed}.nmck"), network, new CheckpointInfo { Network = network.Options, Task = "multi-object" });
        }
        var (exit, _, err) = CliRunner.Run(_folder, "record", "tiny4.nmck", "--units", "12", "--trials", "40", "--no-csv", "--out", "rec.h5");
        Assert.That(exit, Is.Zero, err);
        File.WriteAllText(Path.Combine(_folder, "p.yaml"), """
            systems:
              - name: net
                checkpoint: tiny1.nmck
              - name: rec
                recording: rec.h5
            methods: [clmas]
            variables: [count]
            subspace_sizes: [4]
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
            """);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string[] RunFolders() => Directory.GetDirectories(Path.Combine(_folder, "out", "runs")).Select(Path.GetFileName).OfType<string>().Order().ToArray();

    [Test]
    public void ARerunAfterTheRecordingChanged_Recomputes_AndKeepsTheOldRun()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "run", "p.yaml");
        Assert.That(exit, Is.Zero, err);
        var first = RunFolders();
        Assert.That(first, Has.Length.EqualTo(1));

        var (again, stdout, err2) = CliRunner.Run(_folder, "run", "p.yaml");
        Assert.That(again, Is.Zero, err2);
        Assert.That(stdout, Does.Contain("already done, skipped"), "nothing changed: the run is reused");

        // One value of the recording changes: the same options, another input.
        var path = Path.Combine(_folder, "rec.h5");
        var recording = Hdf5RecordingReader.Load(path, new Hdf5ReadOptions(), new LabelMap());
        recording.Activity[3, 2] += 1f;
        Hdf5RecordingWriter.Write(path, recording);
        var (changed, stdout3, err3) = CliRunner.Run(_folder, "run", "p.yaml");
        Assert.That(changed, Is.Zero, err3);
        Assert.That(stdout3, Does.Not.Contain("already done, skipped"));
        Assert.That(err3, Does.Contain($"inputs or options changed since run {first[0]}"));
        var second = RunFolders();
        Assert.That(second, Has.Length.EqualTo(2), "a new run beside the old one");
        Assert.That(second, Does.Contain(first[0]), "the old run folder is kept");
        Assert.That(File.Exists(Path.Combine(_folder, "out", "runs", first[0], "rows.csv")), Is.True);
    }

    [Test]
    public void TheResolvedProtocol_IsAProtocol_WhoseRunsAreAlreadyDone()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "run", "p.yaml");
        Assert.That(exit, Is.Zero, err);
        var resolved = Path.Combine(_folder, "out", "protocol.resolved.json");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_folder, "elsewhere")).FullName;
        var (again, stdout, err2) = CliRunner.Run(elsewhere, "run", resolved);
        Assert.That(again, Is.Zero, err2);
        Assert.That(stdout, Does.Contain("1 runs, 1 already done"));
        Assert.That(RunFolders(), Has.Length.EqualTo(1));
    }
}
