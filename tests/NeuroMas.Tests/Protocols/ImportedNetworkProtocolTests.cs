using NeuroMas.Protocols;
using NeuroMas.Results;
using NeuroMas.Tests.Cli;
using NeuroMas.Tests.Models.Imported;

namespace NeuroMas.Tests.Protocols;

/// <summary>A network trained in PyTorch named directly in a protocol (<c>network: {file, spec}</c>), run through the real CLI.</summary>
public class ImportedNetworkProtocolTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-imported-protocol-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Protocol(string spec)
    {
        var fixtures = TorchFixtures.Folder.Replace("\\", "/", StringComparison.Ordinal);
        var path = Path.Combine(_folder, "p.yaml");
        File.WriteAllText(path, $"""
            max_count: 10
            systems:
              - name: torch-gru
                network:
                  file: {fixtures}/gru.pt
                  spec: {fixtures}/{spec}
            methods: [das]
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
        return path;
    }

    [Test]
    public void AnImportedNetwork_IsASystemOfAProtocol()
    {
        var (exit, stdout, err) = CliRunner.Run(_folder, "run", Protocol("gru.yaml"));
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("1 runs, 0 already done"));
        var rows = ResultsCsv.Read(Path.Combine(_folder, "out", "results.csv"));
        Assert.That(rows.Where(r => r.Source == "torch-gru" && r.Condition == "intervention" && r.Metric == "iia").Select(r => r.Value), Has.Exactly(1).InRange(0.0, 1.0));
    }

    [Test]
    public void AMissingSpec_IsAValidationProblemNamingTheKey()
    {
        var problems = ProtocolValidator.Validate(ProtocolLoader.Load(Protocol("no-such-spec.yaml")));
        Assert.That(problems, Has.Some.StartsWith("systems[0].network: spec: expected an existing file"));
    }
}
