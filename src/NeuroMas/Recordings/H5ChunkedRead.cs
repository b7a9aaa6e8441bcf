using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace NeuroMas.Recordings;

/// <summary>
/// Reads a whole float32 dataset. A chunked matrix (how h5py writes one) is read chunk by chunk on every core: each
/// chunk is decoded once, straight into a buffer its thread reuses (<see cref="H5DeflateInto"/>), and copied into
/// place (<see cref="H5ChunkScatter"/>). PureHDF's own <c>Read</c> walks the selection row by row — h5py's
/// auto-chunking splits the units of an activity matrix across many narrow chunks (e.g. [21846, 2] for 96 units),
/// so a row-major read asks for a chunk once per row and chunk, 134 million times for a 1 GB recording — and allocates
/// every decoded chunk anew. Other datasets (contiguous, compact, not two-dimensional) use PureHDF's read with a chunk
/// cache large enough for one band of chunks across the rows.
/// </summary>
internal static class H5ChunkedRead
{
    /// <summary>The dataset's values, row-major; plain <c>Read</c> when the dataset is not chunked.</summary>
    public static float[] Float32(IH5Dataset dataset)
    {
        if (Access(dataset) is not { } access) return dataset.Read<float[]>();
        var values = GC.AllocateUninitializedArray<float>(checked((int)Elements(dataset)));
        if (H5ChunkScatter.TryRead((NativeDataset)dataset, values)) return values;
        return ((NativeDataset)dataset).Read<float[]>(access);
    }

    /// <summary>
    /// The dataset's values, row-major, written straight into <paramref name="matrix"/> (as many elements as the dataset
    /// has): no intermediate array, so a 4 GB activity takes 4 GB while it is read, not 8.
    /// </summary>
    /// <returns>The matrix.</returns>
    public static float[,] Float32(IH5Dataset dataset, float[,] matrix)
    {
        if (dataset is NativeDataset native)
        {
            if (Access(dataset) is { } access && H5ChunkScatter.TryRead(native, matrix)) return matrix;
            native.Read(Access(dataset) ?? new H5DatasetAccess(), Span(matrix));
        }
        else
            dataset.Read<float[]>().CopyTo(Span(matrix));
        return matrix;
    }

    /// <summary>Every element of a float array of any rank, row-major.</summary>
    internal static Span<float> Span(Array values) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(values)), values.Length);

    private static ulong Elements(IH5Dataset dataset) =>
        dataset.Space.Dimensions.Aggregate(1UL, (product, size) => product * size);

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
