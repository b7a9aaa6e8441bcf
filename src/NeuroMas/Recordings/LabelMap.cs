using System.Globalization;

namespace NeuroMas.Recordings;

/// <summary>
/// How a file's own label names and values map onto the causal model's variables. Bindable from
/// configuration, e.g. (YAML)
/// <code>
/// labels:
///   names:  { epoch: phase }                          # file label → causal variable
///   values: { epoch: { sample: -1, response: 1 } }    # file label → (file value → causal value)
/// </code>
/// A file label not named in <see cref="Names"/> keeps its own name (<c>count</c> → <c>count</c>);
/// one without an entry in <see cref="Values"/> must hold integers (or whole floats), which pass
/// through unchanged. The default map is therefore "everything passes through". Which labels a
/// file offers is the reader options' business (label datasets, columns); every key of this map
/// must name one of them, so a typo fails instead of being ignored.
/// </summary>
public sealed record LabelMap
{
    /// <summary>File label name → causal variable name. Default: empty (names pass through).</summary>
    public Dictionary<string, string> Names { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// File label name → (file value as text → causal value, an integer as text). Numeric file
    /// values are looked up in their invariant text form (<c>0</c>, <c>1</c>, <c>-1</c>). A value
    /// missing from the map is an error. Default: empty (integers pass through).
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Values { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Maps raw file labels onto causal variables. Throws a one-line <see cref="InputException"/>
    /// for keys of this map that name no label of the file, two labels mapped onto one variable,
    /// a variable named <c>activity</c>, <c>trial</c> or <c>step</c> (kept for the recording's own parts),
    /// value-map targets that are not integers, and values that neither parse nor are mapped.
    /// </summary>
    /// <param name="source">The file, for messages.</param>
    /// <param name="raw">Labels as read: file name, field (dataset path or column), values as text.</param>
    /// <param name="locate">Sample index → where it is in the file, for messages (e.g. "line 9").</param>
    /// <param name="fields">Receives causal variable → field, for <see cref="Recording.Fields"/>.</param>
    internal Dictionary<string, int[]> Apply(string source, IReadOnlyList<RawLabel> raw,
        Func<int, string> locate, IDictionary<string, string> fields)
    {
        var offered = raw.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in Names.Keys.Concat(Values.Keys))
        {
            if (!offered.Contains(key))
                throw new InputException(
                    $"{source}: the label map names '{key}' but the labels read are [{string.Join(", ", raw.Select(r => r.Name))}]");
        }

        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var label in raw)
        {
            var variable = Names.TryGetValue(label.Name, out var renamed) ? renamed : label.Name;
            if (variable is "activity" or "trial" or "step")
                throw new InputException(
                    $"{source}: {label.Field} would become the variable '{variable}', a name the recording keeps for its own {variable}: rename it in the label map");
            if (result.ContainsKey(variable))
                throw new InputException(
                    $"{source}: {label.Field} maps onto '{variable}', which {fields[variable]} already gives");
            var valueMap = Values.TryGetValue(label.Name, out var m) ? Targets(source, label.Name, m) : null;
            var values = new int[label.Values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var text = label.Values[i];
                if (valueMap is not null)
                {
                    if (!valueMap.TryGetValue(text, out values[i]))
                        throw new InputException(
                            $"{source}: {label.Field} has '{text}' at {locate(i)}: expected one of the mapped values [{string.Join(", ", valueMap.Keys)}]");
                }
                else if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                {
                    throw new InputException(
                        $"{source}: {label.Field} has '{text}' at {locate(i)}: expected an integer (or a value map for '{label.Name}')");
                }
            }
            result[variable] = values;
            fields[variable] = label.Field;
        }
        return result;
    }

    private static Dictionary<string, int> Targets(string source, string label, Dictionary<string, string> map)
    {
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (from, to) in map)
        {
            if (!int.TryParse(to, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                throw new InputException(
                    $"{source}: label map Values[{label}][{from}] is '{to}': expected an integer");
            targets[from] = value;
        }
        return targets;
    }
}
