using MathNet.Numerics.LinearAlgebra;

namespace NeuroMas.Similarity;

/// <summary>
/// Turns network states or recordings held as float arrays into the <c>Matrix&lt;double&gt;</c>
/// the similarity measures take. Values are copied unchanged; they are checked (finite, enough
/// rows) by the measure that uses them.
/// </summary>
public static class Representation
{
    /// <summary>Copies <paramref name="states"/> <c>[samples, width]</c> into a dense matrix <c>[samples, width]</c>.</summary>
    /// <exception cref="InputException">No samples or zero width.</exception>
    public static Matrix<double> From(float[,] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var samples = states.GetLength(0);
        var width = states.GetLength(1);
        CheckNotEmpty(samples, width);
        return Matrix<double>.Build.Dense(samples, width, (i, j) => states[i, j]);
    }

    /// <summary>
    /// Copies <paramref name="states"/> (one array per sample, each of the same width) into a
    /// dense matrix <c>[samples, width]</c>.
    /// </summary>
    /// <exception cref="InputException">No samples, zero width, or rows of different widths.</exception>
    public static Matrix<double> From(float[][] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var samples = states.Length;
        var width = samples == 0 || states[0] is null ? 0 : states[0].Length;
        CheckNotEmpty(samples, width);
        for (var i = 1; i < samples; i++)
        {
            var found = states[i]?.Length;
            if (found != width)
            {
                throw new InputException(
                    $"states: row {i} has {(found is null ? "no array" : $"width {found}")} but row 0 has width {width}; " +
                    "expected every sample to have the same width");
            }
        }

        return Matrix<double>.Build.Dense(samples, width, (i, j) => states[i][j]);
    }

    private static void CheckNotEmpty(int samples, int width)
    {
        if (samples == 0 || width == 0)
        {
            throw new InputException(
                $"states: shape is [{samples}, {width}]; expected [samples, width] with at least one sample and one unit");
        }
    }
}
