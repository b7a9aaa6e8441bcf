using System.Globalization;
using System.Text;

namespace NeuroMas.Recordings;

/// <summary>A recording as a reader with given options makes it: folders, and files read with a protocol's options.</summary>
public static partial class RecordingInspector
{
    /// <summary>
    /// What <paramref name="path"/> (a file or a Kilosort/suite2p folder) becomes when read with
    /// <paramref name="options"/>: samples × units, trials, steps, padding dropped, the reader's notes, and per
    /// label its values; then, for <paramref name="map"/>, how each file label becomes a causal variable (as
    /// <see cref="DescribeMapping(Recording, LabelMap, Func{string, int, bool}?)"/>). Labels that need a value map
    /// (text) are shown after the map instead, with the verdict of the real conversion.
    /// </summary>
    /// <param name="title">How the options were chosen, e.g. "as system 'recording' of p.yaml reads it".</param>
    /// <exception cref="InputException">The recording does not read with these options (the reader's message).</exception>
    public static string DescribeAsRead(string path, RecordingReadOptions options, string title,
        LabelMap? map = null, Func<string, int, bool>? isRepresentable = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        if (Directory.Exists(path)) DescribeFolder(path, text);
        Recording raw;
        try
        {
            raw = RecordingFile.Load(path, options with { Labels = new LabelMap() });
        }
        catch (InputException) when (map is not null)
        {
            // Text labels read only through a value map: show the recording as mapped, and check it.
            var mapped = RecordingFile.Load(path, options with { Labels = map });
            Summarise(text, title, mapped, mapped.Labels.ToDictionary(kv => kv.Key, kv => Array.ConvertAll(kv.Value, v => v.ToString(CultureInfo.InvariantCulture))));
            text.AppendLine(CheckMapped(mapped, isRepresentable));
            return text.ToString().TrimEnd() + Environment.NewLine;
        }
        Summarise(text, title, raw, raw.Labels.ToDictionary(kv => kv.Key, kv => Array.ConvertAll(kv.Value, v => v.ToString(CultureInfo.InvariantCulture))));
        if (map is not null)
        {
            text.AppendLine();
            text.Append(DescribeMapping(raw, map, isRepresentable));
        }
        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>A folder's kind and its files with their sizes.</summary>
    private static void DescribeFolder(string path, StringBuilder text)
    {
        var kind = KilosortRecordingReader.IsKilosortFolder(path) ? "Kilosort/Phy output"
            : Suite2pRecordingReader.IsSuite2pFolder(path) ? "suite2p plane"
            : throw new InputException($"{path}: recording folder: expected Kilosort/Phy output (spike_times.npy) or a suite2p plane (iscell.npy, F.npy), found neither");
        text.AppendLine($"{path}: {kind}");
        text.AppendLine("files:");
        foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            var shape = info.Extension.Equals(".npy", StringComparison.OrdinalIgnoreCase) ? NpyShape(file) : "";
            text.AppendLine(Invariant($"  {info.Name} {shape}{info.Length:N0} bytes"));
        }
    }

    /// <summary>"[dims] dtype " from a .npy header, or "" when it does not read.</summary>
    private static string NpyShape(string file)
    {
        try
        {
            var (dtype, shape) = NpyArray.Header(file);
            return $"[{string.Join(", ", shape)}] {dtype} ";
        }
        catch (InputException)
        {
            return "";
        }
    }

    private static void Summarise(StringBuilder text, string title, Recording recording, Dictionary<string, string[]> labels)
    {
        var trials = recording.Trial.Distinct().Count();
        var steps = recording.Step.Distinct().Order().ToArray();
        text.AppendLine(Invariant($"recording ({title}): {recording.Samples} samples × {recording.Units} units, {trials} trials, steps {steps[0]}..{steps[^1]} ({steps.Length} distinct)"));
        if (recording.DroppedSamples > 0) text.AppendLine(Invariant($"padding dropped: {recording.DroppedSamples} samples"));
        foreach (var note in recording.Notes) text.AppendLine($"note: {note}");
        if (labels.Count == 0)
        {
            text.AppendLine("labels: none");
            return;
        }
        text.AppendLine("labels (value ×samples):");
        foreach (var (name, values) in labels)
            text.AppendLine($"  {name} ({(recording.Fields.TryGetValue(name, out var f) ? f : name)}): {ValueCounts(values)}");
    }

    private static string CheckMapped(Recording recording, Func<string, int, bool>? isRepresentable)
    {
        try
        {
            recording.Validate(isRepresentable);
            return $"check: ok: variables {string.Join(", ", recording.Labels.Keys)}, every value representable";
        }
        catch (InputException e)
        {
            return $"check: {WithoutSource(recording.Source, e.Message)}";
        }
    }
}
