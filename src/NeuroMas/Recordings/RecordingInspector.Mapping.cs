using System.Globalization;
using System.Text;

namespace NeuroMas.Recordings;

/// <summary>How a <see cref="LabelMap"/> turns a file's labels into causal variables.</summary>
public static partial class RecordingInspector
{
    /// <summary>
    /// Shows, for the labels of <paramref name="path"/> as <see cref="Describe"/> reads them
    /// (HDF5 default layout, or CSV with unit prefix <c>u</c>; text labels included), which
    /// causal variable each becomes and what each file value becomes (the
    /// <see cref="TopValues"/> most frequent, with sample counts), flagging values the map cannot
    /// convert or the causal model cannot represent; then the verdict of the real conversion.
    /// </summary>
    /// <param name="isRepresentable">(variable, value) → whether the causal model has that state; null skips that check.</param>
    /// <exception cref="InputException">The file is missing or unreadable, is NWB (load it with
    /// <see cref="NwbRecordingReader"/> and use the <see cref="Recording"/> overload), or does not
    /// read as a recording with default options.</exception>
    public static string DescribeMapping(string path, LabelMap map, Func<string, int, bool>? isRepresentable = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(map);
        Coded? coded;
        string problem;
        switch (Kind(path))
        {
            case ".nwb":
                throw new InputException($"{path}: NWB labels depend on NwbReadOptions: load the file with NwbRecordingReader and describe the Recording");
            case ".csv":
                var (header, columns, _) = ReadCsvText(path);
                coded = CodedCsv(path, header, columns, out problem);
                break;
            default:
                coded = CodedHdf5(path, out problem);
                break;
        }
        if (coded is null)
            throw new InputException(problem.StartsWith(path, StringComparison.Ordinal) ? problem : $"{path}: recording {problem}");
        return Mapping(path, coded.Raw(), coded.Recording, map, isRepresentable);
    }

    /// <summary>
    /// As <see cref="DescribeMapping(string, LabelMap, Func{string, int, bool}?)"/> for a recording
    /// already read with file label names and integer values (e.g. with an empty
    /// <see cref="LabelMap"/>): its labels are taken as the file's.
    /// </summary>
    public static string DescribeMapping(Recording recording, LabelMap map, Func<string, int, bool>? isRepresentable = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(map);
        var raw = recording.Labels
            .Select(kv => new RawLabel(kv.Key, recording.Fields.TryGetValue(kv.Key, out var f) ? f : kv.Key,
                Array.ConvertAll(kv.Value, v => v.ToString(CultureInfo.InvariantCulture))))
            .ToList();
        return Mapping(recording.Source, raw, recording, map, isRepresentable);
    }

    private static string Mapping(string source, List<RawLabel> raw, Recording recording, LabelMap map,
        Func<string, int, bool>? isRepresentable)
    {
        var text = new StringBuilder();
        text.AppendLine($"{source}: labels → causal variables (file value → causal value ×samples)");
        foreach (var label in raw.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            var variable = map.Names.TryGetValue(label.Name, out var renamed) ? renamed : label.Name;
            var valueMap = map.Values.TryGetValue(label.Name, out var m) ? m : null;
            text.AppendLine($"  {label.Name} ({label.Field}) → {variable}: {(valueMap is null ? "integers pass through" : "value map")}");
            var counts = label.Values.GroupBy(v => v, StringComparer.Ordinal)
                .Select(g => (Value: g.Key, Count: g.Count()))
                .OrderByDescending(x => x.Count)
                .ThenBy(x => x.Value, ValueOrder.Instance)
                .ToList();
            var lines = counts.Take(TopValues).Select(x => Invariant($"{Quote(x.Value)} → {Target(variable, x.Value, valueMap, isRepresentable)} ×{x.Count}"));
            text.AppendLine($"    {string.Join(", ", lines)}");
            if (counts.Count > TopValues)
                text.AppendLine(Invariant($"    … {counts.Count - TopValues} more values ×{counts.Skip(TopValues).Sum(x => x.Count)}"));
        }
        text.AppendLine($"check: {Verdict(source, raw, recording, map, isRepresentable)}");
        return text.ToString();
    }

    /// <summary>The causal value of one file value, or why there is none.</summary>
    private static string Target(string variable, string value, Dictionary<string, string>? valueMap, Func<string, int, bool>? isRepresentable)
    {
        string target;
        if (valueMap is not null)
        {
            if (!valueMap.TryGetValue(value, out var mapped))
                return "? (not in the value map)";
            target = mapped;
        }
        else
        {
            target = value;
        }
        if (!int.TryParse(target, NumberStyles.Integer, CultureInfo.InvariantCulture, out var causal))
            return $"? ('{target}' is not an integer)";
        return isRepresentable is not null && !isRepresentable(variable, causal)
            ? $"{target} (not representable)"
            : target;
    }

    /// <summary>What the real conversion says: "ok", or the one-line error a reader would throw.</summary>
    private static string Verdict(string source, List<RawLabel> raw, Recording recording, LabelMap map,
        Func<string, int, bool>? isRepresentable)
    {
        try
        {
            var fields = new Dictionary<string, string>(recording.Fields.Where(kv => kv.Key is "activity" or "trial" or "step"), StringComparer.Ordinal);
            var labels = map.Apply(source, raw, i => $"sample {i}", fields);
            new Recording(source, recording.Activity, labels, recording.Trial, recording.Step, fields).Validate(isRepresentable);
            return isRepresentable is null
                ? $"ok: variables {string.Join(", ", labels.Keys.Order(StringComparer.Ordinal))} (not checked against a causal model)"
                : $"ok: variables {string.Join(", ", labels.Keys.Order(StringComparer.Ordinal))}, every value representable";
        }
        catch (InputException e)
        {
            return e.Message;
        }
    }
}
