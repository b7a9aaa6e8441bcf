using NeuroMas.Models;
using NeuroMas.Results;
using NeuroMas.Tests.Cli;
using NeuroMas.Tests.Models;

namespace NeuroMas.Tests.Protocols;

/// <summary>A CLMAS protocol end to end through the CLI: record, run with ground truth, controls and decoding.</summary>
public class ClmasProtocolTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-clmas-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void ClmasRun_WritesEveryMeasureBesideItsControls()
    {
        foreach (var seed in new[] { 1, 4 })
        {
            using var network = TestNetworks.Create("gru", seed: seed, width: 16);
            Checkpoint.Save(Path.Combine(_folder, $"tiny{seed}.nmck"), network, new CheckpointInfo { Network = network.Options, Task = "multi-object" });
        }
        var (exit, _, err) = CliRunner.Run(_folder, "record", "tiny4.nmck", "--units", "12", "--trials", "60", "--no-csv", "--out", "rec.h5");
        Assert.That(exit, Is.Zero, err);
        File.WriteAllText(Path.Combine(_folder, "clmas.yaml"), """
            systems:
              - name: net
                checkpoint: tiny1.nmck
              - name: rec
                recording: rec.h5
                ground_truth: tiny4.nmck
            methods: [clmas]
            variables: [count]
            subspace_sizes: [4]
            seeds: [1]
            cl_weights: [0.85]
            controls: [shuffled_labels, untrained_network]
            decoding: true
            train_pairs: 200
            validation_pairs: 50
            test_pairs: 100
            batch_size: 16
            max_steps: 10
            validate_every: 5
            threads: 1
            similarity: false
            """);
        (exit, var stdout, err) = CliRunner.Run(_folder, "run", "clmas.yaml", "output=out");
        Assert.That(exit, Is.Zero, err);
        var rows = ResultsCsv.Read(Path.Combine(_folder, "out", "results.csv"));
        var present = rows.Select(r => (r.Source, r.Target, r.Condition, r.Metric)).ToHashSet();
        Assert.That(present, Is.SupersetOf(new[]
        {
            ("rec", "net", "intervention", "iia"), ("rec", "net", "no_intervention", "iia"), ("rec", "net", "intervention_changed", "iia"),
            ("net", "net", "intervention", "iia"), ("net", "rec", "ground_truth", "iia"), ("rec", "rec", "ground_truth", "iia"),
            ("net", "rec", "ground_truth_ceiling", "iia"), ("rec", "net", "shuffled_labels", "iia"), ("rec", "net", "untrained_network", "iia"),
            ("net", "rec", "intervention", "cl_cosine"), ("net", "rec", "no_intervention", "cl_mse"), ("rec", "net", "data", "matched_pairs"),
            ("rec", "rec", "decoding", "decoding_accuracy"), ("rec", "rec", "decoding", "decoding_accuracy_pairs"),
        }));
        Assert.That(rows.Where(r => r.Condition is "shuffled_labels" or "untrained_network").Select(r => r.Source), Is.All.EqualTo("rec"),
            "controls are reported for the recording→network direction they control");
        Assert.That(rows.Where(r => r.Metric.StartsWith("decoding_accuracy", StringComparison.Ordinal)).Select(r => r.Value), Is.All.InRange(0.0, 1.0));
        Assert.That(stdout, Does.Contain("rec → net"), "the summary table lists the recording→network direction");
        Assert.That(Directory.EnumerateFiles(Path.Combine(_folder, "out"), "partial-state*.bin", SearchOption.AllDirectories), Is.Empty,
            "a finished run leaves no mid-run state, its controls' included");

        // Every IIA has its interval over held-out trials, around it; the intervention is tested against its shuffled-labels control.
        double Value(string source, string target, string condition, string metric) =>
            rows.Single(r => r.Source == source && r.Target == target && r.Condition == condition && r.Metric == metric).Value;
        foreach (var (source, target, condition) in new[] { ("rec", "net", "intervention"), ("rec", "net", "shuffled_labels"), ("net", "net", "intervention"), ("net", "rec", "ground_truth") })
        {
            var (iia, low, high) = (Value(source, target, condition, "iia"), Value(source, target, condition, "iia_ci_low"), Value(source, target, condition, "iia_ci_high"));
            Assert.That(low, Is.LessThanOrEqualTo(iia).And.GreaterThanOrEqualTo(0), $"{source} → {target} {condition}");
            Assert.That(high, Is.GreaterThanOrEqualTo(iia).And.LessThanOrEqualTo(1), $"{source} → {target} {condition}");
        }
        Assert.That(Value("rec", "net", "intervention", "p_shuffled_labels"), Is.InRange(1.0 / 10_001, 1.0));
        Assert.That(Value("rec", "net", "intervention", "permutations"), Is.EqualTo(10_000));
        var summary = File.ReadAllLines(Path.Combine(_folder, "out", "summary.csv"));
        Assert.That(summary[0], Does.StartWith("method,source,target,variable,subspace_size,condition,metric,seeds,mean,sd,ci_low,ci_high"));
        Assert.That(summary, Has.Some.StartsWith("clmas,rec,net,count,4,intervention,iia,1,"));
        Assert.That(stdout, Does.Contain("IIA [95% CI]"));
    }
}
