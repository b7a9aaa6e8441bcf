using NeuroMas.Recordings;

namespace NeuroMas.Tests.Recordings;

/// <summary>
/// The fixtures of Recordings/Fixtures (written by make_fixtures.py with h5py) and the options
/// that read each of them as the same recording: 40 trials × 4 steps = 160 samples, 12 units,
/// labels count, phase and objects.
/// </summary>
internal static class RecordingFixtures
{
    public const int Trials = 40, Steps = 4, Units = 12;

    /// <summary>"count up, count down": count ≥ 0 (bounded), phase −1 demo / +1 response, objects 1..20.</summary>
    public static readonly Func<string, int, bool> Representable = (v, x) => v switch
    {
        "count" => x >= 0 && x <= 400,
        "phase" => x == -1 || x == 1,
        "objects" => x >= 1 && x <= 20,
        _ => false,
    };

    public static readonly LabelMap EpochToPhase = new()
    {
        Names = { ["epoch"] = "phase" },
        Values = { ["epoch"] = new() { ["sample"] = "-1", ["response"] = "1" } },
    };

    public static readonly NwbReadOptions NwbSpikes = new()
    {
        LabelColumns = ["count", "epoch", "objects"],
        WindowStart = 0.0,
        WindowStop = 0.1,
        WindowStride = 0.2,
        Windows = Steps,
    };

    public static readonly CsvReadOptions Csv = new() { UnitPrefix = "u", LabelColumns = ["count", "phase", "objects"] };

    /// <summary>The per-step NWB table of steps.nwb, its good units only (quality column).</summary>
    public static readonly NwbReadOptions NwbSteps = new()
    {
        SamplesPath = "/intervals/steps",
        StepColumn = "step",
        LabelColumns = ["count", "epoch", "objects"],
        UnitColumn = "quality",
        UnitValues = ["good"],
    };

    public static readonly EventsTableOptions Events = new() { StepColumn = "step", LabelColumns = ["count", "epoch", "objects"] };

    public static readonly CsvReadOptions Spreadsheet = Csv with { Separator = ';', Decimal = ',' };

    public static string Path(string name) =>
        System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "Recordings", "Fixtures", name);

    /// <summary>Every reader on its fixture, by a name for test output.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Recording>> Loaders = new Dictionary<string, Func<Recording>>
    {
        ["hdf5-plain"] = () => Hdf5RecordingReader.Load(Path("plain.h5"), new Hdf5ReadOptions(), new LabelMap()),
        ["hdf5-trials-time"] = () => Hdf5RecordingReader.Load(Path("trials_time.h5"), new Hdf5ReadOptions(), EpochToPhase),
        ["nwb-spikes"] = () => NwbRecordingReader.Load(Path("session.nwb"), NwbSpikes, EpochToPhase),
        ["nwb-traces-rate"] = () => NwbRecordingReader.Load(Path("session.nwb"),
            NwbSpikes with { TracesPath = "/processing/ophys/Fluorescence/RoiResponseSeries" }, EpochToPhase),
        ["nwb-traces-timestamps"] = () => NwbRecordingReader.Load(Path("session.nwb"),
            NwbSpikes with { TracesPath = "/processing/ophys/DfOverF/RoiResponseSeries", WindowStop = null }, EpochToPhase),
        ["csv"] = () => CsvRecordingReader.Load(Path("recording.csv"), Csv, new LabelMap()),
        ["csv-spreadsheet"] = () => CsvRecordingReader.Load(Path("spreadsheet.csv"), Spreadsheet, new LabelMap()),
        ["nwb-steps-spikes"] = () => NwbRecordingReader.Load(Path("steps.nwb"), NwbSteps, EpochToPhase),
        ["nwb-steps-traces"] = () => NwbRecordingReader.Load(Path("steps.nwb"),
            NwbSteps with { TracesPath = "/processing/ophys/Fluorescence/RoiResponseSeries" }, EpochToPhase),
        ["kilosort"] = () => RecordingFile.Load(Path("kilosort"), new RecordingReadOptions { Kilosort = new() { Events = Events }, Labels = EpochToPhase }),
        ["suite2p"] = () => RecordingFile.Load(Path("suite2p/plane0"),
            new RecordingReadOptions { Suite2p = new() { Events = Events, FrameRate = 100 }, Labels = EpochToPhase }),
    };

    /// <summary>Padded fixtures: trial t keeps its first 2 + t mod 3 steps (make_layout_fixtures.py).</summary>
    public static int Length(int trial) => 2 + trial % 3;

    /// <summary>Window of sample i = (t, s) in seconds, as make_layout_fixtures.py defines it (whole milliseconds).</summary>
    public static (double Start, double Stop) Window(int i)
    {
        var (t, s) = (i / Steps, i % Steps);
        var start = 1005 + 1000 * t + 200 * s;
        return (start / 1000.0, (start + 80 + 10 * ((t + s) % 3)) / 1000.0);
    }

    /// <summary>The synthetic recording as make_fixtures.py defines it, computed independently.</summary>
    public static (float[,] Activity, int[] Count, int[] Phase, int[] Objects) Expected()
    {
        var activity = new float[Trials * Steps, Units];
        var (count, phase, objects) = (new int[Trials * Steps], new int[Trials * Steps], new int[Trials * Steps]);
        for (var t = 0; t < Trials; t++)
        {
            var n = 2 + 7 * t % 5;
            for (var s = 0; s < Steps; s++)
            {
                var i = t * Steps + s;
                objects[i] = n;
                count[i] = n + new[] { -1, 0, 0, -1 }[s];
                phase[i] = s < 2 ? -1 : 1;
                for (var u = 0; u < Units; u++)
                    activity[i, u] = (count[i] * (u % 3) + (phase[i] > 0 ? u % 2 * 2 : 0) + t * 5 + s * 3 + u) % 5;
            }
        }
        return (activity, count, phase, objects);
    }
}
