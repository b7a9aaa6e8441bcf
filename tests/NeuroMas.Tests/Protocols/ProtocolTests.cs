using NeuroMas.Protocols;
using NeuroMas.Tests.Cli;

namespace NeuroMas.Tests.Protocols;

public class ProtocolTests
{
    private static IEnumerable<string> Shipped() =>
        Directory.GetFiles(Path.Combine(CliRunner.Root, "protocols"), "*.yaml").Select(Path.GetFileName).OfType<string>();

    [TestCaseSource(nameof(Shipped))]
    public void ShippedProtocol_Validates(string name)
    {
        var loaded = ProtocolLoader.Load(Path.Combine(CliRunner.Root, "protocols", name));
        Assert.That(ProtocolValidator.Validate(loaded), Is.Empty);
        Assert.That(RunPlan.Expand(loaded), Is.Not.Empty);
    }

    private static IEnumerable<string> Scale() =>
        Directory.GetFiles(Path.Combine(CliRunner.Root, "protocols", "scale"), "*.yaml").Select(Path.GetFileName).OfType<string>();

    /// <summary>The scale protocols read recordings made on the spot (too large to ship): all else must validate.</summary>
    [TestCaseSource(nameof(Scale))]
    public void ScaleProtocol_ValidatesButForItsUnshippedRecording(string name)
    {
        var loaded = ProtocolLoader.Load(Path.Combine(CliRunner.Root, "protocols", "scale", name));
        Assert.That(ProtocolValidator.Validate(loaded).Where(p => !p.Contains("expected an existing file or folder, found no '../../runs/recordings/", StringComparison.Ordinal)), Is.Empty);
        Assert.That(RunPlan.Expand(loaded), Is.Not.Empty);
    }

    private static string Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nm-protocol-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void TypoedKey_IsReportedWithItsKeyPath()
    {
        var path = Write("methods: [das]\nsystems:\n  - checkpoint: a.nmck\n    untrainde: true\nsubspace_size: [4]\n");
        var e = Assert.Throws<InputException>(() => ProtocolLoader.Load(path));
        Assert.That(e!.Message, Does.Contain("systems[0].untrainde: unknown key; did you mean untrained?").And.Contain("subspace_size: expected the sweep list subspace_sizes"));
    }

    [Test]
    public void WrongTypedValue_IsReportedWithItsKeyPathExpectedAndFound()
    {
        var path = Write("methods: [das]\nseeds: [1, two]\nmax_steps: lots\nzscore: perhaps\n");
        var e = Assert.Throws<InputException>(() => ProtocolLoader.Load(path));
        Assert.That(e!.Message, Does.Contain("seeds[1]: expected an integer, found 'two'")
            .And.Contain("max_steps: expected an integer, found 'lots'").And.Contain("zscore: expected true or false, found 'perhaps'"));
    }

