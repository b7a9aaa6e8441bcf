namespace NeuroMas.Recordings;

/// <summary>Reads plain float arrays from an HDF5 file (e.g. a simulated recording's <c>/ground_truth</c>).</summary>
public static class Hdf5Arrays
{
    /// <summary>A rank-2 float dataset as <c>[rows, columns]</c>.</summary>
    public static float[,] ReadMatrix(string path, string dataset)
    {
        using var file = H5Access.Open(path);
        var data = H5Access.Dataset(file, path, dataset);
        var shape = H5Access.Shape(data);
        if (shape.Length != 2) throw new InputException($"{path}: {dataset}: expected a matrix, found shape {H5Access.Format(shape)}");
        var flat = H5Access.ReadFloats(path, dataset, data);
        var result = new float[(int)shape[0], (int)shape[1]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }

    /// <summary>A rank-1 float dataset (or a single-row matrix).</summary>
    public static float[] ReadVector(string path, string dataset)
    {
        using var file = H5Access.Open(path);
        var data = H5Access.Dataset(file, path, dataset);
        var shape = H5Access.Shape(data);
        if (shape.Length != 1 && !(shape.Length == 2 && shape[0] == 1))
            throw new InputException($"{path}: {dataset}: expected a vector (or one row), found shape {H5Access.Format(shape)}");
        return H5Access.ReadFloats(path, dataset, data);
    }
}
