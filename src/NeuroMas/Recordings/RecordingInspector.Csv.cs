using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;

namespace NeuroMas.Recordings;

/// <summary>CSV files: columns and rows, and the recording read with unit prefix <c>u</c>.</summary>
public static partial class RecordingInspector
{
    private const string UnitPrefix = "u";

    private static readonly Regex UnitColumn = new($"^{UnitPrefix}[0-9]{{1,9}}$", RegexOptions.CultureInvariant);

    private static void DescribeCsv(string path, StringBuilder text)
    {
        var (header, columns, rows) = ReadCsvText(path);
        var units = header.Where(h => UnitColumn.IsMatch(h)).ToList();
        var others = header.Where(h => !UnitColumn.IsMatch(h)).ToList();
        text.AppendLine(Invariant($"{path}: CSV, {rows} rows, {header.Count} columns"));
        text.AppendLine(units.Count > 0
            ? Invariant($"unit columns: {units.Count} ({UnitPrefix}0, {UnitPrefix}1, …)")
            : $"unit columns: none named {UnitPrefix}0, {UnitPrefix}1, …");
        text.AppendLine($"other columns: {(others.Count > 0 ? string.Join(", ", others) : "none")}");
        if (units.Count == 0)
        {
            text.AppendLine("recording: none (no unit columns to read)");
            return;
        }
        var coded = CodedCsv(path, header, columns, out var problem);
        if (coded is not null)
            Summarise(text, $"unit prefix '{UnitPrefix}', every other column but trial and step a label", coded);
        else
            text.AppendLine($"recording: {problem}");
    }

    /// <summary>
    /// The header, every column as text (short rows leave their missing fields out) and the row
    /// count; the structural checks are left to <see cref="CsvRecordingReader"/>.
    /// </summary>
    private static (IReadOnlyList<string> Header, List<string>[] Columns, int Rows) ReadCsvText(string path)
    {
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        try
        {
            using var reader = CsvReader.FromFile(path, options);
            var header = reader.Headers.ToList();
            if (header.Count == 0)
                throw new InputException($"{path}: line 1: expected a header row, found none");
            var columns = header.Select(_ => new List<string>()).ToArray();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var c = 0; c < Math.Min(reader.FieldCount, header.Count); c++)
                    columns[c].Add(reader.GetString(c).Trim());
            }
            return (header, columns, rows);
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

    private static Coded? CodedCsv(string path, IReadOnlyList<string> header, List<string>[] columns, out string problem)
    {
        var labels = Enumerable.Range(0, header.Count)
            .Where(c => !UnitColumn.IsMatch(header[c]) && header[c] is not ("trial" or "step"))
            .ToList();
        var options = new CsvReadOptions
        {
            UnitPrefix = UnitPrefix,
            LabelColumns = labels.Select(c => header[c]).ToList(),
            TrialColumn = header.Contains("trial") ? "trial" : null,
            StepColumn = header.Contains("step") ? "step" : null,
        };
        var (map, texts) = CodeMap(labels.Select(c => (header[c], (IEnumerable<string>)columns[c])));
        try
        {
            var recording = CsvRecordingReader.Load(path, options, map);
            problem = "";
            var fields = options.LabelColumns.ToDictionary(n => n, n => $"column {n}", StringComparer.Ordinal);
            return new Coded(recording, texts, fields);
        }
        catch (InputException e)
        {
            problem = $"cannot be read with unit prefix '{UnitPrefix}': {WithoutSource(path, e.Message)}";
            return null;
        }
    }
}
