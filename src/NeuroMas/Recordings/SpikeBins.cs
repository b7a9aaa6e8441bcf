namespace NeuroMas.Recordings;

/// <summary>
/// Spike trains binned into sample windows, shared by the NWB and Kilosort/Phy readers so both
/// count the same way: half-open windows <c>[start, stop)</c>, a spike on a window's stop
/// belongs to the next window.
/// </summary>
internal static class SpikeBins
{
    /// <summary>
    /// Activity <c>[samples, units]</c>: per unit (sorted spike times in seconds) the spikes in
    /// each window, or their rate per second.
    /// </summary>
    public static float[,] Bin(IReadOnlyList<double[]> sortedTimes, double[] starts, double[] stops, SpikeMeasure measure)
    {
        var activity = new float[starts.Length, sortedTimes.Count];
        for (var u = 0; u < sortedTimes.Count; u++)
        {
            var own = sortedTimes[u];
            for (var i = 0; i < starts.Length; i++)
            {
                var count = LowerBound(own, stops[i]) - LowerBound(own, starts[i]);
                activity[i, u] = measure == SpikeMeasure.Rate ? (float)(count / (stops[i] - starts[i])) : count;
            }
        }
        return activity;
    }

    /// <summary>
    /// Windows <c>[starts[i], stops[i])</c> read from a table: finite, each stop after its start;
    /// otherwise an error naming the row by <paramref name="locate"/>.
    /// </summary>
    public static void CheckWindows(string source, string field, double[] starts, double[] stops, Func<int, string> locate)
    {
        for (var i = 0; i < starts.Length; i++)
        {
            if (!double.IsFinite(starts[i]) || !double.IsFinite(stops[i]) || !(stops[i] > starts[i]))
                throw new InputException(
                    $"{source}: {field} has the window [{starts[i]}, {stops[i]}) s at {locate(i)}: expected finite times with stop after start");
        }
    }

    /// <summary>Index of the first element of sorted <paramref name="sorted"/> not below <paramref name="x"/>.</summary>
    public static int LowerBound(double[] sorted, double x)
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
}
