using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>
/// Reads a recording from an HDF5 file in the layouts of <c>Recordings/README.md</c> (PureHDF;
/// chunked and gzip-compressed datasets as h5py writes them; float32/float64 activity; 8- to
/// 64-bit integer, float or string labels).
/// </summary>
public static class Hdf5RecordingReader
{
    /// <summary>
    /// Loads <paramref name="path"/>: activity <c>[samples, units]</c> with per-sample labels, trial
    /// and step (plain layout), or activity <c>[trials, time, units]</c> with labels shaped
    /// <c>[trials]</c>, <c>[time]</c> or <c>[trials, time]</c>, flattened trial-major into
    /// <c>[trials·time, units]</c>. The result has passed <see cref="Recording.Validate"/> without a
    /// causal model (shapes, finite activity).
    /// </summary>
    /// <exception cref="InputException">A missing or unreadable file or dataset, a shape that does
    /// not fit, a label the map cannot convert, or NaN/Inf activity; one line naming file and field.</exception>
    public static Recording Load(string path, Hdf5ReadOptions options, LabelMap map)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InputException($"{path}: Hdf5ReadOptions: {string.Join("; ", problems)}");

        using var file = H5Access.Open(path);
        var activity = H5Access.Dataset(file, path, options.ActivityPath);
        var shape = H5Access.Shape(activity);
        var labels = LabelDatasets(file, path, options);
        if (options.HasPadding && shape.Length != 3)
            throw new InputException(
                $"{path}: {options.ActivityPath} has shape {H5Access.Format(shape)}: padding options (padded, lengths_path, mask_path) need [trials, time, units]");
        var recording = shape.Length switch
        {
            2 => Plain(file, path, options, map, activity, labels),
            3 => TrialsTime(file, path, options, map, activity, labels),
            _ => throw new InputException(
                $"{path}: {options.ActivityPath} has shape {H5Access.Format(shape)}: expected [samples, units] or [trials, time, units]"),
        };
        recording.Validate();
        return recording;
    }

    private static Recording Plain(IH5Group file, string path, Hdf5ReadOptions options, LabelMap map,
        IH5Dataset activity, IReadOnlyList<(string Name, string Path)> labels)
    {
        var shape = H5Access.Shape(activity);
        var (samples, units) = (checked((int)shape[0]), checked((int)shape[1]));
        var values = H5Access.ReadMatrix(path, options.ActivityPath, activity, samples, units);

        IH5Dataset PerSample(string datasetPath)
        {
            var dataset = H5Access.Dataset(file, path, datasetPath);
            var s = H5Access.Shape(dataset);
            if (s.Length != 1 || s[0] != (ulong)samples)
            {
                var found = s.Length == 1 ? $"{s[0]} rows" : $"shape {H5Access.Format(s)}";
                throw new InputException(
                    $"{path}: {options.ActivityPath} has shape {H5Access.Format(shape)} but {datasetPath} has {found}");
            }
            return dataset;
        }

        var raw = labels.Select(l => new RawLabel(l.Name, l.Path, H5Access.ReadText(path, l.Path, PerSample(l.Path)))).ToList();
        var trial = options.TrialPath is { } t
            ? H5Access.ReadInts(path, t, PerSample(t))
            : Enumerable.Range(0, samples).ToArray();
        var step = options.StepPath is { } s ? H5Access.ReadInts(path, s, PerSample(s)) : new int[samples];
        return Build(path, options, map, values, raw, trial, step, i => $"sample {i}");
    }

    private static Recording TrialsTime(IH5Group file, string path, Hdf5ReadOptions options, LabelMap map,
        IH5Dataset activity, IReadOnlyList<(string Name, string Path)> labels)
    {
        var shape = H5Access.Shape(activity);
        var (trials, time, units) = (checked((int)shape[0]), checked((int)shape[1]), checked((int)shape[2]));
        var flat = H5Access.ReadFloats(path, options.ActivityPath, activity);

        T[] Spread<T>(string datasetPath, bool preferTime, Func<string, string, IH5Dataset, T[]> read)
        {
            var dataset = H5Access.Dataset(file, path, datasetPath);
            var s = H5Access.Shape(dataset);
            var (t, n) = ((ulong)trials, (ulong)time);
            var perTime = s.Length == 1 && s[0] == n && (preferTime || s[0] != t);
            var perTrial = s.Length == 1 && s[0] == t && !perTime;
            var both = s.Length == 2 && s[0] == t && s[1] == n;
            if (!perTime && !perTrial && !both)
                throw new InputException(
                    $"{path}: {options.ActivityPath} has shape {H5Access.Format(shape)} but {datasetPath} has shape {H5Access.Format(s)}: expected [{trials}], [{time}] or [{trials}, {time}]");
            var data = read(path, datasetPath, dataset);
            var result = new T[trials * time];
            for (var i = 0; i < result.Length; i++)
                result[i] = data[perTime ? i % time : perTrial ? i / time : i];
            return result;
        }

        var raw = labels.Select(l => new RawLabel(l.Name, l.Path, Spread(l.Path, false, H5Access.ReadText))).ToList();
        var trial = options.TrialPath is { } tp && H5Access.Exists(file, path, tp)
            ? Spread(tp, false, H5Access.ReadInts)
            : Enumerable.Range(0, trials * time).Select(i => i / time).ToArray();
        var step = options.StepPath is { } sp && H5Access.Exists(file, path, sp)
            ? Spread(sp, true, H5Access.ReadInts)
            : Enumerable.Range(0, trials * time).Select(i => i % time).ToArray();

        // Padding goes before the label map sees the values: sentinels such as -1 or "" need no mapping.
        var valid = Hdf5Padding.Valid(file, path, options, flat, trials, time, units, i => trial[i], out var rule);
        var kept = Enumerable.Range(0, valid.Length).Where(i => valid[i]).ToArray();
        var dropped = valid.Length - kept.Length;
        var values = new float[kept.Length, units];
        for (var k = 0; k < kept.Length; k++)
            for (var u = 0; u < units; u++)
                values[k, u] = flat[(long)kept[k] * units + u];
        raw = raw.Select(r => r with { Values = kept.Select(i => r.Values[i]).ToArray() }).ToList();
        var notes = options.HasPadding
            ? new[] { $"dropped {dropped} padded samples of {valid.Length} ({rule})" }
            : [];
        return Build(path, options, map, values, raw, kept.Select(i => trial[i]).ToArray(), kept.Select(i => step[i]).ToArray(),
            k => $"sample {k} (trial index {kept[k] / time}, time {kept[k] % time})", dropped, notes);
    }

    private static Recording Build(string path, Hdf5ReadOptions options, LabelMap map, float[,] activity,
        IReadOnlyList<RawLabel> raw, int[] trial, int[] step, Func<int, string> locate,
        int dropped = 0, IReadOnlyList<string>? notes = null)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["activity"] = options.ActivityPath,
            ["trial"] = options.TrialPath ?? "trial (one per sample)",
            ["step"] = options.StepPath ?? "step (all 0)",
        };
        var labels = map.Apply(path, raw, locate, fields);
        return new Recording(path, activity, labels, trial, step, fields, dropped, notes);
    }

    /// <summary>(file label name, dataset path) for every label to read.</summary>
    private static List<(string Name, string Path)> LabelDatasets(IH5Group file, string path, Hdf5ReadOptions options)
    {
        if (options.LabelPaths.Count > 0)
            return options.LabelPaths.Select(kv => (kv.Key, kv.Value)).ToList();
        var groupPath = options.LabelsGroupPath;
        var group = H5Access.Group(file, path, groupPath);
        var labels = new List<(string, string)>();
        foreach (var child in H5Access.Guard(path, groupPath, () => group.Children().ToList()))
        {
            var childPath = $"{groupPath.TrimEnd('/')}/{child.Name}";
            if (child is not IH5Dataset)
                throw new InputException($"{path}: {childPath} is a group: expected only label datasets in {groupPath}");
            labels.Add((child.Name, childPath));
        }
        return labels;
    }

    /// <summary>Row-major values into a matrix <c>[rows, columns]</c>.</summary>
    internal static float[,] ToMatrix(float[] values, int rows, int columns)
    {
        var matrix = new float[rows, columns];
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(float));
        return matrix;
    }
}