    [Test]
    public void JsonProtocol_BindsLikeYaml()
    {
        var checkpoint = Path.Combine(CliRunner.Root, "datasets", "networks", "gru-seed1.nmck").Replace("\\", "/", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"nm-protocol-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            { "systems": [ { "name": "g", "checkpoint": "{{checkpoint}}" } ], "methods": ["das"], "variables": ["count"],
              "subspace_sizes": [4, 8], "seeds": [2], "max_steps": 7, "cl_weights": [0.5] }
            """);
        var loaded = ProtocolLoader.Load(path);
        Assert.That(ProtocolValidator.Validate(loaded), Is.Empty);
        Assert.That(loaded.Options.SubspaceSizes, Is.EqualTo(new[] { 4, 8 }));
        Assert.That(loaded.Options.ClWeightsOrDefault(), Is.EqualTo(new[] { 0.5 }), "a list in the file replaces the default");
        Assert.That(RunPlan.Expand(loaded).Select(r => r.Options.MaxSteps), Is.All.EqualTo(7));
    }

    [Test]
    public void SemanticProblems_AreAllListedAtOnce()
    {
        var path = Write("task: multi-object\nsystems:\n  - checkpoint: missing.nmck\nmethods: [das]\nvariables: [cont]\nsubspace_sizes: [-1]\ntarget_iia: 2\npatience: 0\n");
        var problems = ProtocolValidator.Validate(ProtocolLoader.Load(path));
        Assert.That(problems, Has.Some.Contains("systems[0].checkpoint"));
        Assert.That(problems, Has.Some.Contains("variables[0]"));
        Assert.That(problems, Has.Some.Contains("subspace_sizes[0]"));
        Assert.That(problems, Has.Some.Contains("seeds"));
        Assert.That(problems, Has.Some.EqualTo("target_iia: expected 0 to 1, found 2"));
        Assert.That(problems, Has.Some.EqualTo("patience: expected >= 1, found 0"));
    }

    [Test]
    public void Choices_AreCheckedWhenRead_ByTheirNames()
    {
        var path = Write("systems:\n  - checkpoint: missing.nmck\nmethods: [das, maz]\ncontrols: [shuffled_labels, shuffled]\ncl_target: median\ncl_space: latent\nmap: Linear\n");
        var e = Assert.Throws<InputException>(() => ProtocolLoader.Load(path));
        Assert.That(e!.Message, Does.Contain("methods[1]: expected one of das, mas, unimas, stitching, clmas, found 'maz'"));
        Assert.That(e.Message, Does.Contain("controls[1]: expected one of shuffled_labels, untrained_network, found 'shuffled'"));
        Assert.That(e.Message, Does.Contain("cl_target: expected one of mean, sample, nearest, found 'median'"));
        Assert.That(e.Message, Does.Contain("cl_space: expected one of state, aligned, found 'latent'"));
        Assert.That(e.Message, Does.Not.Contain("map"), "choices are read in any case");
    }

    [Test]
    public void ASweptKeyGivenAlone_NamesItsList()
    {
        var path = Write("systems:\n  - checkpoint: missing.nmck\nmethods: [das]\nseed: 3\nmethod: das\n");
        var e = Assert.Throws<InputException>(() => ProtocolLoader.Load(path));
        Assert.That(e!.Message, Does.Contain("seed: expected the sweep list seeds (e.g. seeds: [3]), found the single key seed"));
        Assert.That(e.Message, Does.Contain("method: expected the sweep list methods"));
    }

    [Test]
    public void Overrides_ReplaceListsAndScalars_AndChangeTheRunIds()
    {
        var path = Path.Combine(CliRunner.Root, "protocols", "mas.yaml");
        var plain = RunPlan.Expand(ProtocolLoader.Load(path));
        var overridden = ProtocolLoader.Load(path, ["subspace_sizes=4,8", "seeds=3", "max_steps=10"]);
        var runs = RunPlan.Expand(overridden);
        Assert.That(overridden.Options.SubspaceSizes, Is.EqualTo(new[] { 4, 8 }));
        Assert.That(overridden.Options.Training.MaxSteps, Is.EqualTo(10));
        Assert.That(runs.Select(r => r.SubspaceSize), Is.EqualTo(new[] { 4, 8 }));
        Assert.That(runs.Select(r => r.Id).Intersect(plain.Select(r => r.Id)), Is.Empty);
        Assert.That(RunPlan.Expand(ProtocolLoader.Load(path, ["subspace_sizes=4,8", "seeds=3", "max_steps=10"])).Select(r => r.Id),
            Is.EqualTo(runs.Select(r => r.Id)), "ids are stable");
    }

    [Test]
    public void MasOverNSystems_UsesNMaps_SoParametersGrowLinearly()
    {
        var two = ProtocolLoader.Load(Path.Combine(CliRunner.Root, "protocols", "gru-vs-transformer.yaml"));
        var runs = RunPlan.Expand(two);
        Assert.That(runs.Single().Systems, Has.Count.EqualTo(3), "one MAS run aligns all three systems, one map each");
    }
}
