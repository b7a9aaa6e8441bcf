using NeuroMas.Recordings;
using static NeuroMas.Tests.Recordings.RecordingFixtures;

namespace NeuroMas.Tests.Recordings;

/// <summary>Descriptions of the h5py-written fixtures, as <c>neuromas inspect</c> prints them.</summary>
public class RecordingInspectorTests
{
    private static string[] Lines(string text) => text.Split(Environment.NewLine);

    [Test]
    public void Describe_ListsEveryDataset_WithItsShape()
    {
        var lines = Lines(RecordingInspector.Describe(Path("plain.h5")));
        Assert.That(lines, Does.Contain("  /activity [160, 12] float32"));
        Assert.That(lines, Does.Contain("  /labels/count [160] int64"));
        Assert.That(lines, Does.Contain("  /labels/objects [160] int16"));
        Assert.That(lines, Does.Contain("  /labels/phase [160] int32"));
        Assert.That(lines, Does.Contain("  /trial [160] int64"));
        Assert.That(lines, Does.Contain("  /step [160] int32"));
    }

    [Test]
    public void Describe_WalksNestedNwbGroups_AndNamesStringTypes()
    {
        var lines = Lines(RecordingInspector.Describe(Path("session.nwb")));
        Assert.That(lines, Does.Contain("  /processing/ophys/Fluorescence/RoiResponseSeries/data [820, 12] float32"));
        Assert.That(lines, Does.Contain("  /processing/ophys/Fluorescence/RoiResponseSeries/starting_time scalar float64"));
        Assert.That(lines, Does.Contain("  /intervals/trials/epoch [40, 4] string (variable length)"));
        Assert.That(lines, Does.Contain("  /units/spike_times_index [12] uint32"));
        Assert.That(lines, Does.Contain("trials table /intervals/trials: 40 rows; label candidates (value ×entries):"));
        Assert.That(lines, Does.Contain("  objects [40]: 5 distinct: 2 ×8, 3 ×8, 4 ×8, 5 ×8, 6 ×8"));
    }

    [Test]
    public void Describe_PlainLayout_GivesSamplesUnitsTrials_AndLabelCounts()
    {
        var lines = Lines(RecordingInspector.Describe(Path("plain.h5")));
        Assert.That(lines, Does.Contain("recording (default HDF5 layout): 160 samples × 12 units, 40 trials, steps 0..3 (4 distinct)"));
        Assert.That(lines, Does.Contain("  count (/labels/count): 6 distinct: 2 ×32, 3 ×32, 4 ×32, 5 ×32, 1 ×16, 6 ×16"));
        Assert.That(lines, Does.Contain("  phase (/labels/phase): 2 distinct: -1 ×80, 1 ×80"));
    }

    [Test]
    public void Describe_TrialsTimeLayout_CountsTextLabelsPerSample()
    {
        var lines = Lines(RecordingInspector.Describe(Path("trials_time.h5")));
        Assert.That(lines, Does.Contain("  /labels/epoch [4] string (fixed, 8 bytes)"));
        Assert.That(lines, Does.Contain("  epoch (/labels/epoch): 2 distinct: 'response' ×80, 'sample' ×80"));
        Assert.That(lines, Does.Contain("  objects (/labels/objects): 5 distinct: 2 ×32, 3 ×32, 4 ×32, 5 ×32, 6 ×32"));
    }

    [Test]
    public void Describe_Csv_FindsUnitColumns_AndCountsLabels()
    {
        var lines = Lines(RecordingInspector.Describe(Path("recording.csv")));
        Assert.That(lines[0], Does.EndWith("recording.csv: CSV, 160 rows, 17 columns"));
        Assert.That(lines, Does.Contain("unit columns: 12 (u0, u1, …)"));
        Assert.That(lines, Does.Contain("  objects (column objects): 5 distinct: 2 ×32, 3 ×32, 4 ×32, 5 ×32, 6 ×32"));
        Assert.That(lines.Any(l => l.Contains("160 samples × 12 units, 40 trials", StringComparison.Ordinal)));
    }

