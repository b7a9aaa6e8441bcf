using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NeuroMas.Recordings;
using PureHDF;
using PureHDF.VOL.Native;

namespace NeuroMas.Bench;

/// <summary>
/// HDF5 ingest throughput: <see cref="Hdf5RecordingReader"/> loading a ~1 GB float32 recording written as h5py
/// writes one (auto-chunked into [21846, 2] chunks, gzip level 4), against the read it replaced (PureHDF's row-major
/// <c>Read</c> with a chunk cache holding one band of chunks) in the same run. Column <c>MBps</c>: activity MB
/// (10⁶ bytes) per second. The file is made on first run under /tmp by bench/make_large_recording.py (needs
/// python3-h5py), never committed. PureHDF's plain <c>Read</c> (1 MB chunk cache) took minutes per 64 MB and is not timed.
/// </summary>
[InProcess]
[WarmupCount(1)]
[IterationCount(5)]
[Config(typeof(Columns))]
public class Hdf5Ingest
{
    private static readonly string FilePath = Path.Combine(Path.GetTempPath(), "neuromas-bench", "large.h5");
    private static double _activityBytes;

    [GlobalSetup]
    public void Setup()
    {
        if (!File.Exists(FilePath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var script = Path.Combine(Repository.Root, "bench", "make_large_recording.py");
            using var python = Process.Start("python3", [script, FilePath]) ?? throw new InvalidOperationException("cannot start python3");
            python.WaitForExit();
            if (python.ExitCode != 0) throw new InvalidOperationException($"{script} failed with exit code {python.ExitCode}");
        }
        using var file = H5File.OpenRead(FilePath);
        var shape = file.Dataset("/activity").Space.Dimensions;
        _activityBytes = shape[0] * shape[1] * (double)sizeof(float);
    }

    /// <summary>The reader as shipped: chunk by chunk on every core (<c>H5ChunkScatter</c>).</summary>
    [Benchmark]
    public int LoadThroughReader() => RecordingFile.Load(FilePath).Activity.GetLength(0);

    /// <summary>The read before (session 3's reader): row-major <c>Read</c> with a cache of one band of chunks.</summary>
    [Benchmark(Baseline = true)]
    public int BandCacheRead()
    {
        using var file = H5File.OpenRead(FilePath);
        var dataset = (NativeDataset)file.Dataset("/activity");
        var shape = dataset.Space.Dimensions;
        var chunk = dataset.Layout.Chunks;
        var across = (int)((shape[1] + chunk[1] - 1) / chunk[1]);
        var slots = 2 * across + 8;
        var cache = new SimpleReadingChunkCache(slots, (ulong)slots * chunk[0] * chunk[1] * sizeof(float));
        return dataset.Read<float[]>(new H5DatasetAccess(ChunkCache: cache)).Length;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() =>
            AddColumn(new ValueColumn("MBps", "Activity MB (10^6 bytes) read per second of the mean",
                Mbps));

        private static string Mbps(Summary summary, BenchmarkCase benchmarkCase) =>
            ValueColumn.MeanSeconds(summary, benchmarkCase) is { } seconds ? (_activityBytes / 1e6 / seconds).ToString("F0", System.Globalization.CultureInfo.InvariantCulture) : "?";
    }
}
