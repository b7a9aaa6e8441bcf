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
        if (dataset is not NativeDataset native || dataset.Layout.Class != H5DataLayoutClass.Chunked)
            return dataset.Read<float[]>();
        var shape = dataset.Space.Dimensions;
        var chunk = dataset.Layout.Chunks;
        if (shape.Length == 0 || chunk.Length < shape.Length) return dataset.Read<float[]>();
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
        return native.Read<float[]>(new H5DatasetAccess(ChunkCache: cache));
    }
}
