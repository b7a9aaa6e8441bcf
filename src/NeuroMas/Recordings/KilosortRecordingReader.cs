using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuroMas.Recordings;

/// <summary>
/// Reads a recording from a Kilosort/Phy output folder: the spikes of each curated cluster
/// (a unit) counted in the windows of an events table (one row per sample).
/// </summary>
public static partial class KilosortRecordingReader
{
    /// <summary>Whether <paramref name="folder"/> looks like a Kilosort/Phy output (has <c>spike_times.npy</c>).</summary>
    public static bool IsKilosortFolder(string folder) => File.Exists(Path.Combine(folder, "spike_times.npy"));

    /// <summary>
    /// Loads <paramref name="folder"/>: activity <c>[events rows, kept clusters]</c>, units ordered
    /// by cluster id, spike <c>k</c> at <c>spike_times[k] / sample_rate</c> seconds. The result has
    /// passed <see cref="Recording.Validate"/> without a causal model.
    /// </summary>
    /// <exception cref="InputException">One line naming the file and field.</exception>
    public static Recording Load(string folder, KilosortReadOptions options, LabelMap map)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InputException($"{folder}: KilosortReadOptions: {string.Join("; ", problems)}");
        if (!Directory.Exists(folder))
            throw new InputException($"{folder}: folder not found");

        var rate = options.SampleRate ?? SampleRate(folder);
        var timesPath = Path.Combine(folder, "spike_times.npy");
        var clustersPath = Path.Combine(folder, "spike_clusters.npy");
        var samples = Column(NpyArray.Read(timesPath)).Longs();
        var clusters = Column(NpyArray.Read(clustersPath)).Longs();
        if (clusters.Length != samples.Length)
            throw new InputException($"{clustersPath}: has {clusters.Length} spikes but {Path.GetFileName(timesPath)} has {samples.Length}: expected one cluster per spike");

        var (kept, curation) = Clusters(folder, options, clusters);
        var index = kept.Select((c, u) => (c, u)).ToDictionary(x => x.c, x => x.u);
        var times = kept.Select(_ => new List<double>()).ToArray();
        for (var k = 0; k < samples.Length; k++)
        {
            if (index.TryGetValue(clusters[k], out var u))
                times[u].Add(samples[k] / rate);
        }
        var sorted = times.Select(t => { var a = t.ToArray(); Array.Sort(a); return a; }).ToArray();

        var events = EventsTable.Read(folder, options.Events);
        var activity = SpikeBins.Bin(sorted, events.Starts, events.Stops, options.Spikes);
        var notes = new List<string> { $"kept {kept.Length} clusters ({curation}) at {rate.ToString(CultureInfo.InvariantCulture)} Hz" };
        if (options.Spikes == SpikeMeasure.Rate)
            notes.Add("spike rates (count / window length, per second)");
        return events.ToRecording(folder, activity, map, $"spike_times.npy of clusters [{string.Join(", ", kept.Take(8))}{(kept.Length > 8 ? ", …" : "")}]", notes);
    }

    /// <summary><c>sample_rate</c> from <c>params.py</c> (a Python file of assignments Phy reads).</summary>
    public static double SampleRate(string folder)
    {
        var path = Path.Combine(folder, "params.py");
        if (!File.Exists(path))
            throw new InputException($"{path}: file not found: expected sample_rate there, or set kilosort.sample_rate");
        var match = File.ReadLines(path).Select(l => RatePattern().Match(l)).FirstOrDefault(m => m.Success);
        if (match is null || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate > 0))
            throw new InputException($"{path}: sample_rate: expected a line such as 'sample_rate = 30000.0', found {(match is null ? "none" : $"'{match.Value}'")}");
        return rate;
    }

    /// <summary>The cluster ids kept, ascending, and how they were chosen.</summary>
    private static (long[] Kept, string Curation) Clusters(string folder, KilosortReadOptions options, long[] spikeClusters)
    {
        var groups = options.KeptGroups;
        if (groups.Count == 0)
            return (spikeClusters.Distinct().Order().ToArray(), "every cluster with spikes");
        var path = new[] { "cluster_group.tsv", "cluster_KSLabel.tsv" }.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists)
            ?? throw new InputException($"{folder}: neither cluster_group.tsv nor cluster_KSLabel.tsv found: expected a curation table (or kilosort.groups: [\"*\"] for every cluster)");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines.Count > 0 ? lines[0].Split('\t') : [];
        if (header.Length < 2 || header[0].Trim() != "cluster_id")
            throw new InputException($"{path}: line 1 is '{(lines.Count > 0 ? lines[0] : "")}': expected a tab-separated header cluster_id, group (or KSLabel)");
        var wanted = groups.ToHashSet(StringComparer.Ordinal);
        var kept = new List<long>();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = lines[i].Split('\t');
            if (cells.Length < 2 || !long.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                throw new InputException($"{path}: line {i + 1} is '{lines[i]}': expected a cluster id, a tab and a label");
            found.Add(cells[1].Trim());
            if (wanted.Contains(cells[1].Trim()))
                kept.Add(id);
        }
        if (kept.Count == 0)
            throw new InputException(
                $"{path}: {header[1]} has [{string.Join(", ", found)}]: expected at least one cluster labelled [{string.Join(", ", groups)}]");
        return (kept.Order().ToArray(), $"{header[1]} in [{string.Join(", ", groups)}] from {Path.GetFileName(path)}");
    }

    /// <summary>Sorters save <c>[n]</c> or <c>[n, 1]</c>; both are one column.</summary>
    private static NpyArray Column(NpyArray array) =>
        array.Shape.Length == 1 || (array.Shape.Length == 2 && array.Shape[1] == 1)
            ? array
            : throw new InputException($"{array.Path}: has shape {array.ShapeText}: expected [spikes] or [spikes, 1]");

    [GeneratedRegex(@"^\s*sample_rate\s*=\s*([-+0-9.eE]+)")]
    private static partial Regex RatePattern();
}
