using System.IO.Compression;
using System.Runtime.InteropServices;
using PureHDF.Filters;

namespace NeuroMas.Recordings;

/// <summary>
/// HDF5's deflate filter (id 1) for reading, decoding straight into a buffer the caller lends for the next chunk on its
/// thread (<see cref="Lend"/>) instead of a fresh array per chunk. PureHDF's own filter decodes through a
/// <see cref="MemoryStream"/> into a new large-object-heap array per chunk: a 4 GB recording leaves gigabytes of
/// chunk garbage that the collector frees late, so the read's peak memory was 1.5–2× the activity. Without a lent
/// buffer it decodes into a new array of the chunk's size; writing is PureHDF's own filter.
/// </summary>
internal sealed class H5DeflateInto : IH5Filter
{
    [ThreadStatic]
    private static byte[]? _lent;

    private static readonly DeflateFilter Writer = new();
    private static int _registered;

    public ushort FilterId => DeflateFilter.Id;

    public string Name => "deflate";

    /// <summary>Replaces PureHDF's deflate filter for this process (once; the decoded bytes are the same).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0) H5Filter.Register(new H5DeflateInto());
    }

    /// <summary>The next chunk decoded on this thread goes into <paramref name="buffer"/> if it is large enough.</summary>
    public static void Lend(byte[]? buffer) => _lent = buffer;

    public Memory<byte> Filter(FilterInfo info)
    {
        if (!info.Flags.HasFlag(H5FilterFlags.Decompress)) return Writer.Filter(info);
        var output = _lent is { } buffer && buffer.Length >= info.ChunkSize ? buffer : new byte[info.ChunkSize];
        _lent = null;
        using var source = Source(info.Buffer);
        using var inflate = new ZLibStream(source, CompressionMode.Decompress);
        var length = inflate.ReadAtLeast(output.AsSpan(0, info.ChunkSize), info.ChunkSize, throwOnEndOfStream: false);
        return output.AsMemory(0, length);
    }

    public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options) =>
        Writer.GetParameters(chunkDimensions, typeSize, options);

    private static MemoryStream Source(Memory<byte> compressed) =>
        MemoryMarshal.TryGetArray<byte>(compressed, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(compressed.ToArray(), writable: false);
}
