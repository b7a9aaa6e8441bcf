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
        yield return Case("bad/nan_activity.h5", () => Hdf5("bad/nan_activity.h5"), "/activity has NaN at sample 17 (trial 4, step 1), unit 3");
        yield return Case("bad/phase_seven.h5", () => Hdf5("bad/phase_seven.h5").Validate(Representable),
            "/labels/phase has phase = 7 at sample 12", "cannot represent");
        yield return Case("bad/missing_epoch.nwb",
            () => NwbRecordingReader.Load(Path("bad/missing_epoch.nwb"), NwbSpikes, EpochToPhase),
            "dataset /intervals/trials/epoch not found");
        yield return Case("bad/ragged.csv", () => CsvRecordingReader.Load(Path("bad/ragged.csv"), Csv, new LabelMap()),
            "line 13 has 16 fields but the header has 17", "column 'objects' is missing");
        yield return Case("bad/nonnumeric.csv", () => CsvRecordingReader.Load(Path("bad/nonnumeric.csv"), Csv, new LabelMap()),
            "line 8 (trial 1, step 2), column u3: expected a finite number, found 'abc'");
        yield return Case("bad/padded_nan_inside.h5",
            () => Hdf5RecordingReader.Load(Path("bad/padded_nan_inside.h5"), new Hdf5ReadOptions { LengthsPath = "/lengths" }, EpochToPhase),
            "/activity has NaN at trial index 3 (trial 3), step 1, unit 5, inside the trial's 2 valid steps", "padding belongs after a trial's end");
        yield return Case("padded.h5", () => Hdf5RecordingReader.Load(Path("padded.h5"), new Hdf5ReadOptions(), EpochToPhase),
            "/activity has NaN from step 2 to the end of trial index 0", "set hdf5.padded (or hdf5.lengths_path / hdf5.mask_path)");
        yield return Case("bad/steps_outside_obs.nwb",
            () => NwbRecordingReader.Load(Path("bad/steps_outside_obs.nwb"), NwbSteps, EpochToPhase),
            "the window [30.005, 30.105) s of /intervals/steps row 116 (trial 29, step 0) is outside unit 4's observed time /units/obs_intervals ([0, 30])",
            "or outside_observed: exclude");
        yield return Case("bad/steps_missing_trial.nwb",
            () => NwbRecordingReader.Load(Path("bad/steps_missing_trial.nwb"), NwbSteps, EpochToPhase),
            "trial column /intervals/steps/trial not found in the samples table");
        yield return Case("spreadsheet.csv", () => CsvRecordingReader.Load(Path("spreadsheet.csv"), Csv, new LabelMap()),
            "line 1: expected columns separated by ','", "looks ';'-separated with decimal commas: set csv.separator: ';' and csv.decimal: ','");
        yield return Case("spreadsheet.csv", () => CsvRecordingReader.Load(Path("spreadsheet.csv"), Csv with { Separator = ';' }, new LabelMap()),
            "line 2 (trial 0, step 0), column u0: expected a finite number, found '0,0': looks like a decimal comma: set csv.decimal: ','");
        yield return Case("bad/suite2p_nan/F.npy",
            () => RecordingFile.Load(Path("bad/suite2p_nan"), new RecordingReadOptions { Suite2p = new() { Events = Events, FrameRate = 100 }, Labels = EpochToPhase }),
            "has NaN at ROI 2, frame 322, inside the window of events.csv line 11 (trial 2, step 1)");
        yield return Case("suite2p/plane0",
            () => RecordingFile.Load(Path("suite2p/plane0"), new RecordingReadOptions { Suite2p = new() { Events = Events } }),
            "Suite2pReadOptions: FrameRate is not set", "set frame_rate (Hz)");
        yield return Case("kilosort/events.csv",
            () => RecordingFile.Load(Path("kilosort"), new RecordingReadOptions { Kilosort = new() { Events = Events with { LabelColumns = ["counts"] } } }),
            "line 1: label column 'counts' not found in the header [start, stop, trial, step, count, epoch, objects]");
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
