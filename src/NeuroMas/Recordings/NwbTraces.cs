using System.Globalization;
using PureHDF;

namespace NeuroMas.Recordings;

/// <summary>
/// A processed trace series of an NWB file (<c>TimeSeries</c>, e.g. <c>RoiResponseSeries</c>):
/// <c>data</c> <c>[time, units]</c> (or <c>[time]</c>) in its stored unit, scaled as the schema
/// says (<c>data · conversion + offset</c>, attributes of <c>data</c>, defaults 1 and 0), on a
/// clock of <c>timestamps</c> or <c>starting_time</c> + <c>rate</c>.
/// </summary>
internal sealed class NwbTraces
{
    private readonly string _path;
    private readonly float[] _values;
    private readonly double[]? _stamps;
    private readonly double _t0, _rate;
    private readonly string _clock;

    private NwbTraces(string path, string dataPath, float[] values, int bins, int units, double[]? stamps, double t0, double rate, string clock)
    {
        (_path, DataPath, _values, Bins, Units, _stamps, _t0, _rate, _clock) = (path, dataPath, values, bins, units, stamps, t0, rate, clock);
    }

    public string DataPath { get; }

    public int Bins { get; }

    public int Units { get; }

    public static NwbTraces Read(IH5Group file, string path, string series)
    {
        series = series.TrimEnd('/');
        H5Access.Group(file, path, series);
        var dataPath = $"{series}/data";
        var data = H5Access.Dataset(file, path, dataPath);
        var shape = H5Access.Shape(data);
        if (shape.Length is not (1 or 2))
            throw new InputException($"{path}: {dataPath} has shape {H5Access.Format(shape)}: expected [time, units]");
        var bins = checked((int)shape[0]);
        var units = shape.Length == 2 ? checked((int)shape[1]) : 1;
        var values = H5Access.ReadFloats(path, dataPath, data);
        var conversion = Attribute(path, dataPath, data, "conversion", 1.0);
        var offset = Attribute(path, dataPath, data, "offset", 0.0);
        if (conversion != 1.0 || offset != 0.0)
        {
            for (var i = 0; i < values.Length; i++)
                values[i] = (float)(values[i] * conversion + offset);
        }

        var timestampsPath = $"{series}/timestamps";
        if (H5Access.Exists(file, path, timestampsPath))
        {
            var dataset = H5Access.Dataset(file, path, timestampsPath);
            var stamps = H5Access.ReadNumbers(path, timestampsPath, dataset);
            if (H5Access.Shape(dataset) is not [var n] || n != (ulong)bins)
                throw new InputException($"{path}: {timestampsPath} has shape {H5Access.Format(H5Access.Shape(dataset))}: expected [{bins}]");
            for (var b = 1; b < stamps.Length; b++)
            {
                if (!(stamps[b] >= stamps[b - 1]))
                    throw new InputException($"{path}: {timestampsPath} has {stamps[b]} after {stamps[b - 1]} at bin {b}: expected increasing times");
            }
            return new NwbTraces(path, dataPath, values, bins, units, stamps, 0, 0, $"{timestampsPath} [{stamps[0]}, {stamps[^1]}] s");
        }
        var startPath = $"{series}/starting_time";
        var start = H5Access.Dataset(file, path, startPath);
        var t0 = H5Access.ReadNumbers(path, startPath, start) is [var only] ? only
            : throw new InputException($"{path}: {startPath}: expected one value");
        var rate = H5Access.ReadScalarAttribute(path, startPath, start, "rate");
        if (!(rate > 0) || !double.IsFinite(t0))
            throw new InputException($"{path}: {startPath} = {t0} s at rate {rate} Hz: expected a finite start and a positive rate");
        return new NwbTraces(path, dataPath, values, bins, units, null, t0, rate, $"{bins} bins from {t0} s at {rate} Hz");
    }

    /// <summary>Rows at the bins nearest <paramref name="anchors"/>; a time beyond the series by more than one bin is an error.</summary>
    public float[,] Nearest(double[] anchors, Func<int, string> locate)
    {
        var result = new float[anchors.Length, Units];
        for (var i = 0; i < anchors.Length; i++)
        {
            var bin = NearestBin(anchors[i]);
            if (bin < 0)
                throw new InputException(
                    $"{_path}: sample time {anchors[i]} s ({locate(i)}) is outside {DataPath} ({_clock})");
            for (var u = 0; u < Units; u++)
                result[i, u] = _values[(long)bin * Units + u];
        }
        return result;
    }

    /// <summary>
    /// Per window <c>[starts[i], stops[i])</c> the mean of the bins whose time lies in it; a
    /// window holding no bin, or a NaN in one of its bins, is an error naming the sample and unit.
    /// </summary>
    public float[,] Mean(double[] starts, double[] stops, Func<int, string> locate)
    {
        var result = new float[starts.Length, Units];
        for (var i = 0; i < starts.Length; i++)
        {
            var (lo, hi) = (FirstBinFrom(starts[i]), FirstBinFrom(stops[i]));
            if (hi <= lo)
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"{_path}: the window [{starts[i]}, {stops[i]}) s of {locate(i)} holds no bin of {DataPath} ({_clock}): expected windows inside the series"));
            for (var u = 0; u < Units; u++)
            {
                var sum = 0.0;
                for (var b = lo; b < hi; b++)
                {
                    var x = _values[(long)b * Units + u];
                    if (!float.IsFinite(x))
                        throw new InputException(
                            $"{_path}: {DataPath} has {x} at bin {b}, unit {u}, inside the window of {locate(i)}: expected finite values");
                    sum += x;
                }
                result[i, u] = (float)(sum / (hi - lo));
            }
        }
        return result;
    }

    private int NearestBin(double t)
    {
        if (_stamps is { } stamps)
        {
            var tolerance = Bins > 1 ? (stamps[^1] - stamps[0]) / (Bins - 1) : 0;
            if (t < stamps[0] - tolerance || t > stamps[^1] + tolerance)
                return -1;
            var i = SpikeBins.LowerBound(stamps, t);
            if (i == 0)
                return 0;
            if (i == stamps.Length)
                return stamps.Length - 1;
            return t - stamps[i - 1] <= stamps[i] - t ? i - 1 : i;
        }
        var b = Math.Round((t - _t0) * _rate, MidpointRounding.AwayFromZero);
        return b >= 0 && b < Bins ? (int)b : -1;
    }

    /// <summary>The first bin whose time is at or after <paramref name="t"/> (<see cref="Bins"/> if none).</summary>
    private int FirstBinFrom(double t)
    {
        if (_stamps is { } stamps)
            return SpikeBins.LowerBound(stamps, t);
        // A bin time computed as t0 + b / rate may differ from the window edge in the last bits: allow 1e-6 of a bin.
        var b = Math.Ceiling((t - _t0) * _rate - 1e-6);
        return (int)Math.Clamp(b, 0, Bins);
    }

    private static double Attribute(string path, string dataPath, IH5Dataset data, string name, double fallback) =>
        H5Access.Guard(path, $"{dataPath}@{name}", () => data.AttributeExists(name))
            ? H5Access.ReadScalarAttribute(path, dataPath, data, name)
            : fallback;
}
