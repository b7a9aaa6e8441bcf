using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>
/// Reads a recording from an NWB 2.x file (HDF5 with the NWB schema; PureHDF): spike times of
/// <c>/units</c> counted in windows around trial events, or processed traces of a
/// <c>TimeSeries</c> sampled at the events; labels from trials-table columns. What is read is
/// stated in <see cref="NwbReadOptions"/> and <c>Recordings/README.md</c>; nothing else of the
/// schema is interpreted (no <c>conversion</c>/<c>offset</c> scaling, no ragged label columns).
/// </summary>
public static partial class NwbRecordingReader
{
    /// <summary>
    /// Loads <paramref name="path"/>: activity <c>[trials·windows, units]</c>, trial-major (sample
    /// <c>t·windows + k</c> is window <c>k</c> of trials-table row <c>t</c>), trial = the table's
    /// <c>id</c> (or the row), step = <c>k</c>. The result has passed
    /// <see cref="Recording.Validate"/> without a causal model.
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
        var anchors = new double[trials * windows];
        for (var i = 0; i < anchors.Length; i++)
            anchors[i] = events[i / windows] + options.WindowStart + (i % windows) * options.Stride;

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        float[,] activity;
        if (options.TracesPath is { } traces)
        {
            fields["activity"] = $"{traces.TrimEnd('/')}/data";
            activity = SampleTraces(file, path, traces.TrimEnd('/'), anchors, windows);
        }
        else
        {
            fields["activity"] = $"{options.UnitsPath.TrimEnd('/')}/spike_times";
            var stops = new double[anchors.Length];
            for (var i = 0; i < stops.Length; i++)
                stops[i] = events[i / windows] + options.WindowStop!.Value + (i % windows) * options.Stride;
            activity = CountSpikes(file, path, options.UnitsPath.TrimEnd('/'), anchors, stops);
        }

        var idPath = $"{table}/id";
        var hasIds = H5Access.Exists(file, path, idPath);
        var ids = hasIds
            ? H5Access.ReadInts(path, idPath, Vector(file, path, idPath, trials))
            : Enumerable.Range(0, trials).ToArray();
        fields["trial"] = hasIds ? idPath : $"{table} row";
        fields["step"] = "window index";
        var trial = Enumerable.Range(0, anchors.Length).Select(i => ids[i / windows]).ToArray();
        var step = Enumerable.Range(0, anchors.Length).Select(i => i % windows).ToArray();

        var raw = options.LabelColumns
            .Select(column => new RawLabel(column, $"{table}/{column}", LabelColumn(file, path, $"{table}/{column}", trials, windows)))
            .ToList();
        var labels = map.Apply(path, raw, i => $"trial row {i / windows}, window {i % windows}", fields);
        var recording = new Recording(path, activity, labels, trial, step, fields);
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
