using BenchmarkDotNet.Attributes;
using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// <c>neuromas eval</c>'s inner loop: free-running 500 fresh multi-object sequences through a shipped network,
/// each architecture's own <see cref="TaskNetwork.FreeRun"/> (the transformer's with cached keys and values)
/// against <see cref="TaskNetwork.FreeRunByRerunning"/> (the whole sequence again per step), in one process.
/// </summary>
[InProcess]
[WarmupCount(1)]
[IterationCount(5)]
public class FreeRunning
{
    private TaskNetwork _network = null!;
    private SequenceBatch _batch = null!;
    private Tensor _positions = null!;
    private int _steps;

    [Params("transformer-seed1", "gru-seed1", "lstm-seed1")]
    public string Network { get; set; } = "transformer-seed1";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        var (network, info) = Checkpoint.Load(Path.Combine(Repository.Root, "datasets", "networks", Network + ".nmck"));
        _network = network;
        var task = TaskCatalog.Get(info.Task, info.MaxCount);
        var random = new Random(12345);
        _batch = SequenceBatch.From(Enumerable.Range(0, 500).Select(_ => task.Sample(random)).ToList());
        _steps = (int)_batch.Tokens.shape[1] - 1;
        _positions = zeros(500, dtype: int64);
    }

    [Benchmark]
    public long Incremental()
    {
        using var scope = NewDisposeScope();
        return _network.FreeRun(_batch.Tokens, _positions, null, _batch.Scored, _steps).sum().item<long>();
    }

    [Benchmark(Baseline = true)]
    public long Rerunning()
    {
        using var scope = NewDisposeScope();
        return _network.FreeRunByRerunning(_batch.Tokens, _positions, null, _batch.Scored, _steps).sum().item<long>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batch.Dispose();
        _positions.Dispose();
        _network.Dispose();
    }
}
