using NeuroMas.Tests.Models.Imported;

namespace NeuroMas.Tests.Cli;

/// <summary><c>neuromas import</c>: a good network is evaluated and saved; bad input is one line and exit code 2.</summary>
public class ImportCommandTests
{
    private string _folder = "";

    [OneTimeSetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-import-" + Guid.NewGuid().ToString("N")));

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static string Fixture(string name) => TorchFixtures.PathOf(name);

    private string WriteSpec(string name, Func<string, string> edit)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, edit(File.ReadAllText(Fixture("gru.yaml"))));
        return path;
    }

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
    public void Import_ReportsAccuracy_AndWritesACheckpointThatEvalLoads()
    {
        var output = Path.Combine(_folder, "ref.nmck");
        var (exit, stdout, err) = CliRunner.Run(_folder, "import", Fixture("ref-gru.pt"), "--spec", Fixture("ref-gru.yaml"), "--max-count", "10", "--sequences", "300", "--out", output);
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("parameters").And.Contain("trial accuracy"));
        (exit, stdout, err) = CliRunner.Run(_folder, "eval", output, "--sequences", "300");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("imported on multi-object"));
    }

    [Test]
    public void AStateDictOfAnotherArchitecture_IsOneLine()
    {
        var spec = WriteSpec("lstm-as-gru.yaml", s => s.Replace("prefix: \"model.\"", "prefix: \"\"").Replace("hidden: 48", "hidden: 32"));
        var (exit, _, err) = CliRunner.Run(_folder, "import", Fixture("lstm.pt"), "--spec", spec, "--max-count", "10");
        AssertOneLineError(exit, err, "lstm.pt", "rnn.weight_ih_l0", "[96, 32]", "[128, 32]");
    }

    [Test]
    public void ATruncatedStateDict_IsOneLine()
    {
        var bytes = File.ReadAllBytes(Fixture("gru.pt"));
        var truncated = Path.Combine(_folder, "truncated.pt");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var (exit, _, err) = CliRunner.Run(_folder, "import", truncated, "--spec", Fixture("gru.yaml"), "--max-count", "10");
        AssertOneLineError(exit, err, "truncated.pt", "state dict", "truncated");
    }

    [Test]
    public void ASpecNamingAMissingKey_IsOneLine()
    {
        var spec = WriteSpec("missing-key.yaml", s => s.Replace("embedding: embedding", "embedding: embed"));
        var (exit, _, err) = CliRunner.Run(_folder, "import", Fixture("gru.pt"), "--spec", spec, "--max-count", "10");
        AssertOneLineError(exit, err, "gru.pt", "model.embed.weight", "found none");
    }

    [Test]
    public void AVocabularyWithoutATaskToken_IsOneLine()
    {
        var spec = WriteSpec("no-d2.yaml", s => s.Replace(", D2: 8", ""));
        var (exit, _, err) = CliRunner.Run(_folder, "import", Fixture("gru.pt"), "--spec", spec, "--max-count", "10");
        AssertOneLineError(exit, err, "gru.pt", "vocabulary", "none for D2");
    }

    [Test]
    public void ATypoInTheSpec_IsOneLine()
    {
        var spec = WriteSpec("typo.yaml", s => s.Replace("hidden: 48", "hiden: 48"));
        var (exit, _, err) = CliRunner.Run(_folder, "import", Fixture("gru.pt"), "--spec", spec, "--max-count", "10");
        AssertOneLineError(exit, err, "typo.yaml", "hiden");
    }
}
