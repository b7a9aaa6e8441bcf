using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>Samples from a <c>TimeIntervals</c> table with one row per sample (epochs, per-step tables).</summary>
public static partial class NwbRecordingReader
{
    /// <summary>
    /// One sample per row of <see cref="NwbReadOptions.SamplesPath"/>, in table order: window
    /// <c>[start_time, stop_time)</c>, trial and step from columns, labels from the other columns
    /// named. Trials stay whole because the trial id comes from a column, not from the row.
    /// </summary>
    private static Recording FromSamples(IH5Group file, string path, NwbReadOptions options, LabelMap map)
    {
        var table = options.SamplesPath!.TrimEnd('/');
        H5Access.Group(file, path, table);
        var starts = H5Access.ReadNumbers(path, $"{table}/start_time", Vector(file, path, $"{table}/start_time", null));
        var rows = starts.Length;
        var stops = H5Access.ReadNumbers(path, $"{table}/stop_time", Vector(file, path, $"{table}/stop_time", rows));
        string Row(int i) => $"{table} row {i}";
        SpikeBins.CheckWindows(path, $"{table}/start_time, stop_time", starts, stops, Row);

        var trialPath = $"{table}/{options.TrialColumn}";
        var trial = H5Access.ReadInts(path, trialPath, Column(file, path, trialPath, rows, "trial"));
        int[] step;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["trial"] = trialPath };
        if (options.StepColumn is { } stepColumn)
        {
            var stepPath = $"{table}/{stepColumn}";
            step = H5Access.ReadInts(path, stepPath, Column(file, path, stepPath, rows, "step"));
            fields["step"] = stepPath;
        }
        else
        {
            var seen = new Dictionary<int, int>();
            step = trial.Select(t => seen[t] = seen.TryGetValue(t, out var n) ? n + 1 : 0).ToArray();
            fields["step"] = $"row order within each trial of {table}";
        }

        string Locate(int i) => $"{Row(i)} (trial {trial[i]}, step {step[i]})";
        var notes = new List<string>();
        var (activity, keep) = Activity(file, path, options, starts, stops, Locate, fields, notes, traceMean: true);
        var raw = options.LabelColumns.Select(column =>
        {
            var columnPath = $"{table}/{column}";
            return new RawLabel(column, columnPath, H5Access.ReadText(path, columnPath, Column(file, path, columnPath, rows, "label")));
        }).ToList();
        return Finish(path, map, activity, keep, raw, trial, step, fields, notes, Locate);
    }

    /// <summary>A column of the samples table, one value per row (ragged columns refused).</summary>
    private static IH5Dataset Column(IH5Group file, string path, string column, int rows, string role)
    {
        if (!H5Access.Exists(file, path, column))
            throw new InputException($"{path}: {role} column {column} not found in the samples table");
        if (H5Access.Exists(file, path, $"{column}_index"))
            throw new InputException($"{path}: {column} is a ragged column ({column}_index): expected one value per row");
        var dataset = H5Access.Dataset(file, path, column);
        var shape = H5Access.Shape(dataset);
        if (shape.Length != 1 || shape[0] != (ulong)rows)
            throw new InputException($"{path}: {column} has shape {H5Access.Format(shape)}: expected [{rows}] (one value per row of the samples table)");
        return dataset;
    }
}
