using System.Globalization;
using System.Text;
using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>HDF5 and NWB files: the dataset tree, the default-layout recording, the trials table.</summary>
public static partial class RecordingInspector
{
    /// <summary>Deeper nesting than this is taken for a cycle of hard links.</summary>
    private const int MaxDepth = 32;

    private static void DescribeHdf5(string path, StringBuilder text, bool nwb)
    {
        using (var file = H5Access.Open(path))
        {
            text.AppendLine($"{path}: {(nwb ? "NWB (HDF5)" : "HDF5")}");
            var attributes = H5Access.Guard(path, "/", () => file.Attributes().Select(a => a.Name).Order(StringComparer.Ordinal).ToList());
            if (attributes.Count > 0)
                text.AppendLine($"root attributes: {string.Join(", ", attributes)}");
            text.AppendLine("datasets:");
            var count = Walk(file, path, "", text, 0);
            if (count == 0)
                text.AppendLine("  (none)");
            if (nwb)
            {
                DescribeTrialsTable(file, path, text);
                return;
            }
        }
        var coded = CodedHdf5(path, out var layoutProblem);
        if (coded is not null)
            Summarise(text, "default HDF5 layout", coded);
        else
            text.AppendLine($"recording (default HDF5 layout): {layoutProblem}");
    }

    /// <summary>Appends every dataset under <paramref name="group"/>, depth first in name order; returns how many.</summary>
    private static int Walk(IH5Group group, string source, string prefix, StringBuilder text, int depth)
    {
        if (depth > MaxDepth)
            throw new InputException($"{source}: {prefix}: groups nest deeper than {MaxDepth} levels (a cycle of links?)");
        var where = prefix.Length == 0 ? "/" : prefix;
        var children = H5Access.Guard(source, where, () => group.Children().ToList());
        var count = 0;
        foreach (var child in children.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var childPath = $"{prefix}/{child.Name}";
            switch (child)
            {
                case IH5Dataset dataset:
                    text.AppendLine($"  {childPath} {Shape(dataset)} {H5Access.Guard(source, childPath, () => TypeName(dataset.Type))}");
                    count++;
                    break;
                case IH5Group inner:
                    count += Walk(inner, source, childPath, text, depth + 1);
                    break;
                case IH5UnresolvedLink link:
                    text.AppendLine($"  {childPath} (unresolved link: {H5Access.OneLine(link.Reason?.Message ?? "no target")})");
                    break;
                default:
                    text.AppendLine($"  {childPath} ({child.GetType().Name})");
                    break;
            }
        }
        return count;
    }

    private static string Shape(IH5Dataset dataset)
    {
        var dims = H5Access.Shape(dataset);
        return dims.Length == 0 ? "scalar" : H5Access.Format(dims);
    }

    /// <summary>An element type the way numpy names it (<c>float32</c>, <c>int64</c>, <c>uint8</c>) or a short description.</summary>
    internal static string TypeName(IH5DataType type) => type.Class switch
    {
        H5DataTypeClass.FixedPoint => (type.FixedPoint.IsSigned ? "int" : "uint") + (8 * type.Size).ToString(CultureInfo.InvariantCulture),
        H5DataTypeClass.FloatingPoint => "float" + (8 * type.Size).ToString(CultureInfo.InvariantCulture),
        H5DataTypeClass.String => $"string (fixed, {type.Size.ToString(CultureInfo.InvariantCulture)} bytes)",
        H5DataTypeClass.VariableLength => "string (variable length)",
        H5DataTypeClass.Enumerated => "enum",
        H5DataTypeClass.Compound => $"compound ({type.Size.ToString(CultureInfo.InvariantCulture)} bytes)",
        H5DataTypeClass.Reference => "reference",
        _ => type.Class.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The file read by <see cref="Hdf5RecordingReader"/> with default paths (trial and step
    /// only when present) and coded labels; null with the reason when that fails.
    /// </summary>
    private static Coded? CodedHdf5(string path, out string problem)
    {
        var options = new Hdf5ReadOptions();
        var texts = new List<(string, IEnumerable<string>)>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using (var file = H5Access.Open(path))
            {
                if (!H5Access.Exists(file, path, options.ActivityPath))
                {
                    problem = $"none: {options.ActivityPath} not found";
                    return null;
                }
                if (!H5Access.Exists(file, path, "/trial"))
                    options = options with { TrialPath = null };
                if (!H5Access.Exists(file, path, "/step"))
                    options = options with { StepPath = null };
                if (!H5Access.Exists(file, path, options.LabelsGroupPath))
                {
                    problem = $"none: {options.LabelsGroupPath} not found (the default layout reads labels from that group)";
                    return null;
                }
                var group = H5Access.Group(file, path, options.LabelsGroupPath);
                foreach (var child in H5Access.Guard(path, options.LabelsGroupPath, () => group.Children().ToList()))
                {
                    var childPath = $"{options.LabelsGroupPath}/{child.Name}";
                    if (child is IH5Dataset dataset)
                    {
                        texts.Add((child.Name, H5Access.ReadText(path, childPath, dataset)));
                        fields[child.Name] = childPath;
                    }
                }
            }
            var (map, codes) = CodeMap(texts);
            var recording = Hdf5RecordingReader.Load(path, options, map);
            problem = "";
            return new Coded(recording, codes, fields);
        }
        catch (InputException e)
        {
            problem = $"cannot be read with default options: {WithoutSource(path, e.Message)}";
            return null;
        }
    }

    /// <summary>NWB: rows of <c>/intervals/trials</c> and each per-trial column's values.</summary>
    private static void DescribeTrialsTable(IH5Group file, string path, StringBuilder text)
    {
        const string table = "/intervals/trials";
        if (!H5Access.Exists(file, path, table))
        {
            text.AppendLine($"trials table: {table} not found");
            return;
        }
        var group = H5Access.Group(file, path, table);
        var columns = H5Access.Guard(path, table, () => group.Children().OfType<IH5Dataset>().ToList());
        var start = columns.FirstOrDefault(c => c.Name == "start_time");
        var rows = start is null ? 0UL : H5Access.Shape(start).FirstOrDefault();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"trials table {table}: {rows} rows; label candidates (value ×entries):"));
        foreach (var column in columns.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var columnPath = $"{table}/{column.Name}";
            var shape = H5Access.Shape(column);
            if (column.Name is "id" or "start_time" or "stop_time" || column.Name.EndsWith("_index", StringComparison.Ordinal)
                || shape.Length == 0 || shape[0] != rows || columns.Any(c => c.Name == column.Name + "_index"))
                continue;
            text.AppendLine($"  {column.Name} {H5Access.Format(shape)}: {ValueCounts(H5Access.ReadText(path, columnPath, column))}");
        }
    }
}
