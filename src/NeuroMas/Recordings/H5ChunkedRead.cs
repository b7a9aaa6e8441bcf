using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.VOL.Native;

namespace NeuroMas.Recordings;

/// <summary>
/// Reads a whole float32 dataset with a chunk cache large enough for one band of chunks across the rows.
/// h5py's auto-chunking splits the units of an activity matrix across many chunks (e.g. [21846, 2] for 96 units);
/// a row-major read then visits every chunk of a band once per row, and with PureHDF's default cache (1 MB) each
/// visit decompresses the chunk again: a 1 GB recording took more than ten minutes.
/// </summary>
internal static class H5ChunkedRead
{
    /// <summary>The dataset's values, row-major; plain <c>Read</c> when the dataset is not chunked.</summary>
    public static float[] Float32(IH5Dataset dataset)
    {
        if (Access(dataset) is not { } access) return dataset.Read<float[]>();
        return ((NativeDataset)dataset).Read<float[]>(access);
    }

    /// <summary>
    /// The dataset's values, row-major, written straight into <paramref name="matrix"/> (as many elements as the dataset
    /// has): no intermediate array, so a 4 GB activity takes 4 GB while it is read, not 8.
    /// </summary>
    /// <returns>The matrix.</returns>
    public static float[,] Float32(IH5Dataset dataset, float[,] matrix)
    {
        var buffer = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(matrix)), matrix.Length);
        if (dataset is NativeDataset native)
            native.Read(Access(dataset) ?? new H5DatasetAccess(), buffer);
        else
            dataset.Read<float[]>().CopyTo(buffer);
        return matrix;
    }

    /// <summary>A chunk cache holding one band of the dataset's chunks, or null when the dataset is not chunked.</summary>
    private static H5DatasetAccess? Access(IH5Dataset dataset)
    {
        if (dataset is not NativeDataset || dataset.Layout.Class != H5DataLayoutClass.Chunked) return null;
        var shape = dataset.Space.Dimensions;
        var chunk = dataset.Layout.Chunks;
        if (shape.Length == 0 || chunk.Length < shape.Length) return null;
        // Chunks in one band: every chunk that shares the first dimension's range.
        var across = 1L;
        var chunkElements = (long)chunk[0];
        for (var d = 1; d < shape.Length; d++)
        {
            across *= (long)Math.Ceiling(shape[d] / (double)chunk[d]);
            chunkElements *= (long)chunk[d];
        }
        var slots = (int)Math.Min(int.MaxValue, 2 * across + 8);
        var cache = new SimpleReadingChunkCache(slots, (ulong)(slots * chunkElements * sizeof(float)));
        return new H5DatasetAccess(ChunkCache: cache);
    }
}
