using BenchmarkDotNet.Attributes;
using NeuroMas.Decoding;
using NeuroMas.Recordings;
using NeuroMas.Tests.Decoding;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// <c>neuromas decode</c> on the shipped recording (13,960 × 96, 5 folds): the Newton-CG fit against the old
/// L-BFGS fit (<see cref="ReferenceLbfgsDecoder"/>, linked from the tests), in the same process so their ratio
/// is meaningful on a shared machine. The old one needs minutes per label: run with
/// <c>--filter '*Decoding*' --job short</c>.
/// </summary>
[InProcess]
[WarmupCount(0)]
[IterationCount(3)]
public class Decoding
{
    private Recording _recording = null!;

    [Params("count", "phase")]
    public string Variable { get; set; } = "count";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        _recording = RecordingFile.Load(Path.Combine(Repository.Root, "datasets", "recordings", "sim-gru4.h5"));
    }

    [Benchmark]
    public double NewtonCg() => LinearDecoder.CrossValidatedAccuracy(_recording, Variable).Accuracy;

    [Benchmark(Baseline = true)]
    public double OldLbfgs() => ReferenceLbfgsDecoder.CrossValidatedAccuracy(_recording, Variable).Accuracy;
}
