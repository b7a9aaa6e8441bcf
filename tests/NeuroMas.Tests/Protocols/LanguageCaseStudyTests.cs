using NeuroMas.Protocols;
using NeuroMas.Results;
using NeuroMas.Tests.Cli;

namespace NeuroMas.Tests.Protocols;

/// <summary>The LM case study's protocol: its own networks, groups, stepwise MAS, probe accuracies and the group contrast.</summary>
public class LanguageCaseStudyTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => _folder = Directory.CreateTempSubdirectory("neuromas-lmcase-").FullName;

    [TearDown]
    public void CleanUp() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static readonly string Shipped = Path.Combine(CliRunner.Root, "protocols", "lm-case-study.yaml");

    [Test]
    public void ShippedProtocol_PlansOneMasRun_OverSixModelsInTwoGroups()
    {
        var loaded = ProtocolLoader.Load(Shipped);
        Assert.That(ProtocolValidator.Validate(loaded), Is.Empty);
        var run = RunPlan.Expand(loaded).Single();
        Assert.That(run.Systems, Has.Count.EqualTo(6));
        Assert.That(loaded.Options.Systems.GroupBy(s => s.Group).Select(g => g.Count()), Is.EqualTo(new[] { 3, 3 }));
        Assert.That(run.Options.SwapAt, Is.EqualTo("answer:"));
    }

    [Test]
    public void ShippedGroups_AnswerEveryProbePromptAlike_AndDifferPastIt()
    {
        // The design's premise: on the probe set (the protocol's task and max_count) every group's training rule gives the
        // protocol task's answer, so equal probe accuracy is by construction; past it the groups' rules must differ, or
        // the groups would be trained on one task.
        var options = ProtocolLoader.Load(Shipped).Options;
        var probe = (NeuroMas.Tasks.LanguageCountTask)NeuroMas.Tasks.TaskCatalog.Get(options.Task, options.MaxCount);
        var rules = options.Systems.GroupBy(s => s.Group!).ToDictionary(g => g.Key, g => g.Select(s =>
        {
            var entry = ProtocolNetworks.Find(options, s.Trained!)!;
            return (NeuroMas.Tasks.LanguageCountTask)NeuroMas.Tasks.TaskCatalog.Get(entry.Task, entry.MaxCount);
        }).ToList());
        foreach (var task in rules.Values.SelectMany(r => r))
            for (var n = probe.MinCount; n <= probe.MaxCount; n++)
                Assert.That(task.Answer(n), Is.EqualTo(probe.Answer(n)), $"{task.Name}, {n} objects");
        var first = rules.Values.Select(r => r[0]).ToList();
        var trained = Enumerable.Range(probe.MaxCount + 1, first.Min(t => t.MaxCount) - probe.MaxCount);
        Assert.That(trained.Any(n => first.Select(t => t.Answer(n)).Distinct().Count() > 1), Is.True, "the groups' rules differ past the probe set");
    }

    [Test]
    public void NetworkHashes_ChainThroughFineTunes_SoAChangedBaseRetrainsEveryModel_AndChangesTheRunId()
    {
        var loaded = ProtocolLoader.Load(Shipped);
        var changed = ProtocolLoader.Load(Shipped, ["networks:0:seed=2"]);
        var unchanged = ProtocolLoader.Load(Shipped, ["threads=2"]);
        foreach (var name in new[] { "base", "count-1", "wrap-3" })
        {
            Assert.That(ProtocolNetworks.CheckpointPath(changed.Options, name), Is.Not.EqualTo(ProtocolNetworks.CheckpointPath(loaded.Options, name)), name);
            Assert.That(ProtocolNetworks.CheckpointPath(unchanged.Options, name), Is.EqualTo(ProtocolNetworks.CheckpointPath(loaded.Options, name)), name);
        }
        Assert.That(RunPlan.Expand(changed).Single().Id, Is.Not.EqualTo(RunPlan.Expand(loaded).Single().Id));
    }

    [Test]
    public void BadNetworkEntries_AreAllListed_WithTheirKeys()
    {
        var path = Write("bad.yaml", """
            task: lm-count
            max_count: 6
            networks:
              - {name: a, from: b, task: lm-count}
              - {name: b, task: lm-count-wrapx}
              - {name: b, task: lm-count, min_steps: 9, max_steps: 5}
            systems:
              - {name: x, trained: a, group: g}
              - {name: y, trained: nope, group: h}
            methods: [mas]
            variables: [count]
            subspace_sizes: [4]
            seeds: [1]
            swap_at: "answer:"
            """);
        var problems = ProtocolValidator.Validate(ProtocolLoader.Load(path));
        Assert.That(problems, Has.Some.EqualTo("networks[0].from: expected the name of an earlier entry of networks, found 'b'"));
        Assert.That(problems, Has.Some.StartWith("networks[1].task: expected lm-count-wrap<w>"));
        Assert.That(problems, Has.Some.EqualTo("networks[2].name: expected distinct names, found 'b' again"));
        Assert.That(problems, Has.Some.EqualTo("networks[2].min_steps: expected 0..max-steps (5), found 9"));
        Assert.That(problems, Has.Some.EqualTo("systems[1].trained: expected the name of an entry of networks (a, b, b), found 'nope'"));
    }

    [Test]
    public void SwapAt_ATokenTheTaskLacks_IsFoundByValidate()
    {
        var loaded = ProtocolLoader.Load(Shipped, ["task=multi-object", "networks="]);
        Assert.That(ProtocolValidator.Validate(loaded), Has.Some.EqualTo("swap_at: expected a token the sequences of task multi-object hold before their end, found 'answer:' in none"));
    }

    [Test]
    public void BadPromptFile_FailsValidate_WithOneLine_AndExitCode2()
    {
        var prompts = Write("prompts.csv", "prompt,answer,count\ncount: D0 D1 ; answer:,2,5\n");
        var (exit, stdout, stderr) = CliRunner.Run(_folder, "validate", Shipped, $"prompts={prompts}");
        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stdout + stderr, Does.Contain($"{prompts}: row 2, count: expected 2 (the causal state after 'answer:'), found '5'"));
    }

    [Test]
    public void TinyCaseStudy_TrainsItsNetworks_ProbesThem_AndReportsWithinAgainstAcross_ThenResumesWithoutRetraining()
    {
        var path = Write("tiny.yaml", """
            task: lm-count
            max_count: 3
            networks:
              - {name: base, task: lm-count, max_count: 5, width: 32, layers: 2, heads: 2, hook_layer: 2, max_steps: 600, validate_every: 50, batch_size: 64, learning_rate: 0.003}
              - {name: a1, from: base, task: lm-count, max_count: 5, seed: 11, max_steps: 30, min_steps: 30, batch_size: 32}
              - {name: a2, from: base, task: lm-count, max_count: 5, seed: 12, max_steps: 30, min_steps: 30, batch_size: 32}
              - {name: b1, from: base, task: lm-count-wrap3, max_count: 5, seed: 11, max_steps: 120, batch_size: 32, validate_every: 20}
              - {name: b2, from: base, task: lm-count-wrap3, max_count: 5, seed: 12, max_steps: 120, batch_size: 32, validate_every: 20}
            systems:
              - {name: a1, trained: a1, group: a}
              - {name: a2, trained: a2, group: a}
              - {name: b1, trained: b1, group: b}
              - {name: b2, trained: b2, group: b}
            probe_sequences: 200
            methods: [mas]
            variables: [count]
            subspace_sizes: [8]
            seeds: [1]
            swap_at: "answer:"
            train_pairs: 200
            validation_pairs: 50
            test_pairs: 100
            batch_size: 32
            directions_per_step: 4
            max_steps: 40
            validate_every: 20
            similarity_samples: 100
            statistics: {resamples: 200, similarity_resamples: 0}
            threads: 1
            output: out
            """);
        var loaded = ProtocolLoader.Load(path, [$"output={Path.Combine(_folder, "out")}"]);
        var summary = new ProtocolRunner(loaded).Run();
        Assert.That(summary.Probes.Select(p => p.System), Is.EqualTo(new[] { "a1", "a2", "b1", "b2" }));
        Assert.That(summary.Probes.Select(p => p.Trial), Is.All.GreaterThanOrEqualTo(0.95), "prompts of 1-3 objects: both rules answer alike");
        Assert.That(File.ReadAllLines(Path.Combine(_folder, "out", "networks.csv"))[0], Is.EqualTo("system,group,trained_on,probe_task,sequences,trial_accuracy,token_accuracy"));
        var iia = summary.Rows.Where(r => r.Condition == "intervention" && r.Metric == "iia").ToList();
        Assert.That(iia, Has.Count.EqualTo(16), "n² directions");
        double Get(string metric) => summary.Rows.Single(r => r.Condition == "groups" && r.Metric == metric).Value;
        double Mean(bool within) => iia.Where(r => r.Source != r.Target && (r.Source[0] == r.Target[0]) == within).Average(r => r.Value);
        Assert.That(Get("iia_within"), Is.EqualTo(Mean(true)).Within(1e-9));
        Assert.That(Get("iia_across"), Is.EqualTo(Mean(false)).Within(1e-9));
        Assert.That(Get("iia_within_minus_across"), Is.EqualTo(Mean(true) - Mean(false)).Within(1e-9));
        Assert.That(Get("iia_within_ci_low"), Is.LessThanOrEqualTo(Get("iia_within")));
        Assert.That(summary.Rows.Any(r => r.Metric == "cka_within"), Is.True);

        var checkpoints = Directory.GetFiles(Path.Combine(_folder, "out", "networks")).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.That(checkpoints, Has.Count.EqualTo(5));
        var again = new ProtocolRunner(ProtocolLoader.Load(path, [$"output={Path.Combine(_folder, "out")}"])).Run();
        Assert.That(again.Skipped, Is.EqualTo(1));
        Assert.That(checkpoints.All(c => File.GetLastWriteTimeUtc(c.Key) == c.Value), Is.True, "finished networks are not trained again");
        Assert.That(ResultsCsv.Read(summary.ResultsCsv), Has.Count.EqualTo(summary.Rows.Count));
    }
}
