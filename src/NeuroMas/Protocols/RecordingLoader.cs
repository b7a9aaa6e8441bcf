using NeuroMas.Recordings;

namespace NeuroMas.Protocols;

/// <summary>Reads a protocol's recording with the reader its file extension calls for.</summary>
public static class RecordingLoader
{
    public static Recording Load(string path, SystemSpec spec)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".h5" or ".hdf5" => Hdf5RecordingReader.Load(path, spec.Hdf5, spec.Labels),
            ".nwb" => NwbRecordingReader.Load(path, spec.Nwb, spec.Labels),
            ".csv" => CsvRecordingReader.Load(path, spec.Csv ?? new CsvReadOptions { UnitPrefix = "u", LabelColumns = ["count", "phase"] }, spec.Labels),
            _ => throw new InputException($"{path}: recording: expected a .h5, .hdf5, .nwb or .csv file, found '{extension}'"),
        };
    }
}
