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

    private static IEnumerable<TestCaseData> ExampleProtocols()
    {
        foreach (var (protocol, recording) in new[]
                 {
                     ("padded-trials", "padded.h5"), ("nwb-intervals", "steps.nwb"), ("spreadsheet-csv", "spreadsheet.csv"),
                     ("kilosort", "kilosort"), ("suite2p", "suite2p/plane0"),
                 })
            yield return new TestCaseData(protocol, recording).SetArgDisplayNames(protocol);
    }

    /// <summary>
    /// With a protocol, inspect reads the file (or folder) with that system's reader options, as the run will: the
    /// padded file and the spreadsheet, which do not read with default options, show all 1,434 samples of the 60 trials.
    /// </summary>
    [TestCaseSource(nameof(ExampleProtocols))]
    public void InspectWithAProtocol_ReadsWithItsReaderOptions(string protocol, string recording)
    {
        var examples = Path.Combine(CliRunner.Root, "datasets", "recordings", "examples");
        var (exit, stdout, stderr) = CliRunner.Run(examples, "inspect", recording, "--protocol", Path.Combine(CliRunner.Root, "protocols", "examples", protocol + ".yaml"));
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("reads it): 1434 samples × 16 units, 60 trials, steps 0..41"));
        Assert.That(stdout, Does.Contain("phase (").And.Contain("2 distinct: -1 ×717, 1 ×717"));
        Assert.That(stdout, Does.Contain("check: ok: variables count, phase, every value representable"));
    }

    [Test]
    public void InspectAKilosortFolder_ListsItsFiles_AndKeepsTheGoodClustersOnce()
    {
        var folder = Path.Combine(CliRunner.Root, "datasets", "recordings", "examples", "kilosort");
        var (exit, stdout, stderr) = CliRunner.Run(CliRunner.Root, "inspect", folder, "--protocol", Path.Combine(CliRunner.Root, "protocols", "examples", "kilosort.yaml"));
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Kilosort/Phy output"));
        Assert.That(stdout, Does.Contain("spike_clusters.npy [77646] <i4"));
        Assert.That(stdout, Does.Contain("(KSLabel in [good] from cluster_KSLabel.tsv)"), "the protocol's [good] replaces the default, not appended to it");
    }

    /// <summary>decode --protocol reads the system's own recording with its reader options (no file argument needed).</summary>
    [Test]
    public void DecodeWithAProtocol_UsesTheSystemsReaderOptions()
    {
        var (exit, stdout, stderr) = CliRunner.Run(CliRunner.Root, "decode", "--protocol", Path.Combine(CliRunner.Root, "protocols", "examples", "padded-trials.yaml"),
            "--system", "recording", "--variable", "phase", "--folds", "2");
        Assert.That(exit, Is.EqualTo(0), stderr);
        var row = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.StartsWith("phase,", StringComparison.Ordinal)).Split(',');
        Assert.That(row[1], Is.EqualTo("2"), "two phases");
        Assert.That(double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0.9), "phase is linearly readable from the simulated units");
        (exit, _, stderr) = CliRunner.Run(CliRunner.Root, "decode", "--protocol", Path.Combine(CliRunner.Root, "protocols", "examples", "padded-trials.yaml"), "--system", "nosuch");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("expected a recording system named 'nosuch', found [recording]"));
    }
}
