using NeuroMas.Recordings;

namespace NeuroMas.Decoding;

/// <summary>What every cross-validated decoder needs from a recording, checked once: classes, folds, standardisation.</summary>
internal sealed record DecodingInput(int[] Y, int[] ClassValues, double Chance, int[] Fold)
{
    /// <summary>
    /// Checks the label and the recording, maps the label's values to classes 0 .. C − 1 (ascending values) and
    /// deals trials to folds (<see cref="LinearDecoder.FoldOfEachSample"/>).
    /// </summary>
    /// <exception cref="InputException">The label is missing, the recording is invalid, or there are fewer trials than folds.</exception>
    public static DecodingInput Prepare(Recording recording, string variable, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (!recording.Labels.TryGetValue(variable, out var values))
            throw new InputException(
                $"{recording.Source}: no label '{variable}' to decode: the labels are [{string.Join(", ", recording.Labels.Keys)}]");
        recording.Validate();
        var classValues = values.Distinct().Order().ToArray();
        var classOf = classValues.Select((v, k) => (v, k)).ToDictionary(x => x.v, x => x.k);
        var chance = values.GroupBy(v => v).Max(g => g.Count()) / (double)values.Length;
        var fold = LinearDecoder.FoldOfEachSample(recording.Trial, folds, seed, recording.Source);
        return new DecodingInput(Array.ConvertAll(values, v => classOf[v]), classValues, chance, fold);
    }

    /// <summary>Per unit, the mean and 1/sd of <paramref name="rows"/>; a constant unit gets scale 0 (it carries nothing).</summary>
    public static (float[] Mean, float[] Scale) Standardisation(float[,] activity, int[] rows)
    {
        var units = activity.GetLength(1);
        var (mean, scale) = (new double[units], new float[units]);
        foreach (var i in rows)
            for (var u = 0; u < units; u++) mean[u] += activity[i, u];
        for (var u = 0; u < units; u++) mean[u] /= rows.Length;
        var variance = new double[units];
        foreach (var i in rows)
            for (var u = 0; u < units; u++) variance[u] += Math.Pow(activity[i, u] - mean[u], 2);
        for (var u = 0; u < units; u++)
        {
            var sd = Math.Sqrt(variance[u] / rows.Length);
            scale[u] = sd > 1e-12 ? (float)(1 / sd) : 0f;
        }
        return (Array.ConvertAll(mean, m => (float)m), scale);
    }

    /// <summary>The rows, standardised, row-major <c>[rows, units]</c>.</summary>
    public static float[] Standardise(float[,] activity, int[] rows, float[] mean, float[] scale)
    {
        var units = activity.GetLength(1);
        var x = new float[rows.Length * units];
        for (var r = 0; r < rows.Length; r++)
            for (var u = 0; u < units; u++)
                x[r * units + u] = (activity[rows[r], u] - mean[u]) * scale[u];
        return x;
    }
}
