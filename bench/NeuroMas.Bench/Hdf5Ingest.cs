using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using NeuroMas.Recordings;
using PureHDF;

namespace NeuroMas.Bench;

/// <summary>
/// HDF5 ingest throughput: <see cref="Hdf5RecordingReader"/> loading a ~1 GB float32 recording written as h5py
/// writes one (auto-chunked, gzip). MB/s = 1,024 / Mean in seconds. The file is made on first run under /tmp by
/// bench/make_large_recording.py (needs python3-h5py), never committed.
/// </summary>
[InProcess]
[WarmupCount(1)]
[IterationCount(5)]
public class Hdf5Ingest
{
    private static readonly string FilePath = Path.Combine(Path.GetTempPath(), "neuromas-bench", "large.h5");

    [GlobalSetup]
    public void Setup()
    {
        if (File.Exists(FilePath)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var script = Path.Combine(Repository.Root, "bench", "make_large_recording.py");
        using var python = Process.Start("python3", [script, FilePath]) ?? throw new InvalidOperationException("cannot start python3");
        python.WaitForExit();
        if (python.ExitCode != 0) throw new InvalidOperationException($"{script} failed with exit code {python.ExitCode}");
    }

    [Benchmark]
    public int LoadThroughReader() => RecordingFile.Load(FilePath).Activity.GetLength(0);

    /// <summary>The read before: PureHDF's default <c>Read</c> (1 MB chunk cache). Minutes per 64 MB: run alone, with --job dry.</summary>
    [Benchmark(Baseline = true)]
    public int PlainPureHdfRead()
    {
        using var file = H5File.OpenRead(FilePath);
        return file.Dataset("/activity").Read<float[]>().Length;
    }
}
