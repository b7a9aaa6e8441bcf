using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace NeuroMas.Recordings;

/// <summary>
/// Reads a recording from a CSV file with a header row and one row per sample (CsvHelper):
/// unit columns, label columns and optional trial and step columns, as named in
/// <see cref="CsvReadOptions"/>; other columns are ignored.
/// </summary>
public static class CsvRecordingReader
{
    /// <summary>
    /// Loads <paramref name="path"/>: activity <c>[rows, units]</c> in file order. Every data
    /// row must have as many fields as the header, and every unit value must be a finite number;
    /// the result has passed <see cref="Recording.Validate"/> without a causal model.
    /// </summary>
    /// <exception cref="InputException">One line naming the file, the line and the column.</exception>
    public static Recording Load(string path, CsvReadOptions options, LabelMap map)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InputException($"{path}: CsvReadOptions: {string.Join("; ", problems)}");
        if (!File.Exists(path))
            throw new InputException($"{path}: file not found");
        try
        {
            return Read(path, options, map);
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{path}: line {e.LineNumber}: malformed CSV ({H5Access.OneLine(e.Message)})", e);
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot read ({H5Access.OneLine(e.Message)})", e);
        }
    }

    private static Recording Read(string path, CsvReadOptions options, LabelMap map)
    {
        var csvOptions = CsvReaderOptions.Default with
        {
            Separator = options.Separator,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        using var reader = CsvReader.FromFile(path, csvOptions);
        // Spreadsheets save UTF-8 with a byte-order mark, which would otherwise stick to the first column's name.
        var header = reader.Headers.Select((h, c) => c == 0 ? h.TrimStart('\uFEFF') : h).ToList();
        if (header.Count == 0)
            throw new InputException($"{path}: line 1: expected a header row, found none");
        CsvDialect.CheckHeader(path, header, options);
        var number = new NumberFormatInfo { NumberDecimalSeparator = options.Decimal.ToString(), NumberGroupSeparator = "" };
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < header.Count; c++)
            index.TryAdd(header[c], c);

        int Column(string name, string role)
        {
            if (!index.TryGetValue(name, out var c))
                throw new InputException($"{path}: line 1: {role} column '{name}' not found in the header");
            if (header.Count(h => h == name) > 1)
                throw new InputException($"{path}: line 1: column '{name}' appears more than once in the header");
            return c;
        }

        var unitNames = options.UnitPrefix is { Length: > 0 } prefix ? PrefixColumns(path, header, prefix) : options.UnitColumns;
        var units = unitNames.Select(n => Column(n, "unit")).ToArray();
        var labelColumns = options.LabelColumns.Select(n => Column(n, "label")).ToArray();
        var trialColumn = options.TrialColumn is { } tc ? Column(tc, "trial") : -1;
        var stepColumn = options.StepColumn is { } sc ? Column(sc, "step") : -1;

        var rows = new List<float[]>();
        var labels = options.LabelColumns.Select(_ => new List<string>()).ToArray();
        var trial = new List<int>();
        var step = new List<int>();
        var lines = new List<long>();
        while (reader.Read())
        {
            var line = reader.LineNumber;
            if (reader.FieldCount != header.Count)
            {
                var where = reader.FieldCount < header.Count
                    ? $"column '{header[reader.FieldCount]}' is missing"
                    : $"extra field after column '{header[^1]}'";
                throw new InputException(
                    $"{path}: line {line} has {reader.FieldCount} fields but the header has {header.Count} ({where})");
            }
            var rowTrial = trialColumn < 0 ? rows.Count : Integer(path, line, header[trialColumn], reader.GetString(trialColumn));
            var rowStep = stepColumn < 0 ? 0 : Integer(path, line, header[stepColumn], reader.GetString(stepColumn));
            var row = new float[units.Length];
            for (var u = 0; u < units.Length; u++)
            {
                var text = reader.GetString(units[u]);
                if (!float.TryParse(text, NumberStyles.Float, number, out row[u]) || !float.IsFinite(row[u]))
                    throw new InputException(
                        $"{path}: line {line} (trial {rowTrial}, step {rowStep}), column {header[units[u]]}: expected a finite number, found '{text}'{CsvDialect.Hint(text, options)}");
            }
            rows.Add(row);
            for (var l = 0; l < labelColumns.Length; l++)
                labels[l].Add(reader.GetString(labelColumns[l]).Trim());
            trial.Add(rowTrial);
            step.Add(rowStep);
            lines.Add(line);
        }

        var activity = new float[rows.Count, units.Length];
        for (var i = 0; i < rows.Count; i++)
            for (var u = 0; u < units.Length; u++)
                activity[i, u] = rows[i][u];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["activity"] = $"unit columns [{string.Join(", ", unitNames)}]",
            ["trial"] = options.TrialColumn is { } t ? $"column {t}" : "trial (one per row)",
            ["step"] = options.StepColumn is { } s ? $"column {s}" : "step (all 0)",
        };
        var raw = options.LabelColumns.Select((name, l) => new RawLabel(name, $"column {name}", [.. labels[l]])).ToList();
        var mapped = map.Apply(path, raw, i => $"line {lines[i]}", fields);
        var recording = new Recording(path, activity, mapped, [.. trial], [.. step], fields);
        recording.Validate();
        return recording;
    }

    /// <summary>Header names that are <paramref name="prefix"/> followed by an integer, ordered by it.</summary>
    private static List<string> PrefixColumns(string path, List<string> header, string prefix)
    {
        var pattern = new Regex($"^{Regex.Escape(prefix)}([0-9]{{1,9}})$", RegexOptions.CultureInvariant);
        var columns = header
            .Select(h => (Name: h, Match: pattern.Match(h)))
            .Where(x => x.Match.Success)
            .OrderBy(x => int.Parse(x.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .Select(x => x.Name)
            .ToList();
        return columns.Count > 0
            ? columns
            : throw new InputException($"{path}: line 1: no unit columns named {prefix}0, {prefix}1, … in the header");
    }

    private static int Integer(string path, long line, string column, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InputException($"{path}: line {line}, column {column}: expected an integer, found '{text}'");
}
