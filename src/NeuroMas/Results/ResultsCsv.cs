using System.Globalization;
using CsvHelper;

namespace NeuroMas.Results;

/// <summary>Reads and writes the tidy results CSV (CsvHelper). Writes are atomic: a temporary file, then a rename.</summary>
public static class ResultsCsv
{
    public static void Write(string path, IEnumerable<ResultRow> rows)
    {
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, leaveOpen: true);
            using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteRecord(ResultRow.Columns);
            foreach (var r in rows)
            {
                csv.WriteRecord([
                    r.RunId, r.Method, r.Source, r.Target, r.Variable,
                    r.SubspaceSize.ToString(CultureInfo.InvariantCulture), r.Seed.ToString(CultureInfo.InvariantCulture),
                    r.Steps.ToString(CultureInfo.InvariantCulture), r.Trained ? "true" : "false", r.Condition, r.Metric,
                    r.Value.ToString("R", CultureInfo.InvariantCulture),
                ]);
            }
            csv.Flush();
        });
    }

    public static List<ResultRow> Read(string path)
    {
        var options = CsvReaderOptions.Default with { TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw };
        using var reader = CsvReader.FromFile(path, options);
        var header = reader.Headers.ToArray();
        if (!header.SequenceEqual(ResultRow.Columns))
            throw new InputException($"{path}: header: expected {string.Join(",", ResultRow.Columns)}, found {string.Join(",", header)}");
        var rows = new List<ResultRow>();
        while (reader.Read())
        {
            if (reader.FieldCount != ResultRow.Columns.Length)
                throw new InputException($"{path}: line {reader.LineNumber}: expected {ResultRow.Columns.Length} fields, found {reader.FieldCount}");
            string F(int i) => reader.GetString(i);
            int I(int i) => int.Parse(F(i), CultureInfo.InvariantCulture);
            rows.Add(new ResultRow(F(0), F(1), F(2), F(3), F(4), I(5), I(6), I(7), F(8) == "true", F(9), F(10),
                double.Parse(F(11), NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        return rows;
    }
}
