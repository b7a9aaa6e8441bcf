using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Recordings;
using NeuroMas.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// Alignment training speed against what the machine can do. One training step (batch 128 per direction, subspace 16,
/// orthogonal maps) of DAS (gru1 → gru1), MAS between the two shipped GRUs (width 128, all four directions) and CLMAS of the
/// shipped recording (13,960 × 96) against gru1 — the MAS configuration the public Python reference needs ~2.1 s/step for on
/// this kind of 2-core machine at 1 thread — and, in the same run, a single-threaded-shape GEMM (512 × 384 by 384 × 128,
/// float32). The maps are first trained for 300 steps, so that their matrix exponentials cost what they cost in a run.
/// The <see cref="Roofline"/> columns give each step's FLOPs, GFLOP/s, % of the GEMM rate, and × its bound.
/// <c>dotnet run -c Release --project bench/NeuroMas.Bench -- --filter '*AlignmentStep*'</c>
/// </summary>
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
[Config(typeof(Columns))]
public class AlignmentStep
{
    private AlignmentTrainer _trainer = null!;
    private optim.Optimizer _optimizer = null!;
    private Random _random = null!;
    private readonly List<IDisposable> _owned = [];
    private Tensor _x = null!;
    private Tensor _w = null!;
    private IReadOnlyList<ISystem> _systems = null!;
    private int _batch;

    /// <summary>Training steps before the measured ones.</summary>
    private const int WarmSteps = 300;

    [Params("das", "mas", "clmas")]
    public string Method { get; set; } = "mas";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup(Target = nameof(Gemm))]
    public void SetupGemm() => Setup();

    [GlobalSetup(Target = nameof(Step))]
    public void SetupStep()
    {
        Setup();
        Roofline.Flops[Roofline.Key(Method, Threads)] = StepFlops.Of(_trainer, _systems, _batch);
    }

    [GlobalCleanup(Target = nameof(Step))]
    public void CleanupStep()
    {
        // The generators grew while measured: count the mean of the steps' FLOPs before and after.
        var key = Roofline.Key(Method, Threads);
        Roofline.Flops[key] = (Roofline.Flops[key] + StepFlops.Of(_trainer, _systems, _batch)) / 2;
        Cleanup();
    }

    [GlobalCleanup(Target = nameof(Gemm))]
    public void CleanupGemm() => Cleanup();

    private void Setup()
    {
        set_num_threads(Threads);
        var networks = Path.Combine(Repository.Root, "datasets", "networks");
        var task = TaskCatalog.Get("multi-object");
        var a = Own(Checkpoint.Load(Path.Combine(networks, "gru-seed1.nmck")).Network);
        ISystem second = Method == "clmas"
            ? Own(new RecordingSystem("recording", RecordingFile.Load(Path.Combine(Repository.Root, "datasets", "recordings", "sim-gru4.h5")), task.CausalModel))
            : new NetworkSystem("gru2", Own(Checkpoint.Load(Path.Combine(networks, "gru-seed2.nmck")).Network));
        ISystem[] systems = Method == "das" ? [new NetworkSystem("gru1", a)] : [new NetworkSystem("gru1", a), second];
        var options = new AlignmentOptions
        {
            Method = Choice.Parse<AlignmentMethod>(Method, "method"),
            SubspaceSize = 16,
            TrainPairs = 2000,
            ValidationPairs = 10,
            TestPairs = 10,
            Threads = Threads,
            Variable = "count",
        };
        _trainer = new AlignmentTrainer(systems, task, options);
        foreach (var d in _trainer.TrainedDirections)
            if (d.Loss == DirectionLoss.Behaviour) _trainer.Data(d.Source, d.Target, 0);
            else _trainer.LatentPairs(d.Source, d.Target, 0);
        _optimizer = optim.Adam(_trainer.Maps.SelectMany(m => m.parameters()), 1e-3);
        _random = new Random(1);
        // Train the maps first, so their exponentials run at a run's norms (1-norm ~10, two squarings), not the zero start's.
        for (var i = 0; i < WarmSteps; i++) _trainer.TrainStep(_optimizer, _random);
        (_systems, _batch) = (systems, options.BatchSize);
        (_x, _w) = (randn(512, 384), randn(384, 128));
        Roofline.Flops[Roofline.Key("gemm", Threads)] = 2.0 * 512 * 384 * 128;
        set_num_threads(Threads);
    }

    [Benchmark]
    public double Step() => _trainer.TrainStep(_optimizer, _random);

    /// <summary>The machine's float32 GEMM at this thread count, the roofline's reference.</summary>
    [Benchmark]
    public long Gemm()
    {
        using var product = _x.matmul(_w);
        return product.shape[0];
    }

    private void Cleanup()
    {
        _optimizer.Dispose();
        _trainer.Dispose();
        _x.Dispose();
        _w.Dispose();
        foreach (var o in _owned) o.Dispose();
        _owned.Clear();
    }

    private T Own<T>(T o) where T : IDisposable
    {
        _owned.Add(o);
        return o;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            foreach (var kind in Enum.GetValues<Roofline.Kind>()) AddColumn(new Roofline(kind));
        }
    }
}
