using BenchmarkDotNet.Attributes;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// Alignment training speed: one MAS step between the two shipped GRUs (width 128), batch 128 per direction,
/// all four directions trained, subspace 16 — the configuration the public Python reference needs ~2.0 s/step
/// for on this 2-core machine at 1 thread.
/// </summary>
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class AlignmentStep
{
    private AlignmentTrainer _trainer = null!;
    private optim.Optimizer _optimizer = null!;
    private Random _random = null!;
    private TaskNetwork _a = null!;
    private TaskNetwork _b = null!;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var networks = Path.Combine(Repository.Root, "datasets", "networks");
        _a = Checkpoint.Load(Path.Combine(networks, "gru-seed1.nmck")).Network;
        _b = Checkpoint.Load(Path.Combine(networks, "gru-seed2.nmck")).Network;
        var options = new AlignmentOptions { Method = AlignmentMethod.Mas, SubspaceSize = 16, TrainPairs = 2000, ValidationPairs = 10, TestPairs = 10, Threads = Threads };
        _trainer = new AlignmentTrainer([new NetworkSystem("gru1", _a), new NetworkSystem("gru2", _b)], TaskCatalog.Get("multi-object"), options);
        foreach (var d in _trainer.TrainedDirections) _trainer.Data(d.Source, d.Target, 0);
        _optimizer = optim.Adam(_trainer.Maps.SelectMany(m => m.parameters()), 1e-3);
        _random = new Random(1);
        set_num_threads(Threads);
    }

    [Benchmark]
    public double MasStepFourDirections() => _trainer.TrainStep(_optimizer, _random);

    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _trainer.Dispose();
        _a.Dispose();
        _b.Dispose();
    }
}
