using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>
/// Reads a recording from an NWB 2.x file (HDF5 with the NWB schema; PureHDF): spike times of
/// <c>/units</c> counted (or turned into rates) in sample windows, or processed traces of a
/// <c>TimeSeries</c>; windows either around trial events (a trials table) or one per row of a
/// per-sample <c>TimeIntervals</c> table. What is read is stated in <see cref="NwbReadOptions"/>
/// and <c>Recordings/README.md</c>; nothing else of the schema is interpreted.
/// </summary>
public static partial class NwbRecordingReader
{
    /// <summary>
    /// Loads <paramref name="path"/>. Around trial events: activity <c>[trials·windows, units]</c>,
    /// trial-major (sample <c>t·windows + k</c> is window <c>k</c> of trials-table row <c>t</c>),
    /// trial = the table's <c>id</c> (or the row), step = <c>k</c>. From a samples table: one
    /// sample per row in table order. Samples excluded by <see cref="NwbReadOptions.OutsideObserved"/>
    /// are left out and counted. The result has passed <see cref="Recording.Validate"/> without a
    /// causal model.
    /// </summary>
    /// <exception cref="InputException">One line naming file and dataset/column.</exception>
    public static Recording Load(string path, NwbReadOptions options, LabelMap map)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InputException($"{path}: NwbReadOptions: {string.Join("; ", problems)}");
        using var file = H5Access.Open(path);
        return options.SamplesPath is null ? FromTrials(file, path, options, map) : FromSamples(file, path, options, map);
    }

    private static Recording FromTrials(IH5Group file, string path, NwbReadOptions options, LabelMap map)
    {
        var table = options.TrialsPath.TrimEnd('/');
        H5Access.Group(file, path, table);
        var eventPath = $"{table}/{options.EventColumn}";
        var events = H5Access.ReadNumbers(path, eventPath, Vector(file, path, eventPath, null));
        for (var t = 0; t < events.Length; t++)
        {
            if (!double.IsFinite(events[t]))
                throw new InputException($"{path}: {eventPath} is {events[t]} at trial row {t}: expected finite event times in seconds");
        }
        var trials = events.Length;
        var windows = options.Windows;
        var starts = new double[trials * windows];
        var stops = new double[starts.Length];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = events[i / windows] + options.WindowStart + (i % windows) * options.Stride;
            stops[i] = events[i / windows] + (options.WindowStop ?? options.WindowStart) + (i % windows) * options.Stride;
        }
        string Locate(int i) => $"trial row {i / windows}, window {i % windows}";

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new List<string>();
        // Traces keep their reading at the window start here, as before windows could have a table of their own.
        var (activity, keep) = Activity(file, path, options, starts, stops, Locate, fields, notes, traceMean: false);

        var idPath = $"{table}/id";
        var hasIds = H5Access.Exists(file, path, idPath);
        var ids = hasIds
            ? H5Access.ReadInts(path, idPath, Vector(file, path, idPath, trials))
            : Enumerable.Range(0, trials).ToArray();
        fields["trial"] = hasIds ? idPath : $"{table} row";
        fields["step"] = "window index";
        var trial = Enumerable.Range(0, starts.Length).Select(i => ids[i / windows]).ToArray();
        var step = Enumerable.Range(0, starts.Length).Select(i => i % windows).ToArray();
        var raw = options.LabelColumns
            .Select(column => new RawLabel(column, $"{table}/{column}", LabelColumn(file, path, $"{table}/{column}", trials, windows)))
            .ToList();
        return Finish(path, map, activity, keep, raw, trial, step, fields, notes, Locate);
    }

    /// <summary>
    /// Activity <c>[samples, units]</c> for the windows and which samples to keep: spikes binned per
    /// unit (obs_intervals checked), or traces at the window start or averaged over the window.
    /// </summary>
    private static (float[,] Activity, bool[] Keep) Activity(IH5Group file, string path, NwbReadOptions options,
        double[] starts, double[] stops, Func<int, string> locate, Dictionary<string, string> fields, List<string> notes, bool traceMean)
    {
        if (options.TracesPath is { } series)
        {
            var traces = NwbTraces.Read(file, path, series);
            fields["activity"] = traces.DataPath;
            var values = traceMean ? traces.Mean(starts, stops, locate) : traces.Nearest(starts, locate);
            return (values, Enumerable.Repeat(true, starts.Length).ToArray());
        }
        var units = NwbUnits.Read(file, path, options);
        fields["activity"] = $"{units.Table}/spike_times";
        if (units.Selection is { } selection)
            notes.Add(selection);
        if (options.Spikes == SpikeMeasure.Rate)
            notes.Add("spike rates (count / window length, per second)");
        var keep = units.Inside(path, starts, stops, options.OutsideObserved, locate);
        return (SpikeBins.Bin(units.Times, starts, stops, options.Spikes), keep);
    }

    /// <summary>Drops the samples not kept, maps the labels and checks the result.</summary>
    private static Recording Finish(string path, LabelMap map, float[,] activity, bool[] keep, List<RawLabel> raw,
        int[] trial, int[] step, Dictionary<string, string> fields, List<string> notes, Func<int, string> locate)
    {
        var kept = Enumerable.Range(0, keep.Length).Where(i => keep[i]).ToArray();
        var dropped = keep.Length - kept.Length;
        if (dropped > 0)
            notes.Add($"excluded {dropped} of {keep.Length} samples whose window is outside a unit's obs_intervals");
        var units = activity.GetLength(1);
        var values = new float[kept.Length, units];
        for (var k = 0; k < kept.Length; k++)
            for (var u = 0; u < units; u++)
                values[k, u] = activity[kept[k], u];
        raw = raw.Select(r => r with { Values = kept.Select(i => r.Values[i]).ToArray() }).ToList();
        var labels = map.Apply(path, raw, k => locate(kept[k]), fields);
        var recording = new Recording(path, values, labels, kept.Select(i => trial[i]).ToArray(),
            kept.Select(i => step[i]).ToArray(), fields, dropped, notes);
        recording.Validate();
        return recording;
    }

    /// <summary>A column <c>[trials]</c> or <c>[trials, windows]</c> as text, one value per sample.</summary>
    private static string[] LabelColumn(IH5Group file, string path, string column, int trials, int windows)
    {
        if (H5Access.Exists(file, path, $"{column}_index"))
            throw new InputException($"{path}: {column} is a ragged column ({column}_index): expected one value per trial or per window");
        var dataset = H5Access.Dataset(file, path, column);
        var shape = H5Access.Shape(dataset);
        var perTrial = shape.Length == 1 && shape[0] == (ulong)trials;
        var perWindow = shape.Length == 2 && shape[0] == (ulong)trials && shape[1] == (ulong)windows;
        if (!perTrial && !perWindow)
            throw new InputException(
                $"{path}: {column} has shape {H5Access.Format(shape)}: expected [{trials}] or [{trials}, {windows}] ({trials} trials, {windows} windows)");
        var values = H5Access.ReadText(path, column, dataset);
        return perWindow ? values : Enumerable.Range(0, trials * windows).Select(i => values[i / windows]).ToArray();
    }

    /// <summary>A one-dimensional dataset, of <paramref name="length"/> entries when given.</summary>
    private static IH5Dataset Vector(IH5Group file, string path, string datasetPath, int? length)
    {
        var dataset = H5Access.Dataset(file, path, datasetPath);
        var shape = H5Access.Shape(dataset);
        if (shape.Length != 1 || (length is { } n && shape[0] != (ulong)n))
            throw new InputException(
                $"{path}: {datasetPath} has shape {H5Access.Format(shape)}: expected [{(length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n")}]");
        return dataset;
    }
}
