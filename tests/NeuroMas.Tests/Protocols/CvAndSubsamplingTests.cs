using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Results;
using NeuroMas.Tests.Cli;
using NeuroMas.Tests.Models;

namespace NeuroMas.Tests.Protocols;

/// <summary>cv_folds and unit_counts through the real CLI: one run per fold and per unit subset, pooled in summary.csv, a curve.</summary>
public class CvAndSubsamplingTests
{
    private string _folder = "";

    [OneTimeSetUp]
    public void SetUp()
    {
        Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-cv-" + Guid.NewGuid().ToString("N")));
        using var network = TestNetworks.Create("gru", seed: 1, width: 16);
        Checkpoint.Save(Path.Combine(_folder, "tiny.nmck"), network, new CheckpointInfo { Network = network.Options, Task = "multi-object" });
        var (exit, _, err) = CliRunner.Run(_folder, "record", "tiny.nmck", "--units", "12", "--trials", "60", "--no-csv", "--out", "rec.h5");
        Assert.That(exit, Is.Zero, err);
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void TrialSplit_DealsTrialsIntoFolds_EachTrialTestedOnce()
    {
        Assert.That(Enumerable.Range(0, 20).Select(TrialSplit.Default.Of), Is.EqualTo(Enumerable.Range(0, 20).Select(CausalStates.SplitOf)));
        var tested = Enumerable.Range(0, 5).SelectMany(f => Enumerable.Range(0, 100).Where(t => new TrialSplit(5, f).Of(t) == 2)).ToList();
        Assert.That(tested, Is.Unique.And.EquivalentTo(Enumerable.Range(0, 100)));
        Assert.That(Enumerable.Range(0, 10).Count(t => new TrialSplit(5, 2).Of(t) == 1), Is.EqualTo(2), "one fold validates");
    }

    [Test]
    public void CvFoldsAndUnitCounts_RunOncePerFoldAndSubset_AndPoolInTheSummary()
    {
        File.WriteAllText(Path.Combine(_folder, "cv.yaml"), """
            systems:
              - name: net
                checkpoint: tiny.nmck
              - name: rec
                recording: rec.h5
            methods: [clmas]
            variables: [count]
            subspace_sizes: [4]
            seeds: [1]
            cv_folds: 3
            unit_counts: [4, all]
            unit_repeats: 2
            decoding: true
            train_pairs: 200
            validation_pairs: 50
            test_pairs: 100
            batch_size: 16
            max_steps: 5
            validate_every: 5
            threads: 1
            similarity: false
            output: out
            """);
        var (exit, stdout, err) = CliRunner.Run(_folder, "validate", "cv.yaml");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("9 run(s)"), "3 folds × (2 subsets of 4 units + all units once)");
        (exit, _, err) = CliRunner.Run(_folder, "run", "cv.yaml");
        Assert.That(exit, Is.Zero, err);
        var rows = ResultsCsv.Read(Path.Combine(_folder, "out", "results.csv"));
        var units = rows.Where(r => r.Metric == "units").GroupBy(r => r.RunId).ToDictionary(g => g.Key, g => g.Single().Value);
        Assert.That(units.Values.Count(u => u == 4), Is.EqualTo(6));
        Assert.That(units.Values.Count(u => u == 12), Is.EqualTo(3));
        Assert.That(units.Keys, Has.All.Match("-f[012]-"));
        var summary = File.ReadAllLines(Path.Combine(_folder, "out", "summary.csv"));
        Assert.That(summary, Has.Some.StartsWith("clmas,rec,net,count,4,intervention,iia,6,").And.Some.StartsWith("clmas,rec,net,count,4,intervention,iia,3,"),
            "6 runs of 4 units (2 subsets × 3 folds) and 3 of all units, pooled over folds");
        var curve = File.ReadAllLines(Path.Combine(_folder, "out", "subsampling.csv"));
        Assert.That(curve[0], Is.EqualTo("method,source,target,variable,subspace_size,setting,units,measure,runs,mean,sd,ci_low,ci_high"));
        Assert.That(curve, Has.Some.StartsWith("clmas,rec,net,count,4,cl0.85,4,iia,6,").And.Some.StartsWith("clmas,rec,net,count,4,cl0.85,12,iia,3,"));
        Assert.That(curve, Has.Some.Contains(",12,decoding_knn_accuracy,3,"));
        Assert.That(File.Exists(Path.Combine(_folder, "out", "subsampling-clmas-count-k4.png")), Is.True);
    }
}
