using System.Globalization;
using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>
/// The spiking units of an NWB <c>Units</c> table as the readers use them: spike times per unit
/// (ragged <c>spike_times</c> + <c>spike_times_index</c>), the units kept by a selection column,
/// and each unit's observed time (<c>obs_intervals</c> + <c>obs_intervals_index</c>, when present).
/// </summary>
internal sealed record NwbUnits(string Table, double[][] Times, int[] Ids, (double Start, double Stop)[][]? Observed, string? Selection)
{
    public static NwbUnits Read(IH5Group file, string path, NwbReadOptions options)
    {
        var table = options.UnitsPath.TrimEnd('/');
        H5Access.Group(file, path, table);
        var times = Ragged(file, path, table, "spike_times").Select(x => x.ToArray()).ToArray();
        var all = times.Length;
        var ids = H5Access.Exists(file, path, $"{table}/id")
            ? H5Access.ReadInts(path, $"{table}/id", Vector(file, path, $"{table}/id", all))
            : Enumerable.Range(0, all).ToArray();
        for (var u = 0; u < times.Length; u++)
        {
            var bad = Array.FindIndex(times[u], x => !double.IsFinite(x));
            if (bad >= 0)
                throw new InputException($"{path}: {table}/spike_times has {times[u][bad]} in unit {ids[u]}: expected finite times");
            Array.Sort(times[u]);
        }

        (double, double)[][]? observed = null;
        if (H5Access.Exists(file, path, $"{table}/obs_intervals"))
        {
            var flat = Ragged(file, path, table, "obs_intervals", pairs: true);
            observed = flat.Select(x => Enumerable.Range(0, x.Length / 2).Select(k => (x[2 * k], x[2 * k + 1])).ToArray()).ToArray();
        }

        var keep = Enumerable.Range(0, all).ToArray();
        string? selection = null;
        if (options.UnitColumn is { } column)
        {
            var columnPath = $"{table}/{column}";
            var values = H5Access.ReadText(path, columnPath, Vector(file, path, columnPath, all));
            var wanted = options.UnitValues.ToHashSet(StringComparer.Ordinal);
            keep = keep.Where(u => wanted.Contains(values[u].Trim())).ToArray();
            if (keep.Length == 0)
                throw new InputException(
                    $"{path}: {columnPath} has values [{string.Join(", ", values.Distinct().Take(10))}]: expected at least one unit with {column} in [{string.Join(", ", options.UnitValues)}]");
            selection = $"kept {keep.Length} of {all} units ({column} in [{string.Join(", ", options.UnitValues)}])";
        }
        return new NwbUnits(table, keep.Select(u => times[u]).ToArray(), keep.Select(u => ids[u]).ToArray(),
            observed is null ? null : keep.Select(u => observed[u]).ToArray(), selection);
    }

    /// <summary>
    /// Which windows every unit observed entirely (inside one of its <c>obs_intervals</c>). A
    /// window outside is an error or, with <see cref="OutsideObserved.Exclude"/>, left out.
    /// </summary>
    public bool[] Inside(string path, double[] starts, double[] stops, OutsideObserved policy, Func<int, string> locate)
    {
        var inside = Enumerable.Repeat(true, starts.Length).ToArray();
        if (Observed is null)
            return inside;
        for (var i = 0; i < starts.Length; i++)
        {
            for (var u = 0; u < Observed.Length && inside[i]; u++)
            {
                var (a, b) = (starts[i], stops[i]);
                if (Observed[u].Any(o => o.Start <= a && b <= o.Stop))
                    continue;
                if (policy == OutsideObserved.Exclude)
                {
                    inside[i] = false;
                    continue;
                }
                var intervals = string.Join(", ", Observed[u].Take(3).Select(o => string.Create(CultureInfo.InvariantCulture, $"[{o.Start}, {o.Stop}]")));
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: the window [{a}, {b}) s of {locate(i)} is outside unit {Ids[u]}'s observed time {Table}/obs_intervals ({(intervals.Length == 0 ? "none" : intervals)}): expected windows inside obs_intervals (or outside_observed: exclude)"));
            }
        }
        return inside;
    }

    /// <summary>
    /// A ragged column split per unit: unit <c>u</c> owns <c>data[index[u-1] .. index[u])</c>
    /// (NWB's <c>VectorIndex</c>, exclusive ends); with <paramref name="pairs"/>, data is <c>[n, 2]</c>.
    /// </summary>
    private static double[][] Ragged(IH5Group file, string path, string table, string name, bool pairs = false)
    {
        var dataPath = $"{table}/{name}";
        var indexPath = $"{dataPath}_index";
        var dataset = H5Access.Dataset(file, path, dataPath);
        var shape = H5Access.Shape(dataset);
        if (pairs ? shape.Length != 2 || shape[1] != 2 : shape.Length != 1)
            throw new InputException($"{path}: {dataPath} has shape {H5Access.Format(shape)}: expected {(pairs ? "[intervals, 2]" : "[spikes]")}");
        var data = H5Access.ReadNumbers(path, dataPath, dataset);
        var rows = (int)shape[0];
        var ends = H5Access.ReadNumbers(path, indexPath, Vector(file, path, indexPath, null));
        var result = new double[ends.Length][];
        var begin = 0;
        for (var u = 0; u < ends.Length; u++)
        {
            var end = ends[u];
            if (end < begin || end > rows || end != Math.Floor(end))
                throw new InputException(
                    $"{path}: {indexPath} has {end} at unit {u}: expected non-decreasing whole offsets from {begin} to {rows}");
            result[u] = pairs ? data[(2 * begin)..(2 * (int)end)] : data[begin..(int)end];
            begin = (int)end;
        }
        if (begin != rows)
            throw new InputException($"{path}: {indexPath} ends at {begin} but {dataPath} has {rows} rows");
        return result;
    }

    private static IH5Dataset Vector(IH5Group file, string path, string datasetPath, int? length)
    {
        var dataset = H5Access.Dataset(file, path, datasetPath);
        var shape = H5Access.Shape(dataset);
        if (shape.Length != 1 || (length is { } n && shape[0] != (ulong)n))
            throw new InputException(
                $"{path}: {datasetPath} has shape {H5Access.Format(shape)}: expected [{(length?.ToString(CultureInfo.InvariantCulture) ?? "n")}]");
        return dataset;
    }
}
