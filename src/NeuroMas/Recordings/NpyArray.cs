using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuroMas.Recordings;

/// <summary>
/// A numpy <c>.npy</c> array (format versions 1–3) as spike sorters and suite2p write them:
/// little- or big-endian bool, 8–64-bit integers and 32/64-bit floats, C or Fortran order, any
/// rank. Values are widened to double, in C (row-major) order. Object arrays (pickles, such as
/// suite2p's <c>ops.npy</c> and <c>stat.npy</c>) are refused: reading them means running pickle.
/// </summary>
internal sealed partial class NpyArray
{
    private NpyArray(string path, long[] shape, double[] values, string dtype) =>
        (Path, Shape, Values, DType) = (path, shape, values, dtype);

    public string Path { get; }

    public long[] Shape { get; }

    /// <summary>Every element in row-major order.</summary>
    public double[] Values { get; }

    public string DType { get; }

    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>Reads only the header: (dtype, shape), for checks that need no data.</summary>
    public static (string DType, long[] Shape) Header(string path)
    {
        using var stream = Open(path);
        var (dtype, _, shape) = ReadHeader(path, stream);
        return (dtype, shape);
    }

    public static NpyArray Read(string path)
    {
        using var stream = Open(path);
        var (dtype, fortran, shape) = ReadHeader(path, stream);
        var (kind, size, big) = Parse(path, dtype);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var bytes = new byte[checked(count * size)];
        var read = 0;
        while (read < bytes.Length && stream.Read(bytes, read, bytes.Length - read) is var n and > 0)
            read += n;
        if (read < bytes.Length)
            throw new InputException($"{path}: .npy data ends after {read} of {bytes.Length} bytes (shape {string.Join("x", shape)}, dtype {dtype}): the file is truncated");
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = Element(bytes.AsSpan((int)(i * size), size), kind, big);
        if (fortran && shape.Length > 1)
            values = ToRowMajor(values, shape);
        return new NpyArray(path, shape, values, dtype);
    }

    /// <summary>Whole numbers (ids, sample indices) as longs; a fraction is an error.</summary>
    public long[] Longs()
    {
        var result = new long[Values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var x = Values[i];
            if (x != Math.Floor(x))
                throw new InputException($"{Path}: element {i} is {x.ToString(CultureInfo.InvariantCulture)}: expected integers");
            result[i] = (long)x;
        }
        return result;
    }

    private static FileStream Open(string path)
    {
        if (!File.Exists(path))
            throw new InputException($"{path}: file not found");
        return File.OpenRead(path);
    }

    private static (string DType, bool Fortran, long[] Shape) ReadHeader(string path, Stream stream)
    {
        Span<byte> magic = stackalloc byte[8];
        if (stream.Read(magic) != 8 || magic[0] != 0x93 || !magic[1..6].SequenceEqual("NUMPY"u8))
            throw new InputException($"{path}: not a .npy file (no \\x93NUMPY magic)");
        var major = magic[6];
        Span<byte> lengthBytes = stackalloc byte[4];
        var lengthSize = major == 1 ? 2 : 4;
        if (major is < 1 or > 3 || stream.Read(lengthBytes[..lengthSize]) != lengthSize)
            throw new InputException($"{path}: .npy format version {major}: expected 1, 2 or 3");
        var length = lengthSize == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : (int)BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        var headerBytes = new byte[length];
        if (stream.Read(headerBytes) != length)
            throw new InputException($"{path}: .npy header is truncated");
        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success)
            throw new InputException($"{path}: .npy header '{header.Trim()}': expected 'descr', 'fortran_order' and 'shape'");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => long.Parse(d.TrimEnd('L'), CultureInfo.InvariantCulture)).ToArray();
        return (descr.Groups[1].Value, order.Groups[1].Value == "True", dims);
    }

    private static (char Kind, int Size, bool Big) Parse(string path, string dtype)
    {
        var m = DTypePattern().Match(dtype);
        if (!m.Success || !(m.Groups[2].Value[0] switch
        {
            'b' => m.Groups[3].Value == "1",
            'i' or 'u' => m.Groups[3].Value is "1" or "2" or "4" or "8",
            'f' => m.Groups[3].Value is "4" or "8",
            _ => false,
        }))
            throw new InputException($"{path}: .npy dtype '{dtype}': expected bool, integers or float32/float64 (object arrays are pickles and are not read)");
        return (m.Groups[2].Value[0], int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), m.Groups[1].Value == ">");
    }

    private static double Element(ReadOnlySpan<byte> b, char kind, bool big) => (kind, b.Length) switch
    {
        ('b', 1) or ('u', 1) => b[0],
        ('i', 1) => (sbyte)b[0],
        ('i', 2) => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
        ('u', 2) => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
        ('i', 4) => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
        ('u', 4) => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
        ('i', 8) => big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
        ('u', 8) => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
        ('f', 4) => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
        _ => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
    };

    /// <summary>Fortran (column-major) order to C order: the first index varies fastest in the file.</summary>
    private static double[] ToRowMajor(double[] values, long[] shape)
    {
        var result = new double[values.Length];
        var index = new long[shape.Length];
        for (long f = 0; f < values.Length; f++)
        {
            long c = 0;
            for (var d = 0; d < shape.Length; d++)
                c = c * shape[d] + index[d];
            result[c] = values[f];
            for (var d = 0; d < shape.Length && ++index[d] == shape[d]; d++)
                index[d] = 0;
        }
        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"^([<>|=]?)([biuf])([0-9]+)$")]
    private static partial Regex DTypePattern();
}
