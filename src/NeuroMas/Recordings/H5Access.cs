using System.Globalization;
using System.Numerics;
using PureHDF;
using PureHDF.VOL.Native;

namespace NeuroMas.Recordings;

/// <summary>
/// PureHDF access shared by the HDF5 and NWB readers: every failure becomes a one-line
/// <see cref="InputException"/> naming the file and the dataset, whatever PureHDF threw.
/// </summary>
internal static class H5Access
{
    public static NativeFile Open(string path)
    {
        if (!File.Exists(path))
            throw new InputException($"{path}: file not found");
        try
        {
            return H5File.OpenRead(path);
        }
        catch (Exception e)
        {
            throw new InputException($"{path}: not a readable HDF5 file ({OneLine(e.Message)})", e);
        }
    }

    public static bool Exists(IH5Group file, string source, string path) =>
        Guard(source, path, () => file.LinkExists(path));

    public static IH5Dataset Dataset(IH5Group file, string source, string path)
    {
        if (!Exists(file, source, path))
            throw new InputException($"{source}: dataset {path} not found");
        var item = Guard(source, path, () => file.Get(path));
        return item as IH5Dataset
            ?? throw new InputException($"{source}: {path} is a group: expected a dataset");
    }

    public static IH5Group Group(IH5Group file, string source, string path)
    {
        if (!Exists(file, source, path))
            throw new InputException($"{source}: group {path} not found");
        var item = Guard(source, path, () => file.Get(path));
        return item as IH5Group
            ?? throw new InputException($"{source}: {path} is a dataset: expected a group");
    }

    /// <summary>Dimensions of a dataset; empty for a scalar.</summary>
    public static ulong[] Shape(IH5Dataset dataset) => dataset.Space.Dimensions;

    public static string Format(IEnumerable<ulong> shape) => $"[{string.Join(", ", shape)}]";

    /// <summary>Activity values, flattened in row-major order; float32 is read without conversion.</summary>
    public static float[] ReadFloats(string source, string path, IH5Dataset dataset)
    {
        var type = dataset.Type;
        if (type.Class == H5DataTypeClass.FloatingPoint && type.Size == 4)
            return Guard(source, path, () => H5ChunkedRead.Float32(dataset));
        return Array.ConvertAll(ReadNumbers(source, path, dataset), x => (float)x);
    }

    /// <summary>
    /// A rank-2 activity dataset as <c>[rows, columns]</c>: float32 is read straight into the matrix (no second copy while
    /// reading), other types through <see cref="ReadFloats"/>.
    /// </summary>
    public static float[,] ReadMatrix(string source, string path, IH5Dataset dataset, int rows, int columns)
    {
        var type = dataset.Type;
        var matrix = new float[rows, columns];
        if (type.Class == H5DataTypeClass.FloatingPoint && type.Size == 4 && (long)rows * columns <= Array.MaxLength)
        {
            Guard(source, path, () => H5ChunkedRead.Float32(dataset, matrix));
            return matrix;
        }
        var values = ReadFloats(source, path, dataset);
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(float));
        return matrix;
    }

    /// <summary>Any integer or float dataset, flattened in row-major order.</summary>
    public static double[] ReadNumbers(string source, string path, IH5Dataset dataset) =>
        Numbers(source, path, dataset.Type, new DatasetReads(dataset));

    /// <summary>A numeric attribute's first value (a scalar such as a sampling rate).</summary>
    public static double ReadScalarAttribute(string source, string path, IH5Object owner, string name)
    {
        var field = $"{path}@{name}";
        if (!Guard(source, field, () => owner.AttributeExists(name)))
            throw new InputException($"{source}: attribute {field} not found");
        var attribute = Guard(source, field, () => owner.Attribute(name));
        var values = Numbers(source, field, attribute.Type, new AttributeReads(attribute));
        return values.Length == 1
            ? values[0]
            : throw new InputException($"{source}: {field} has {values.Length} values: expected one");
    }

    /// <summary>Label values as text: strings trimmed of padding, numbers in invariant form.</summary>
    public static string[] ReadText(string source, string path, IH5Dataset dataset)
    {
        var kind = dataset.Type.Class;
        if (kind is H5DataTypeClass.String or H5DataTypeClass.VariableLength)
        {
            var text = Guard(source, path, () => dataset.Read<string[]>());
            return Array.ConvertAll(text, s => (s ?? "").TrimEnd('\0', ' '));
        }
        return Array.ConvertAll(ReadNumbers(source, path, dataset), Text);
    }

    /// <summary>Whole numbers within the int range (trial ids, steps, indices).</summary>
    public static int[] ReadInts(string source, string path, IH5Dataset dataset)
    {
        var values = ReadNumbers(source, path, dataset);
        var ints = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (x != Math.Floor(x) || x < int.MinValue || x > int.MaxValue)
                throw new InputException($"{source}: {path} has {Text(x)} at index {i}: expected integers");
            ints[i] = (int)x;
        }
        return ints;
    }

    /// <summary>A number as label text: whole numbers without a fraction, others round-trip.</summary>
    public static string Text(double x) =>
        x == Math.Floor(x) && Math.Abs(x) < 1e15
            ? ((long)x).ToString(CultureInfo.InvariantCulture)
            : x.ToString("R", CultureInfo.InvariantCulture);

    public static T Guard<T>(string source, string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InputException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new InputException($"{source}: {field}: cannot read ({OneLine(e.Message)})", e);
        }
    }

    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static double[] Numbers(string source, string field, IH5DataType type, IReads reads)
    {
        var (kind, size) = (type.Class, type.Size);
        if (kind == H5DataTypeClass.FixedPoint)
        {
            var signed = type.FixedPoint.IsSigned;
            return Guard(source, field, () => (size, signed) switch
            {
                (1, true) => Widen(reads.Read<sbyte[]>()),
                (1, false) => Widen(reads.Read<byte[]>()),
                (2, true) => Widen(reads.Read<short[]>()),
                (2, false) => Widen(reads.Read<ushort[]>()),
                (4, true) => Widen(reads.Read<int[]>()),
                (4, false) => Widen(reads.Read<uint[]>()),
                (8, true) => Widen(reads.Read<long[]>()),
                (8, false) => Widen(reads.Read<ulong[]>()),
                _ => throw new InputException($"{source}: {field} has {size}-byte integers: expected 1, 2, 4 or 8 bytes"),
            });
        }
        // h5py stores numpy bool as an HDF5 enum over int8 (FALSE = 0, TRUE = 1): validity masks arrive so.
        if (kind == H5DataTypeClass.Enumerated && size == 1)
            return Guard(source, field, () => Widen(reads.Read<byte[]>()));
        if (kind == H5DataTypeClass.FloatingPoint && size is 4 or 8)
        {
            return Guard(source, field, () => size == 4 ? Widen(reads.Read<float[]>()) : reads.Read<double[]>());
        }
        throw new InputException($"{source}: {field} has type {kind} ({size} bytes): expected integers or floats");
    }

    private static double[] Widen<T>(T[] values) where T : INumberBase<T> =>
        Array.ConvertAll(values, double.CreateTruncating);

    /// <summary>Datasets and attributes both read with <c>Read&lt;T&gt;()</c> but share no interface for it.</summary>
    private interface IReads
    {
        T Read<T>();
    }

    private sealed class DatasetReads(IH5Dataset dataset) : IReads
    {
        public T Read<T>() => dataset.Read<T>();
    }

    private sealed class AttributeReads(IH5Attribute attribute) : IReads
    {
        public T Read<T>() => attribute.Read<T>();
    }
}
