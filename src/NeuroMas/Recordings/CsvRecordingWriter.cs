using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace NeuroMas.Recordings;

/// <summary>
/// Writes a recording as CSV (CsvHelper) in the form <see cref="CsvRecordingReader"/> reads with
/// <c>UnitPrefix</c> set: a header <c>trial,step,&lt;labels…&gt;,u0,u1,…</c>, then one row per
/// sample, invariant culture, activity in round-trip (<c>R</c>) form so that float32 values read
/// back bit for bit.
/// </summary>
public static class CsvRecordingWriter
{
    /// <summary>
    /// Writes <paramref name="recording"/> (<c>[samples, units]</c> activity and its labels, in
    /// label-name order) to <paramref name="path"/> atomically: a temporary file beside it, then a
    /// rename that replaces any existing file.
    /// </summary>
    /// <param name="unitPrefix">Unit columns are this prefix plus the unit index. Default <c>u</c>.</param>
    /// <exception cref="ArgumentException">An empty prefix, or a label whose name a reader would
    /// take for a unit column.</exception>
    /// <exception cref="InputException">The recording fails <see cref="Recording.Validate"/>.</exception>
    public static void Write(string path, Recording recording, string unitPrefix = "u")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentException.ThrowIfNullOrEmpty(unitPrefix);
        recording.Validate();

        var unitPattern = new Regex($"^{Regex.Escape(unitPrefix)}[0-9]+$", RegexOptions.CultureInvariant);
        var labelNames = recording.Labels.Keys.Order(StringComparer.Ordinal).ToArray();
        foreach (var name in labelNames)
        {
            if (unitPattern.IsMatch(name) || name is "trial" or "step")
                throw new ArgumentException($"label '{name}' would be read as a unit, trial or step column (unit prefix '{unitPrefix}')", nameof(recording));
        }
        var labels = labelNames.Select(n => recording.Labels[n]).ToArray();
        var units = recording.Units;
        var header = new[] { "trial", "step" }
            .Concat(labelNames)
            .Concat(Enumerable.Range(0, units).Select(u => unitPrefix + u.ToString(CultureInfo.InvariantCulture)))
            .ToArray();

        AtomicFile.Replace(path, temporary =>
        {
            using (var text = new StreamWriter(temporary))
            using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
            {
                csv.WriteRecord(header);
                var row = new string[header.Length];
                for (var i = 0; i < recording.Samples; i++)
                {
                    row[0] = recording.Trial[i].ToString(CultureInfo.InvariantCulture);
                    row[1] = recording.Step[i].ToString(CultureInfo.InvariantCulture);
                    for (var l = 0; l < labels.Length; l++)
                        row[2 + l] = labels[l][i].ToString(CultureInfo.InvariantCulture);
                    for (var u = 0; u < units; u++)
                        row[2 + labels.Length + u] = recording.Activity[i, u].ToString("R", CultureInfo.InvariantCulture);
                    csv.WriteRecord(row);
                }
                csv.Flush();
            }
        });
    }
}
