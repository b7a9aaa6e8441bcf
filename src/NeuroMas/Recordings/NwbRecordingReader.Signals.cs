using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>The two sources of activity in an NWB file: spike times and sampled traces.</summary>
public static partial class NwbRecordingReader
{
    /// <summary>
    /// Spike counts <c>[samples, units]</c>: unit <c>u</c> owns
    /// <c>spike_times[index[u-1] .. index[u])</c> (NWB's ragged <c>VectorIndex</c>, exclusive
    /// ends); sample <c>i</c> counts the spikes in <c>[starts[i], stops[i])</c>.
    /// </summary>
    private static float[,] CountSpikes(IH5Group file, string path, string units, double[] starts, double[] stops)
    {
        var timesPath = $"{units}/spike_times";
        var indexPath = $"{units}/spike_times_index";
        var times = H5Access.ReadNumbers(path, timesPath, Vector(file, path, timesPath, null));
        var ends = H5Access.ReadNumbers(path, indexPath, Vector(file, path, indexPath, null));
        var counts = new float[starts.Length, ends.Length];
        var begin = 0;
        for (var u = 0; u < ends.Length; u++)
        {
            var end = ends[u];
            if (end < begin || end > times.Length || end != Math.Floor(end))
                throw new InputException(
                    $"{path}: {indexPath} has {end} at unit {u}: expected non-decreasing whole offsets from {begin} to {times.Length}");
            var own = times[begin..(int)end];
            for (var j = 0; j < own.Length; j++)
            {
                if (!double.IsFinite(own[j]))
                    throw new InputException($"{path}: {timesPath} has {own[j]} at index {begin + j} (unit {u}): expected finite times");
            }
            Array.Sort(own);
            for (var i = 0; i < starts.Length; i++)
                counts[i, u] = LowerBound(own, stops[i]) - LowerBound(own, starts[i]);
            begin = (int)end;
        }
        if (begin != times.Length)
            throw new InputException(
                $"{path}: {indexPath} ends at {begin} but {timesPath} has {times.Length} spike times");
        return counts;
    }

    /// <summary>
    /// Rows of <c>{series}/data</c> <c>[time, units]</c> (or <c>[time]</c>, one unit) at the time
    /// bins nearest <paramref name="anchors"/>; bin times from <c>timestamps</c>, else
    /// <c>starting_time + bin / rate</c>.
    /// </summary>
    private static float[,] SampleTraces(IH5Group file, string path, string series, double[] anchors, int windows)
    {
        H5Access.Group(file, path, series);
        var dataPath = $"{series}/data";
        var data = H5Access.Dataset(file, path, dataPath);
        var shape = H5Access.Shape(data);
        if (shape.Length is not (1 or 2))
            throw new InputException($"{path}: {dataPath} has shape {H5Access.Format(shape)}: expected [time, units]");
        var bins = checked((int)shape[0]);
        var units = shape.Length == 2 ? checked((int)shape[1]) : 1;
        var values = H5Access.ReadFloats(path, dataPath, data);

        Func<double, int> nearest;
        string clock;
        var timestampsPath = $"{series}/timestamps";
        if (H5Access.Exists(file, path, timestampsPath))
        {
            var stamps = H5Access.ReadNumbers(path, timestampsPath, Vector(file, path, timestampsPath, bins));
            for (var b = 1; b < stamps.Length; b++)
            {
                if (!(stamps[b] >= stamps[b - 1]))
                    throw new InputException($"{path}: {timestampsPath} has {stamps[b]} after {stamps[b - 1]} at bin {b}: expected increasing times");
            }
            var tolerance = bins > 1 ? (stamps[^1] - stamps[0]) / (bins - 1) : 0;
            nearest = t => t < stamps[0] - tolerance || t > stamps[^1] + tolerance ? -1 : Nearest(stamps, t);
            clock = $"{timestampsPath} [{stamps[0]}, {stamps[^1]}] s";
        }
        else
        {
            var startPath = $"{series}/starting_time";
            var start = H5Access.Dataset(file, path, startPath);
            var t0 = H5Access.ReadNumbers(path, startPath, start) is [var only] ? only
                : throw new InputException($"{path}: {startPath}: expected one value");
            var rate = H5Access.ReadScalarAttribute(path, startPath, start, "rate");
            if (!(rate > 0) || !double.IsFinite(t0))
                throw new InputException($"{path}: {startPath} = {t0} s at rate {rate} Hz: expected a finite start and a positive rate");
            nearest = t =>
            {
                var b = Math.Round((t - t0) * rate, MidpointRounding.AwayFromZero);
                return b >= 0 && b < bins ? (int)b : -1;
            };
            clock = $"{bins} bins from {t0} s at {rate} Hz";
        }

        var result = new float[anchors.Length, units];
        for (var i = 0; i < anchors.Length; i++)
        {
            var bin = nearest(anchors[i]);
            if (bin < 0)
                throw new InputException(
                    $"{path}: sample time {anchors[i]} s (trial row {i / windows}, window {i % windows}) is outside {dataPath} ({clock})");
            for (var u = 0; u < units; u++)
                result[i, u] = values[(long)bin * units + u];
        }
        return result;
    }

    /// <summary>Index of the first element of sorted <paramref name="sorted"/> not below <paramref name="x"/>.</summary>
    private static int LowerBound(double[] sorted, double x)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>Index of the element of increasing <paramref name="sorted"/> closest to <paramref name="x"/> (earlier on ties).</summary>
    private static int Nearest(double[] sorted, double x)
    {
        var i = LowerBound(sorted, x);
        if (i == 0)
            return 0;
        if (i == sorted.Length)
            return sorted.Length - 1;
        return x - sorted[i - 1] <= sorted[i] - x ? i - 1 : i;
    }
}
