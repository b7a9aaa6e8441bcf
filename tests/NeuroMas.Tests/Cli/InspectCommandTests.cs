namespace NeuroMas.Tests.Cli;

/// <summary><c>neuromas inspect</c> run as a process on the recording fixtures.</summary>
public class InspectCommandTests
{
    private static string Fixture(string name) =>
        Path.Combine(CliRunner.Root, "tests", "NeuroMas.Tests", "Recordings", "Fixtures", name);

    [Test]
    public void Inspect_PrintsDatasetsAndLabelCounts_AndExitsZero()
    {
        var (exit, stdout, stderr) = CliRunner.Run(CliRunner.Root, "inspect", Fixture("plain.h5"));
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("/activity [160, 12] float32"));
        Assert.That(stdout, Does.Contain("phase (/labels/phase): 2 distinct: -1 ×80, 1 ×80"));
    }

    [Test]
    public void Inspect_TruncatedFile_PrintsOneLineNamingIt_AndExitsTwo()
    {
        var path = Fixture("bad/truncated.h5");
        var (exit, _, stderr) = CliRunner.Run(CliRunner.Root, "inspect", path);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.StartWith($"error: {path}: ").And.Not.Contain('\n'));
    }
}
