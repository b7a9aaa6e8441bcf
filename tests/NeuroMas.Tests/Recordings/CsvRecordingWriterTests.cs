using NeuroMas.Recordings;

namespace NeuroMas.Tests.Recordings;

/// <summary>The CSV writer's files read back through <see cref="CsvRecordingReader"/> unchanged.</summary>
public class CsvRecordingWriterTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() =>
        _directory = Directory.CreateTempSubdirectory("neuromas-csvwriter-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static CsvReadOptions Options(Recording recording, string prefix = "u") =>
        new() { UnitPrefix = prefix, LabelColumns = [.. recording.Labels.Keys] };

    [TestCase(1)]
    [TestCase(2)]
    public void Write_ThenRead_GivesIdenticalActivityLabelsTrialAndStep(int seed)
    {
        // 12 units, so u10 and u11 test that columns are ordered by number, not text.
        var recording = Hdf5RecordingWriterTests.Synthetic(samples: 200, units: 12, seed: seed);
        var path = Path.Combine(_directory, "rec.csv");
        CsvRecordingWriter.Write(path, recording);
        var back = CsvRecordingReader.Load(path, Options(recording), new LabelMap());
        Assert.That(back.Activity, Is.EqualTo(recording.Activity));
        foreach (var (name, values) in recording.Labels)
            Assert.That(back.Labels[name], Is.EqualTo(values), name);
        Assert.That(back.Trial, Is.EqualTo(recording.Trial));
        Assert.That(back.Step, Is.EqualTo(recording.Step));
    }

    [Test]
    public void Write_KeepsFloat32BitsThatShortFormatsWouldRound()
    {
        var activity = new float[,] { { 0.1f, 1f / 3f, float.Epsilon, -float.MaxValue, 16777217f, 1.0000001f } };
        var recording = new Recording("x", activity, new Dictionary<string, int[]>(), [0], [0]);
        var path = Path.Combine(_directory, "rec.csv");
        CsvRecordingWriter.Write(path, recording);
        var back = CsvRecordingReader.Load(path, new CsvReadOptions { UnitPrefix = "u" }, new LabelMap());
        Assert.That(back.Row(0), Is.EqualTo(recording.Row(0)));
    }

    [Test]
    public void Header_IsTrialStepLabelsThenUnits()
    {
        var recording = Hdf5RecordingWriterTests.Synthetic(samples: 4, units: 3);
        var path = Path.Combine(_directory, "rec.csv");
        CsvRecordingWriter.Write(path, recording, unitPrefix: "cell");
        Assert.That(File.ReadLines(path).First(), Is.EqualTo("trial,step,count,phase,cell0,cell1,cell2"));
        Assert.That(File.ReadLines(path).Count(), Is.EqualTo(5));
    }

    [Test]
    public void FixtureWrittenAsCsv_ReadsLikeTheFixture()
    {
        var fixture = RecordingFixtures.Loaders["hdf5-plain"]();
        var path = Path.Combine(_directory, "fixture.csv");
        CsvRecordingWriter.Write(path, fixture);
        var back = CsvRecordingReader.Load(path, RecordingFixtures.Csv, new LabelMap());
        var original = RecordingFixtures.Loaders["csv"]();
        Assert.That(back.Activity, Is.EqualTo(original.Activity));
        Assert.That(back.Labels["objects"], Is.EqualTo(original.Labels["objects"]));
    }

    [Test]
    public void LabelNamedLikeAUnitColumn_IsRefused()
    {
        var recording = new Recording("x", new float[1, 1], new Dictionary<string, int[]> { ["u7"] = [0] }, [0], [0]);
        Assert.Throws<ArgumentException>(() => CsvRecordingWriter.Write(Path.Combine(_directory, "rec.csv"), recording));
        Assert.That(Directory.GetFiles(_directory), Is.Empty);
    }
}