    [Test]
    public void ValueCounts_ListTheTwentyMostFrequentValues_AndSumTheRest()
    {
        // Value v occurs v + 1 times for v = 0..24: the five rarest (0..4) fall outside the top 20.
        var values = Enumerable.Range(0, 25).SelectMany(v => Enumerable.Repeat(v.ToString(System.Globalization.CultureInfo.InvariantCulture), v + 1));
        var text = RecordingInspector.ValueCounts(values);
        Assert.That(text, Does.StartWith("25 distinct: 24 ×25, 23 ×24,"));
        Assert.That(text, Does.EndWith("5 ×6, … 5 more values ×15"));
    }

    [Test]
    public void Describe_FileThatOpensButDoesNotRead_ListsDatasetsAndTheReason()
    {
        var text = RecordingInspector.Describe(Path("bad/mismatched_lengths.h5"));
        Assert.That(Lines(text), Does.Contain("  /labels/count [158] int64"));
        Assert.That(text, Does.Contain("cannot be read with default options: /activity has shape [160, 12] but /labels/count has 158 rows"));
    }

    private static IEnumerable<TestCaseData> BadFiles()
    {
        yield return new TestCaseData("bad/truncated.h5", "cannot read").SetArgDisplayNames("truncated");
        yield return new TestCaseData("no_such_file.h5", "file not found").SetArgDisplayNames("missing");
        yield return new TestCaseData("make_fixtures.py", "extension '.py' is not a recording").SetArgDisplayNames("python");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void Describe_UnreadableFile_IsRefused_WithOneLineNamingIt(string file, string fragment)
    {
        var error = Assert.Throws<InputException>(() => RecordingInspector.Describe(Path(file)));
        Assert.That(error!.Message, Does.StartWith(Path(file) + ": "));
        Assert.That(error.Message, Does.Not.Contain('\n'));
        Assert.That(error.Message, Does.Contain(fragment));
    }

    [Test]
    public void Describe_CsvRenamedAsHdf5_IsRefused()
    {
        var path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("neuromas-inspect-").FullName, "fake.h5");
        File.Copy(Path("recording.csv"), path);
        var error = Assert.Throws<InputException>(() => RecordingInspector.Describe(path));
        Assert.That(error!.Message, Does.StartWith(path + ": not a readable HDF5 file"));
        Directory.Delete(System.IO.Path.GetDirectoryName(path)!, recursive: true);
    }

    [Test]
    public void DescribeMapping_ShowsTextValuesBecomingCausalValues()
    {
        var text = RecordingInspector.DescribeMapping(Path("trials_time.h5"), EpochToPhase, Representable);
        var lines = Lines(text);
        Assert.That(lines, Does.Contain("  epoch (/labels/epoch) → phase: value map"));
        Assert.That(lines, Does.Contain("    'response' → 1 ×80, 'sample' → -1 ×80"));
        Assert.That(lines, Does.Contain("  count (/labels/count) → count: integers pass through"));
        Assert.That(lines, Does.Contain("check: ok: variables count, objects, phase, every value representable"));
    }

    [Test]
    public void DescribeMapping_FlagsUnmappedAndUnrepresentableValues()
    {
        var partial = new LabelMap
        {
            Names = { ["epoch"] = "phase" },
            Values = { ["epoch"] = new() { ["sample"] = "-1" } },
        };
        var lines = Lines(RecordingInspector.DescribeMapping(Path("trials_time.h5"), partial, Representable));
        Assert.That(lines, Does.Contain("    'response' → ? (not in the value map) ×80, 'sample' → -1 ×80"));
        Assert.That(lines.Last(l => l.Length > 0), Does.StartWith("check: ").And.Contain("'response'"));

        var seven = Hdf5RecordingReader.Load(Path("bad/phase_seven.h5"), new Hdf5ReadOptions(), new LabelMap());
        var mapping = RecordingInspector.DescribeMapping(seven, new LabelMap(), Representable);
        Assert.That(mapping, Does.Contain("7 → 7 (not representable) ×1"));
        Assert.That(mapping, Does.Contain("check: ").And.Contain("phase = 7 at sample 12"));
    }
}
