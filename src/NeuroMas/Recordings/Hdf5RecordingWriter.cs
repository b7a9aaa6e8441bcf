using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace NeuroMas.Recordings;

/// <summary>
/// Writes a recording in the plain HDF5 layout that <see cref="Hdf5RecordingReader"/> reads with
/// default options (PureHDF): <c>/activity</c> float32 <c>[samples, units]</c>,
/// <c>/labels/&lt;variable&gt;</c> int32 <c>[samples]</c>, <c>/trial</c> and <c>/step</c> int32
/// <c>[samples]</c>. Every dataset is chunked (activity: whole rows, about 256 KiB per chunk;
/// vectors: up to 65,536 entries) and deflate-compressed with PureHDF's <see cref="DeflateFilter"/>
/// at its default level, readable by h5py and the HDF5 C library.
/// </summary>
public static class Hdf5RecordingWriter
{
    private const int ChunkBytes = 256 * 1024;
    private const int VectorChunk = 65_536;

    /// <summary>
    /// Writes <paramref name="recording"/> to <paramref name="path"/> atomically (a temporary file
    /// beside it, then a rename that replaces any existing file).
    /// </summary>
    /// <param name="path">The .h5 file to write.</param>
    /// <param name="recording">Checked with <see cref="Recording.Validate"/> first: a recording the
    /// reader would refuse is not written.</param>
    /// <param name="extraDatasets">Absolute dataset path (e.g. <c>/ground_truth/observation</c>)
    /// → float32 matrix <c>[rows, columns]</c>, written chunked and compressed like the activity;
    /// parent groups are created. A path may not reuse or nest inside the layout's own datasets.</param>
    /// <param name="attributes">String attributes on the root group (e.g. provenance).</param>
    /// <exception cref="ArgumentException">A label or extra dataset path that cannot be written.</exception>
    /// <exception cref="InputException">The recording fails <see cref="Recording.Validate"/>.</exception>
    public static void Write(string path, Recording recording,
        IReadOnlyDictionary<string, float[,]>? extraDatasets = null,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(recording);
        recording.Validate();

        var file = new H5File
        {
            ["activity"] = Matrix(recording.Activity),
            ["trial"] = Vector(recording.Trial),
            ["step"] = Vector(recording.Step),
        };
        var labels = new H5Group();
        foreach (var (variable, values) in recording.Labels)
        {
            if (variable.Length == 0 || variable.Contains('/', StringComparison.Ordinal) || variable == ".")
                throw new ArgumentException($"label '{variable}' cannot be an HDF5 dataset name", nameof(recording));
            labels[variable] = Vector(values);
        }
        file["labels"] = labels;

        foreach (var (datasetPath, data) in extraDatasets ?? new Dictionary<string, float[,]>())
            Place(file, datasetPath, Matrix(data));

        if (attributes is { Count: > 0 })
        {
            file.Attributes = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, value) in attributes)
                file.Attributes[name] = value ?? throw new ArgumentException($"attribute '{name}' is null", nameof(attributes));
        }

        AtomicFile.Replace(path, temporary => file.Write(temporary));
    }

    /// <summary>Puts <paramref name="dataset"/> at an absolute path, creating the groups above it.</summary>
    private static void Place(H5Group root, string datasetPath, H5Dataset dataset)
    {
        var parts = datasetPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!datasetPath.StartsWith('/') || parts.Length == 0)
            throw new ArgumentException($"extra dataset path '{datasetPath}': expected an absolute path such as /ground_truth/observation", nameof(datasetPath));
        var group = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!group.TryGetValue(parts[i], out var child))
            {
                child = new H5Group();
                group[parts[i]] = child;
            }
            group = child as H5Group
                ?? throw new ArgumentException($"extra dataset path '{datasetPath}': /{string.Join('/', parts[..(i + 1)])} is already a dataset", nameof(datasetPath));
        }
        if (group.ContainsKey(parts[^1]))
            throw new ArgumentException($"extra dataset path '{datasetPath}' is already taken", nameof(datasetPath));
        group[parts[^1]] = dataset;
    }

    private static H5Dataset Matrix(float[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (rows, columns) = (data.GetLength(0), data.GetLength(1));
        if (rows == 0 || columns == 0)
            return new H5Dataset(data);
        var chunkRows = Math.Clamp(ChunkBytes / (sizeof(float) * columns), 1, rows);
        return new H5Dataset(data, chunks: [(uint)chunkRows, (uint)columns], datasetCreation: Compressed());
    }

    private static H5Dataset Vector(int[] data) =>
        data.Length == 0
            ? new H5Dataset(data)
            : new H5Dataset(data, chunks: [(uint)Math.Min(data.Length, VectorChunk)], datasetCreation: Compressed());

    private static H5DatasetCreation Compressed() => new(Filters: [DeflateFilter.Id]);
}
