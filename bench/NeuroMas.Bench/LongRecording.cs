using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Recordings;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// A long recording (issue 15, item 4): 1,048,560 samples × 1,024 units of float32 (4 GiB of activity; h5py's auto-chunking,
/// gzip), read by <see cref="RecordingFile.Load"/>, made a <see cref="RecordingSystem"/> and trained one CLMAS step against
/// shipped GRU seed 1 (1,000 training pairs, batch 128). Columns: <c>ReadMBps</c> (activity MB / seconds of the read),
/// <c>PeakGB</c> (the process's peak resident memory, VmHWM, reset just before the read: everything read, held and drawn)
/// and <c>PeakOverActivity</c> (that peak over the activity's size; the bound is 2). One iteration: the file takes minutes to
/// make (under /tmp by bench/make_large_recording.py, needs Debian's python3-h5py) and a minute or more to read.
/// </summary>
[Config(typeof(Columns))]
public class LongRecording
{
    private static readonly string FilePath = Path.Combine(Path.GetTempPath(), "neuromas-bench", "long-1024.h5");
    private const double ActivityBytes = 1_048_560.0 * 1024 * sizeof(float);
    private static double _readSeconds = double.NaN, _peakBytes = double.NaN;

    [GlobalSetup]
    public void Setup()
    {
        if (File.Exists(FilePath)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var script = Path.Combine(Repository.Root, "bench", "make_large_recording.py");
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        // Written under another name and renamed when complete: an interrupted set-up leaves no file that looks finished.
        var partial = FilePath + ".partial";
        using var process = Process.Start(python, [script, partial, "4096", "1024"]) ?? throw new InvalidOperationException($"cannot start {python}");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}");
        File.Move(partial, FilePath, overwrite: true);
    }

    [Benchmark]
    public double ReadHoldAndStep()
    {
        GC.Collect();
        ResetPeak();
        var clock = Stopwatch.StartNew();
        var recording = RecordingFile.Load(FilePath);
        _readSeconds = clock.Elapsed.TotalSeconds;
        var task = TaskCatalog.Get("multi-object");
        using var network = Checkpoint.Load(Path.Combine(Repository.Root, "datasets", "networks", "gru-seed1.nmck")).Network;
        using var system = new RecordingSystem("long", recording, task.CausalModel);
        var options = new AlignmentOptions { Method = AlignmentMethod.Clmas, SubspaceSize = 16, TrainPairs = 1000, ValidationPairs = 10, TestPairs = 10 };
        using var trainer = new AlignmentTrainer([new NetworkSystem("gru1", network), system], task, options);
        foreach (var d in trainer.TrainedDirections)
            if (d.Loss == DirectionLoss.Behaviour) trainer.Data(d.Source, d.Target, 0);
            else trainer.LatentPairs(d.Source, d.Target, 0);
        using var optimizer = optim.Adam(trainer.Maps.SelectMany(m => m.parameters()), 1e-3);
        var loss = trainer.TrainStep(optimizer, new Random(1));
        _peakBytes = PeakBytes();
        Console.WriteLine($"// long recording: {recording.Samples} × {recording.Units}, read {_readSeconds:F1} s ({ActivityBytes / 1e6 / _readSeconds:F0} MB/s), peak {_peakBytes / 1e9:F2} GB = {_peakBytes / ActivityBytes:F2} × the activity");
        return loss;
    }

    /// <summary>Resets the kernel's peak resident set size of this process (Linux: <c>5</c> into clear_refs).</summary>
    private static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>VmHWM of /proc/self/status in bytes (NaN off Linux).</summary>
    public static double PeakBytes()
    {
        if (!File.Exists("/proc/self/status")) return double.NaN;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            // One cold, in-process invocation (BenchmarkDotNet's dry job): a second read would only measure the page cache.
            AddJob(Job.Dry.WithWarmupCount(0).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
            static string F(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
            AddColumn(new ValueColumn("ReadMBps", "Activity MB read per second", _ => F(ActivityBytes / 1e6 / _readSeconds)));
            AddColumn(new ValueColumn("PeakGB", "Peak resident memory (VmHWM) of the read, hold and step, GB", _ => F(_peakBytes / 1e9)));
            AddColumn(new ValueColumn("PeakOverActivity", "Peak resident memory over the activity's size", _ => F(_peakBytes / ActivityBytes)));
        }
    }
}
