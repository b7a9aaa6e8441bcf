namespace NeuroMas.Recordings;

/// <summary>How to read a recording file: each format's own options and the label map (defaults: the plain layouts).</summary>
public sealed record RecordingReadOptions
{
    /// <summary>HDF5 dataset paths (plain or trials × time layout).</summary>
    public Hdf5ReadOptions Hdf5 { get; init; } = new();

    /// <summary>NWB: units/trials tables, windows, traces.</summary>
    public NwbReadOptions Nwb { get; init; } = new();

    /// <summary>CSV: unit and label columns; null: units are the columns starting with <c>u</c>, labels count and phase.</summary>
    public CsvReadOptions? Csv { get; init; }

    /// <summary>How the file's own label names and values map onto the causal variables.</summary>
    public LabelMap Labels { get; init; } = new();
}

/// <summary>Reads a recording with the reader its file extension calls for.</summary>
public static class RecordingFile
{
    /// <summary>The file extensions a recording may have.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".h5", ".hdf5", ".nwb", ".csv"];

    public static Recording Load(string path, RecordingReadOptions? options = null)
    {
        options ??= new RecordingReadOptions();
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".h5" or ".hdf5" => Hdf5RecordingReader.Load(path, options.Hdf5, options.Labels),
            ".nwb" => NwbRecordingReader.Load(path, options.Nwb, options.Labels),
            ".csv" => CsvRecordingReader.Load(path, options.Csv ?? new CsvReadOptions { UnitPrefix = "u", LabelColumns = ["count", "phase"] }, options.Labels),
            _ => throw new InputException($"{path}: recording: expected a .h5, .hdf5, .nwb or .csv file, found '{extension}'"),
        };
    }
}
