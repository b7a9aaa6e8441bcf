using System.Globalization;
using CsvHelper;

namespace NeuroMas.Recordings;

/// <summary>An events table as read: one window, trial, step and label tuple per sample, with its CSV line for messages.</summary>
internal sealed record EventsTable(string Path, double[] Starts, double[] Stops, int[] Trial, int[] Step,
    IReadOnlyList<RawLabel> Labels, long[] Lines, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The recording of <paramref name="source"/> (a folder): <paramref name="activity"/> <c>[rows, units]</c> with this table's trials, steps and labels.</summary>
    public Recording ToRecording(string source, float[,] activity, LabelMap map, string activityField, IReadOnlyList<string> notes)
    {
        var fields = new Dictionary<string, string>(Fields, StringComparer.Ordinal) { ["activity"] = activityField };
        var labels = map.Apply(source, Labels, Locate, fields);
        var recording = new Recording(source, activity, labels, Trial, Step, fields, 0, notes);
        recording.Validate();
        return recording;
    }

    public string Locate(int i) => $"{System.IO.Path.GetFileName(Path)} line {Lines[i]} (trial {Trial[i]}, step {Step[i]})";

    /// <summary>Reads <paramref name="options"/>' table beside <paramref name="folder"/>; every problem is one line naming the table, line and column.</summary>
    public static EventsTable Read(string folder, EventsTableOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InputException($"{folder}: EventsTableOptions: {string.Join("; ", problems)}");
        var path = System.IO.Path.IsPathRooted(options.Path) ? options.Path : System.IO.Path.Combine(folder, options.Path);
        if (!File.Exists(path))
            throw new InputException($"{path}: events table not found (events.path: expected a CSV with {options.StartColumn}, {options.StopColumn}, {options.TrialColumn} per sample)");
        try
        {
            return Parse(path, options);
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{path}: line {e.LineNumber}: malformed CSV ({H5Access.OneLine(e.Message)})", e);
        }
    }

    private static EventsTable Parse(string path, EventsTableOptions options)
    {
        var csvOptions = CsvReaderOptions.Default with
        {
            Separator = options.Separator,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        using var reader = CsvReader.FromFile(path, csvOptions);
        var header = reader.Headers.Select((h, c) => c == 0 ? h.TrimStart('\uFEFF') : h).ToList();
        CsvDialect.CheckHeader(path, header, new CsvReadOptions { Separator = options.Separator });
        int Column(string name, string role) => header.IndexOf(name) is var c and >= 0
            ? c
            : throw new InputException($"{path}: line 1: {role} column '{name}' not found in the header [{string.Join(", ", header)}]");
        var (start, stop, trialColumn) = (Column(options.StartColumn, "start"), Column(options.StopColumn, "stop"), Column(options.TrialColumn, "trial"));
        var stepColumn = options.StepColumn is { } sc ? Column(sc, "step") : -1;
        var labelColumns = options.LabelColumns.Select(n => Column(n, "label")).ToArray();

        var (starts, stops, trial, step, lines) = (new List<double>(), new List<double>(), new List<int>(), new List<int>(), new List<long>());
        var labels = labelColumns.Select(_ => new List<string>()).ToArray();
        var seen = new Dictionary<int, int>();
        while (reader.Read())
        {
            var line = reader.LineNumber;
            if (reader.FieldCount != header.Count)
                throw new InputException($"{path}: line {line} has {reader.FieldCount} fields but the header has {header.Count}");
            double Seconds(int c) => double.TryParse(reader.GetString(c), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                ? x
                : throw new InputException($"{path}: line {line}, column {header[c]}: expected a finite time in seconds, found '{reader.GetString(c)}'");
            int Integer(int c) => int.TryParse(reader.GetString(c), NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
                ? x
                : throw new InputException($"{path}: line {line}, column {header[c]}: expected an integer, found '{reader.GetString(c)}'");
            var (a, b) = (Seconds(start), Seconds(stop));
            if (!(b > a))
                throw new InputException($"{path}: line {line}: the window [{a}, {b}) s ({header[start]}, {header[stop]}): expected stop after start");
            var t = Integer(trialColumn);
            starts.Add(a);
            stops.Add(b);
            trial.Add(t);
            step.Add(stepColumn >= 0 ? Integer(stepColumn) : seen[t] = seen.TryGetValue(t, out var n) ? n + 1 : 0);
            lines.Add(line);
            for (var l = 0; l < labelColumns.Length; l++)
                labels[l].Add(reader.GetString(labelColumns[l]).Trim());
        }
        if (starts.Count == 0)
            throw new InputException($"{path}: no rows after the header: expected one row per sample");
        var name = System.IO.Path.GetFileName(path);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["trial"] = $"{name} column {options.TrialColumn}",
            ["step"] = options.StepColumn is { } s ? $"{name} column {s}" : $"{name} row order within each trial",
        };
        var raw = options.LabelColumns.Select((n, l) => new RawLabel(n, $"{name} column {n}", [.. labels[l]])).ToList();
        return new EventsTable(path, [.. starts], [.. stops], [.. trial], [.. step], raw, [.. lines], fields);
    }
}
