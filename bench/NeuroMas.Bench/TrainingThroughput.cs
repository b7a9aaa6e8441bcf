using BenchmarkDotNet.Attributes;
using NeuroMas.Models;
using NeuroMas.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// Task-network training throughput: one Adam step on a fresh batch of 128 multi-object sequences (width 128).
/// Reported per sequence (OperationsPerInvoke = 128): sequences per second = 1 / Mean.
/// </summary>
[InProcess]
[MemoryDiagnoser]
[WarmupCount(3)]
[IterationCount(10)]
public class TrainingThroughput
{
    private TaskNetwork _network = null!;
    private optim.Optimizer _optimizer = null!;
    private ITask _task = null!;
    private Random _random = null!;

    [Params("gru", "lstm", "transformer")]
    public string Architecture { get; set; } = "gru";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        manual_seed(1);
        _task = TaskCatalog.Get("multi-object");
        _network = NetworkFactory.Create(new NetworkOptions { Architecture = Architecture });
        _network.train();
        _optimizer = optim.Adam(_network.parameters(), 1e-3);
        _random = new Random(1);
    }

    [Benchmark(OperationsPerInvoke = 128)]
    public float TrainStep()
    {
        using var scope = NewDisposeScope();
        using var batch = SequenceBatch.From(Enumerable.Range(0, 128).Select(_ => _task.Sample(_random)).ToList(), _task.MaxLength);
        _optimizer.zero_grad();
        var loss = NetworkTrainer.Loss(_network, batch.Tokens);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _network.Dispose();
    }
}
