using System.Globalization;
using System.Text;

namespace NeuroMas.Recordings;

/// <summary>
/// Plain-text descriptions of recording files for <c>neuromas inspect</c>: what a file holds
/// (every HDF5/NWB dataset with its shape and element type; CSV columns), the recording the
/// default reader options make of it (samples, units, trials, and each label's distinct values
/// with their sample counts), and how a <see cref="LabelMap"/> would turn its labels into causal
/// variables.
/// </summary>
/// <remarks>
/// A file that cannot be opened or walked (missing, not HDF5, truncated, malformed CSV) throws a
/// one-line <see cref="InputException"/> naming it. A file that opens but does not read as a
/// recording with default options (say a label shorter than the activity) is still described:
/// its datasets are listed and the reader's one-line error stands in for the recording summary.
/// </remarks>
public static partial class RecordingInspector
{
    /// <summary>Distinct values listed per label; the rest are summed into one "more" entry.</summary>
    public const int TopValues = 20;

    /// <summary>
    /// Describes <paramref name="path"/> (<c>.h5</c>, <c>.hdf5</c>, <c>.nwb</c> or <c>.csv</c>):
    /// HDF5 and NWB files list every dataset (groups walked recursively) as
    /// <c>/path [dims] type</c>; plain or trials × time HDF5 layouts and CSV files with unit
    /// columns <c>u0, u1, …</c> add samples × units, trials, steps, and per label its distinct
    /// values with counts (the <see cref="TopValues"/> most frequent); NWB files add the trials
    /// table's rows and columns.
    /// </summary>
    /// <exception cref="InputException">The file is missing, of another kind, or unreadable.</exception>
    public static string Describe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = new StringBuilder();
        switch (Kind(path))
        {
            case ".csv":
                DescribeCsv(path, text);
                break;
            case ".nwb":
                DescribeHdf5(path, text, nwb: true);
                break;
            default:
                DescribeHdf5(path, text, nwb: false);
                break;
        }
        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>The file's extension, lower case, after checking it exists and is one we read.</summary>
    private static string Kind(string path)
    {
        if (!File.Exists(path))
            throw new InputException($"{path}: file not found");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".h5" or ".hdf5" or ".nwb" or ".csv"
            ? extension
            : throw new InputException($"{path}: extension '{extension}' is not a recording: expected .h5, .hdf5, .nwb or .csv");
    }

    /// <summary>
    /// A recording read with label values coded 0, 1, … in order of first sight, and the file's
    /// own text for each code, so that text labels can be summarised before any map exists.
    /// </summary>
    private sealed record Coded(Recording Recording, IReadOnlyDictionary<string, string[]> Texts, IReadOnlyDictionary<string, string> Fields)
    {
        /// <summary>Per file label, its value at every sample as the file's own text.</summary>
        public List<RawLabel> Raw() => Texts
            .Select(kv => new RawLabel(kv.Key, Fields[kv.Key], Array.ConvertAll(Recording.Labels[kv.Key], c => kv.Value[c])))
            .ToList();
    }

    /// <summary>A label map that codes every distinct text value of each label (identity names).</summary>
    private static (LabelMap Map, Dictionary<string, string[]> Texts) CodeMap(IEnumerable<(string Name, IEnumerable<string> Values)> labels)
    {
        var map = new LabelMap();
        var texts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, values) in labels)
        {
            var distinct = values.Distinct(StringComparer.Ordinal).ToArray();
            map.Values[name] = distinct.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
            texts[name] = distinct;
        }
        return (map, texts);
    }

    private static void Summarise(StringBuilder text, string title, Coded coded)
    {
        var recording = coded.Recording;
        var trials = recording.Trial.Distinct().Count();
        var steps = recording.Step.Distinct().Order().ToArray();
        text.AppendLine(Invariant($"recording ({title}): {recording.Samples} samples × {recording.Units} units, {trials} trials, steps {steps[0]}..{steps[^1]} ({steps.Length} distinct)"));
        if (coded.Texts.Count == 0)
        {
            text.AppendLine("labels: none");
            return;
        }
        text.AppendLine("labels (value ×samples):");
        foreach (var label in coded.Raw())
            text.AppendLine($"  {label.Name} ({label.Field}): {ValueCounts(label.Values)}");
    }

    /// <summary>
    /// One line for a label's values, <c>[samples]</c> as text: "k distinct: a ×n, b ×m, …", most
    /// frequent first (ties: numbers in numeric order, then text), the <see cref="TopValues"/> most
    /// frequent listed and the rest summed.
    /// </summary>
    public static string ValueCounts(IEnumerable<string> values)
    {
        var counts = values.GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(x => x.Count)
            .ThenBy(x => x.Value, ValueOrder.Instance)
            .ToList();
        var shown = counts.Take(TopValues).Select(x => Invariant($"{Quote(x.Value)} ×{x.Count}"));
        var rest = counts.Skip(TopValues).ToList();
        var more = rest.Count > 0 ? Invariant($", … {rest.Count} more values ×{rest.Sum(x => x.Count)}") : "";
        return Invariant($"{counts.Count} distinct: {string.Join(", ", shown)}{more}");
    }

    /// <summary>A reader's message without its leading "file: ", for a line that already names the file.</summary>
    private static string WithoutSource(string path, string message) =>
        message.StartsWith(path + ": ", StringComparison.Ordinal) ? message[(path.Length + 2)..] : message;

    private static string Quote(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? value : $"'{value}'";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Numbers in numeric order before text in ordinal order.</summary>
    private sealed class ValueOrder : IComparer<string>
    {
        public static readonly ValueOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var xn = double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a);
            var yn = double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b);
            return (xn, yn) switch
            {
                (true, true) => a.CompareTo(b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x, y),
            };
        }
    }
}
