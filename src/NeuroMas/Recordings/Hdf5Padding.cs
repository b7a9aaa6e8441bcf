using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>
/// Which samples of a trials × time activity are real steps and which are padding after a
/// trial's end. Labs store trials of different lengths in one <c>[trials, time, units]</c> array
/// padded with NaN; the padding must be dropped, but a NaN inside a trial is a recording fault
/// and must still fail, so the two are told apart here by lengths, a mask or trailing NaN rows.
/// </summary>
internal static class Hdf5Padding
{
    /// <summary>
    /// Valid flags <c>[trials·time]</c> (trial-major), after checking that every valid step has
    /// finite activity. Without padding options every step is valid, but a file that looks
    /// padded (trailing all-NaN steps) is refused with the option to set.
    /// </summary>
    /// <param name="values">Activity flattened <c>[trials, time, units]</c>.</param>
    public static bool[] Valid(IH5Group file, string path, Hdf5ReadOptions options, float[] values,
        int trials, int time, int units, Func<int, int> trialId, out string rule)
    {
        var valid = new bool[trials * time];
        if (options.LengthsPath is { } lengthsPath)
        {
            var lengths = Lengths(file, path, lengthsPath, trials, time);
            for (var i = 0; i < valid.Length; i++)
                valid[i] = i % time < lengths[i / time];
            rule = $"steps from {lengthsPath}";
        }
        else if (options.MaskPath is { } maskPath)
        {
            var dataset = H5Access.Dataset(file, path, maskPath);
            var shape = H5Access.Shape(dataset);
            if (shape.Length != 2 || shape[0] != (ulong)trials || shape[1] != (ulong)time)
                throw new InputException(
                    $"{path}: {options.ActivityPath} has shape [{trials}, {time}, {units}] but {maskPath} has shape {H5Access.Format(shape)}: expected [{trials}, {time}]");
            var mask = H5Access.ReadNumbers(path, maskPath, dataset);
            for (var i = 0; i < valid.Length; i++)
                valid[i] = mask[i] != 0;
            rule = $"mask {maskPath}";
        }
        else
        {
            for (var t = 0; t < trials; t++)
            {
                var end = options.Padded ? LastFinite(values, t, time, units) + 1 : time;
                for (var s = 0; s < end; s++)
                    valid[t * time + s] = true;
            }
            rule = options.Padded ? "trailing all-NaN steps" : "";
        }

        for (var i = 0; i < valid.Length; i++)
        {
            if (!valid[i])
                continue;
            for (var u = 0; u < units; u++)
            {
                var x = values[(long)i * units + u];
                if (float.IsFinite(x))
                    continue;
                var (t, s) = (i / time, i % time);
                var steps = Enumerable.Range(t * time, time).Count(j => valid[j]);
                var kind = float.IsNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf";
                if (!options.HasPadding && float.IsNaN(x) && LooksPadded(values, t, time, units, s))
                    throw new InputException(
                        $"{path}: {options.ActivityPath} has NaN from step {s} to the end of trial index {t}: looks padded after the trial's end: set hdf5.padded (or hdf5.lengths_path / hdf5.mask_path)");
                throw new InputException(
                    $"{path}: {options.ActivityPath} has {kind} at trial index {t} (trial {trialId(i)}), step {s}, unit {u}, inside the trial's {steps} valid steps: expected finite values (padding belongs after a trial's end)");
            }
        }
        return valid;
    }

    private static int[] Lengths(IH5Group file, string path, string lengthsPath, int trials, int time)
    {
        var dataset = H5Access.Dataset(file, path, lengthsPath);
        var shape = H5Access.Shape(dataset);
        if (shape.Length != 1 || shape[0] != (ulong)trials)
            throw new InputException($"{path}: {lengthsPath} has shape {H5Access.Format(shape)}: expected [{trials}] (one length per trial)");
        var lengths = H5Access.ReadInts(path, lengthsPath, dataset);
        for (var t = 0; t < lengths.Length; t++)
        {
            if (lengths[t] < 0 || lengths[t] > time)
                throw new InputException($"{path}: {lengthsPath} has {lengths[t]} at trial index {t}: expected a length from 0 to {time} steps");
        }
        return lengths;
    }

    /// <summary>The last step of trial <paramref name="t"/> with any finite unit, or -1.</summary>
    private static int LastFinite(float[] values, int t, int time, int units)
    {
        for (var s = time - 1; s >= 0; s--)
        {
            for (var u = 0; u < units; u++)
            {
                if (float.IsFinite(values[((long)t * time + s) * units + u]))
                    return s;
            }
        }
        return -1;
    }

    /// <summary>Whether every unit is NaN from <paramref name="from"/> to the trial's last step.</summary>
    private static bool LooksPadded(float[] values, int t, int time, int units, int from) =>
        LastFinite(values, t, time, units) < from;
}
