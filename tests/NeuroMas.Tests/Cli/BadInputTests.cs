namespace NeuroMas.Tests.Cli;

/// <summary>Bad input: one line naming what is wrong, exit code 2, no stack trace.</summary>
public class BadInputTests
{
    private string _folder = "";

    [OneTimeSetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-cli-" + Guid.NewGuid().ToString("N")));

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static void AssertOneLineError(int exit, string stderr, params string[] mentions)
    {
        Assert.That(exit, Is.EqualTo(2), stderr);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Does.StartWith("error: "));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        foreach (var m in mentions) Assert.That(lines[0], Does.Contain(m));
    }

    [Test]
    public void UnknownTask()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "train", "--task", "multi-objekt", "--max-steps", "1");
        AssertOneLineError(exit, err, "task", "multi-objekt", "multi-object");
    }

    [Test]
    public void UnknownArchitecture()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "train", "--arch", "rnn", "--max-steps", "1");
        AssertOneLineError(exit, err, "arch", "rnn", "gru");
    }

    [Test]
    public void DecodeAMissingRecording_OrAMissingLabel()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "decode", "nowhere.h5");
        AssertOneLineError(exit, err, "nowhere.h5");
        var shipped = Path.Combine(CliRunner.Root, "datasets", "recordings", "sim-gru4.h5");
        (exit, _, err) = CliRunner.Run(_folder, "decode", shipped, "--variable", "colour");
        AssertOneLineError(exit, err, "sim-gru4.h5", "colour", "count");
    }

    [Test]
    public void InspectWithAProtocol_ShowsItsLabelMap_OrNamesTheMissingSystem()
    {
        var rows = new List<string> { "trial,step,u0,u1,count,epoch" };
        for (var t = 0; t < 6; t++)
            for (var s = 0; s < 4; s++)
                rows.Add($"{t},{s},{0.1 * t + s},{s * 0.5},{(s < 2 ? s : 4 - s)},{(s < 2 ? "sample" : "response")}");
        File.WriteAllLines(Path.Combine(_folder, "rec.csv"), rows);
        File.WriteAllText(Path.Combine(_folder, "p.yaml"), $"""
            systems:
              - name: gru
                checkpoint: {Path.Combine(CliRunner.Root, "datasets", "networks", "gru-seed1.nmck")}
              - name: rec
                recording: rec.csv
                labels:
                  names: {"{"}epoch: phase{"}"}
                  values: {"{"}epoch: {"{"}sample: -1, response: 1{"}"}{"}"}
            methods: [clmas]
            variables: [count]
            subspace_sizes: [4]
            seeds: [1]
            """);
        var (exit, stdout, err) = CliRunner.Run(_folder, "inspect", "rec.csv", "--protocol", "p.yaml");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("epoch (column epoch) → phase").And.Contain("'sample' → -1").And.Contain("check: ok"));
        (exit, stdout, err) = CliRunner.Run(_folder, "inspect", "rec.csv", "--protocol", "p.yaml", "--system", "brain");
        AssertOneLineError(exit, err, "p.yaml", "brain", "rec");
        Assert.That(stdout, Is.Empty, "a wrong protocol fails before anything is printed");
    }

    [Test]
    public void MissingCheckpoint()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "eval", "nowhere.nmck");
        AssertOneLineError(exit, err, "nowhere.nmck");
    }

    [Test]
    public void CorruptCheckpoint()
    {
        File.WriteAllText(Path.Combine(_folder, "corrupt.nmck"), "NMCK1garbage");
        var (exit, _, err) = CliRunner.Run(_folder, "eval", "corrupt.nmck");
        AssertOneLineError(exit, err, "corrupt.nmck", "header");
    }

    [Test]
    public void CheckpointOfAnotherArchitectureInAProtocol()
    {
        var protocol = Path.Combine(_folder, "p.yaml");
        File.WriteAllText(protocol, $"""
            systems:
              - checkpoint: {Path.Combine(CliRunner.Root, "datasets", "networks", "lstm-seed1.nmck")}
            methods: [das]
            variables: [count]
            subspace_sizes: [4]
            seeds: [1]
            """);
        var (exit, _, err) = CliRunner.Run(_folder, "validate", protocol);
        Assert.That(exit, Is.Zero, "an LSTM checkpoint is valid for DAS: " + err);
    }

    [Test]
    public void UnknownOption()
    {
        var (exit, _, err) = CliRunner.Run(_folder, "train", "--epochs", "3");
        AssertOneLineError(exit, err, "--epochs");
    }

    [Test]
    public void ProtocolWithATypoAndAWrongType()
    {
        var protocol = Path.Combine(_folder, "typo.yaml");
        File.WriteAllText(protocol, """
            systems:
              - checkpoint: x.nmck
                untrained: maybe
            methods: [das]
            subspace_size: [4]
            seeds: [one]
            """);
        var (exit, _, err) = CliRunner.Run(_folder, "run", protocol);
        AssertOneLineError(exit, err, "subspace_size: expected the sweep list subspace_sizes, found the single key subspace_size", "systems[0].untrained: expected true or false, found 'maybe'", "seeds[0]: expected an integer, found 'one'");
    }

    [TestCase("unclosed.yaml", "task: multi-object\nsystems:\n  - name: a\n    checkpoint: [x\n  bad: : :\n", "line 4, column 17")]
    [TestCase("indent.yaml", "task: multi-object\n  output: x\n foo: 1\n", "line 2, column 9", "invalid mapping")]
    [TestCase("broken.json", "{\"task\": \"multi-object\",\n \"output\": x}\n", "line 2, column 12")]
    public void ProtocolSyntaxError_NamesLineAndColumn(string name, string text, params string[] mentions)
    {
        var protocol = Path.Combine(_folder, name);
        File.WriteAllText(protocol, text);
        var (exit, _, err) = CliRunner.Run(_folder, "validate", protocol);
        AssertOneLineError(exit, err, [name, .. mentions]);
    }
}
