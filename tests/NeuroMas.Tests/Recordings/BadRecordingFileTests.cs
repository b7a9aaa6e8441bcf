using NeuroMas.Recordings;
using static NeuroMas.Tests.Recordings.RecordingFixtures;

namespace NeuroMas.Tests.Recordings;

/// <summary>Bad files written by make_fixtures.py: each is refused with one line naming file and field.</summary>
public class BadRecordingFileTests
{
    private static Recording Hdf5(string file) =>
        Hdf5RecordingReader.Load(Path(file), new Hdf5ReadOptions(), new LabelMap());

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string file, Action load, params string[] fragments) =>
            new TestCaseData(file, load, fragments).SetArgDisplayNames(file);

        yield return Case("bad/truncated.h5", () => Hdf5("bad/truncated.h5"), "/labels", "cannot read");
        yield return Case("bad/missing_activity.h5", () => Hdf5("bad/missing_activity.h5"), "dataset /activity not found");
        yield return Case("bad/mismatched_lengths.h5", () => Hdf5("bad/mismatched_lengths.h5"),
            "/activity has shape [160, 12] but /labels/count has 158 rows");
        yield return Case("bad/nan_activity.h5", () => Hdf5("bad/nan_activity.h5"), "/activity has NaN at sample 17, unit 3");
        yield return Case("bad/phase_seven.h5", () => Hdf5("bad/phase_seven.h5").Validate(Representable),
            "/labels/phase has phase = 7 at sample 12", "cannot represent");
        yield return Case("bad/missing_epoch.nwb",
            () => NwbRecordingReader.Load(Path("bad/missing_epoch.nwb"), NwbSpikes, EpochToPhase),
            "dataset /intervals/trials/epoch not found");
        yield return Case("bad/ragged.csv", () => CsvRecordingReader.Load(Path("bad/ragged.csv"), Csv, new LabelMap()),
            "line 13 has 16 fields but the header has 17", "column 'objects' is missing");
        yield return Case("bad/nonnumeric.csv", () => CsvRecordingReader.Load(Path("bad/nonnumeric.csv"), Csv, new LabelMap()),
            "line 8, column u3: expected a finite number, found 'abc'");
        yield return Case("no_such_file.h5", () => Hdf5("no_such_file.h5"), "file not found");
        yield return Case("recording.csv", () => Hdf5("recording.csv"), "not a readable HDF5 file");
    }

    [TestCaseSource(nameof(Cases))]
    public void BadFile_IsRefused_WithOneLineNamingFileAndField(string file, Action load, string[] fragments)
    {
        var error = Assert.Throws<InputException>(() => load());
        Assert.That(error!.Message, Does.StartWith(Path(file) + ": "));
        Assert.That(error.Message, Does.Not.Contain('\n').And.Not.Contain('\r'));
        foreach (var fragment in fragments)
            Assert.That(error.Message, Does.Contain(fragment));
    }

    [Test]
    public void LabelOutsideTheCausalModel_LoadsUntilTheModelIsAsked()
    {
        var recording = Hdf5("bad/phase_seven.h5");
        Assert.That(recording.Labels["phase"][12], Is.EqualTo(7));
        Assert.DoesNotThrow(() => recording.Validate());
    }

    [Test]
    public void NwbTraces_SampleTimeOutsideTheSeries_IsRefused()
    {
        var options = NwbSpikes with { TracesPath = "/processing/ophys/Fluorescence/RoiResponseSeries", WindowStart = 100 };
        var error = Assert.Throws<InputException>(() => NwbRecordingReader.Load(Path("session.nwb"), options, EpochToPhase));
        Assert.That(error!.Message, Does.Contain("outside /processing/ophys/Fluorescence/RoiResponseSeries/data"));
    }

    [Test]
    public void NwbSpikeCounts_WithoutAWindowEnd_AreRefused()
    {
        var error = Assert.Throws<InputException>(() =>
            NwbRecordingReader.Load(Path("session.nwb"), NwbSpikes with { WindowStop = null }, EpochToPhase));
        Assert.That(error!.Message, Does.Contain("WindowStop is not set"));
    }

    [Test]
    public void CsvOptions_WithBothUnitColumnsAndPrefix_AreRefused()
    {
        var error = Assert.Throws<InputException>(() =>
            CsvRecordingReader.Load(Path("recording.csv"), Csv with { UnitColumns = ["u0"] }, new LabelMap()));
        Assert.That(error!.Message, Does.Contain("either UnitColumns or UnitPrefix"));
    }

    [Test]
    public void Hdf5LabelWithWrongTrialsTimeShape_IsRefused()
    {
        var options = new Hdf5ReadOptions { LabelPaths = { ["activity"] = "/activity" } };
        var error = Assert.Throws<InputException>(() =>
            Hdf5RecordingReader.Load(Path("trials_time.h5"), options, new LabelMap()));
        Assert.That(error!.Message, Does.Contain("/activity has shape [40, 4, 12]: expected [40], [4] or [40, 4]"));
    }
}
