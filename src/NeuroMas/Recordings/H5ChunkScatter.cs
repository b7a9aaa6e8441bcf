using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace NeuroMas.Recordings;

/// <summary>
/// Reads a chunked two-dimensional float32 dataset chunk by chunk, in parallel: each thread takes a run of bands (the
/// chunks sharing a range of rows), asks PureHDF for one element of each of their chunks, and copies each decoded
/// chunk into place as PureHDF hands it over (<see cref="Scatter"/>, a chunk cache that keeps nothing). So every
/// chunk is decoded exactly once, on all cores, into a buffer its thread reuses; the chunk index is read once per run,
/// not once per chunk. The elements PureHDF decoded itself check the copy (a byte order or layout this path does not
/// expect makes <see cref="TryRead"/> return false, and the caller reads the plain way).
/// </summary>
internal static class H5ChunkScatter
{
    /// <summary>Reads the whole dataset into <paramref name="destination"/> (row-major); false if this path does not apply.</summary>
    public static bool TryRead(NativeDataset dataset, Array destination)
    {
        var shape = dataset.Space.Dimensions;
        var chunk = dataset.Layout.Chunks;
        if (shape.Length != 2 || chunk.Length < 2 || dataset.Layout.Class != H5DataLayoutClass.Chunked) return false;
        if (dataset.Type.Class != H5DataTypeClass.FloatingPoint || dataset.Type.Size != sizeof(float)) return false;
        var grid = new Grid(shape[0], shape[1], chunk[0], chunk[1]);
        if (grid.Rows * grid.Columns != (ulong)destination.Length || grid.ChunkElements > int.MaxValue / sizeof(float)) return false;
        if (grid.Rows == 0 || grid.Columns == 0) return true;
        H5DeflateInto.Register();

        var threads = Math.Max(1, Environment.ProcessorCount);
        var bandsPerRun = Math.Max(1UL, grid.Bands / (8UL * (ulong)threads));
        var runs = (int)((grid.Bands + bandsPerRun - 1) / bandsPerRun);
        var agrees = true;
        try
        {
            Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = threads }, run =>
            {
                var first = (ulong)run * bandsPerRun;
                var bands = Math.Min(bandsPerRun, grid.Bands - first);
                if (!ReadRun(dataset, grid, destination, first, bands)) agrees = false;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return agrees;
    }

    /// <summary>Bands <paramref name="first"/> … + <paramref name="bands"/>, every chunk across the columns.</summary>
    private static bool ReadRun(NativeDataset dataset, Grid grid, Array destination, ulong first, ulong bands)
    {
        var count = checked((int)(bands * grid.ChunksAcross));
        var touched = new float[count];
        var scatter = new Scatter(grid, destination);
        try
        {
            var selection = new HyperslabSelection(2, [first * grid.ChunkRows, 0], [grid.ChunkRows, grid.ChunkColumns],
                [bands, grid.ChunksAcross], [1, 1]);
            dataset.Read(new H5DatasetAccess(ChunkCache: scatter), touched.AsSpan(), fileSelection: selection, memoryDims: [(ulong)count]);
        }
        finally
        {
            H5DeflateInto.Lend(null);
        }
        if (scatter.Chunks != count) return false;
        var values = H5ChunkedRead.Span(destination);
        for (var i = 0; i < count; i++)
        {
            var band = first + (ulong)i / grid.ChunksAcross;
            var across = (ulong)i % grid.ChunksAcross;
            var at = (long)(band * grid.ChunkRows * grid.Columns + across * grid.ChunkColumns);
            if (BitConverter.SingleToInt32Bits(values[(int)at]) != BitConverter.SingleToInt32Bits(touched[i])) return false;
        }
        return true;
    }

    /// <summary>The dataset's shape and its chunks'.</summary>
    private readonly record struct Grid(ulong Rows, ulong Columns, ulong ChunkRows, ulong ChunkColumns)
    {
        public ulong Bands => (Rows + ChunkRows - 1) / ChunkRows;

        public ulong ChunksAcross => (Columns + ChunkColumns - 1) / ChunkColumns;

        public ulong ChunkElements => ChunkRows * ChunkColumns;
    }

    /// <summary>A chunk cache that keeps nothing: it copies each chunk PureHDF decodes into the destination.</summary>
    private sealed class Scatter(Grid grid, Array destination) : IReadingChunkCache
    {
        private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>((int)grid.ChunkElements * sizeof(float));

        public int Chunks { get; private set; }

        public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkReader)
        {
            // PureHDF is done with the previous chunk when it asks for the next one, so the buffer can be lent again.
            H5DeflateInto.Lend(_buffer);
            var chunk = chunkReader();
            Copy(chunkIndex, MemoryMarshal.Cast<byte, float>(chunk.Span));
            Chunks++;
            return chunk;
        }

        private void Copy(ulong chunkIndex, ReadOnlySpan<float> source)
        {
            var band = chunkIndex / grid.ChunksAcross;
            var across = chunkIndex % grid.ChunksAcross;
            var row0 = band * grid.ChunkRows;
            var column0 = across * grid.ChunkColumns;
            var rows = (int)Math.Min(grid.ChunkRows, grid.Rows - row0);
            var width = (int)Math.Min(grid.ChunkColumns, grid.Columns - column0);
            var chunkWidth = (int)grid.ChunkColumns;
            var stride = (long)grid.Columns;
            var target = H5ChunkedRead.Span(destination);
            var at = (long)(row0 * grid.Columns + column0);
            if (width <= 8)
            {
                // Narrow chunks (h5py's usual for a few hundred units): an element loop beats a copy call per row.
                for (int r = 0, from = 0; r < rows; r++, at += stride, from += chunkWidth)
                    for (var c = 0; c < width; c++)
                        target[(int)(at + c)] = source[from + c];
                return;
            }
            for (int r = 0, from = 0; r < rows; r++, at += stride, from += chunkWidth)
                source.Slice(from, width).CopyTo(target.Slice((int)at, width));
        }
    }
}
