namespace NeuroMas.Recordings;

/// <summary>How to read a recording file: each format's own options and the label map (defaults: the plain layouts).</summary>
public sealed record RecordingReadOptions
{
    /// <summary>HDF5 dataset paths (plain or trials × time layout).</summary>
    public Hdf5ReadOptions Hdf5 { get; init; } = new();

    /// <summary>NWB: units/trials tables, windows, traces.</summary>
    public NwbReadOptions Nwb { get; init; } = new();

    /// <summary>CSV: unit and label columns; null: units are the columns starting with <c>u</c>, labels as <see cref="RecordingFile.DefaultCsv"/> says.</summary>
    public CsvReadOptions? Csv { get; init; }

    /// <summary>Kilosort/Phy output folder: events table, sampling rate, curation labels kept.</summary>
    public KilosortReadOptions Kilosort { get; init; } = new();

    /// <summary>suite2p plane folder: events table, trace file, frame rate, cells only.</summary>
    public Suite2pReadOptions Suite2p { get; init; } = new();

    /// <summary>How the file's own label names and values map onto the causal variables.</summary>
    public LabelMap Labels { get; init; } = new();
}

/// <summary>Reads a recording with the reader its file extension (or, for a folder, its contents) calls for.</summary>
public static class RecordingFile
{
    /// <summary>The file extensions a recording may have.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".h5", ".hdf5", ".nwb", ".csv"];

    /// <summary>
    /// The CSV layout without <c>csv:</c> options: units <c>u0, u1, …</c>; labels the columns the label map names, and
    /// <c>count</c> and <c>phase</c> unless the map already gives those variables from another column.
    /// </summary>
    public static CsvReadOptions DefaultCsv(LabelMap labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var named = labels.Names.Keys.Concat(labels.Values.Keys).Distinct(StringComparer.Ordinal).ToList();
        var given = named.Select(n => labels.Names.TryGetValue(n, out var v) ? v : n).ToHashSet(StringComparer.Ordinal);
        return new CsvReadOptions { UnitPrefix = "u", LabelColumns = [.. named, .. new[] { "count", "phase" }.Where(v => !given.Contains(v) && !named.Contains(v))] };
    }

    /// <summary>
    /// Every problem with the reader options <paramref name="path"/> would be read with, without
    /// opening it (a folder is looked into for its kind only): for <c>validate</c>, before any load.
    /// </summary>
    public static IReadOnlyList<string> CheckOptions(string path, RecordingReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new RecordingReadOptions();
        if (Directory.Exists(path))
        {
            return KilosortRecordingReader.IsKilosortFolder(path) ? options.Kilosort.Validate()
                : Suite2pRecordingReader.IsSuite2pFolder(path) ? options.Suite2p.Validate()
                : ["recording folder: expected Kilosort/Phy output (spike_times.npy) or a suite2p plane (iscell.npy, F.npy), found neither"];
        }
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".h5" or ".hdf5" => options.Hdf5.Validate(),
            ".nwb" => options.Nwb.Validate(),
            ".csv" => (options.Csv ?? new CsvReadOptions { UnitPrefix = "u" }).Validate(),
            var e => [$"recording: expected a .h5, .hdf5, .nwb or .csv file or a Kilosort/suite2p folder, found '{e}'"],
        };
    }

    /// <summary>
    /// Loads <paramref name="path"/>: a <c>.h5</c>/<c>.hdf5</c>, <c>.nwb</c> or <c>.csv</c> file, or a
    /// folder: Kilosort/Phy output (<c>spike_times.npy</c>) or a suite2p plane (<c>iscell.npy</c>/<c>F.npy</c>).
    /// </summary>
    public static Recording Load(string path, RecordingReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new RecordingReadOptions();
        if (Directory.Exists(path))
        {
            if (KilosortRecordingReader.IsKilosortFolder(path))
                return KilosortRecordingReader.Load(path, options.Kilosort, options.Labels);
            if (Suite2pRecordingReader.IsSuite2pFolder(path))
                return Suite2pRecordingReader.Load(path, options.Suite2p, options.Labels);
            throw new InputException($"{path}: recording folder: expected Kilosort/Phy output (spike_times.npy) or a suite2p plane (iscell.npy, F.npy), found neither");
        }
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".h5" or ".hdf5" => Hdf5RecordingReader.Load(path, options.Hdf5, options.Labels),
            ".nwb" => NwbRecordingReader.Load(path, options.Nwb, options.Labels),
            ".csv" => CsvRecordingReader.Load(path, options.Csv ?? DefaultCsv(options.Labels), options.Labels),
            _ => throw new InputException($"{path}: recording: expected a .h5, .hdf5, .nwb or .csv file or a Kilosort/suite2p folder, found '{extension}'"),
        };
    }
}
