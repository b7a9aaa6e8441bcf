using BenchmarkDotNet.Attributes;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Models.Imported;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// One MAS step (two systems, all four directions, k = 16, batch 128, 1 thread) between two copies of a
/// width-48 GRU: native (<see cref="GruNetwork"/>), imported from a PyTorch state dict, or run through
/// TorchScript step by step. The imported networks are the test fixtures made by make_torch_fixtures.py.
/// The case measured first in a process used to pay a one-time warm-up the others did not (three warm-up steps did not
/// cover it: renamed so native ran first, native was the slow one), so the first setup runs a throwaway step of every
/// case before any is measured, and the three are compared in one process, in the same run.
/// </summary>
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class ImportedStep
{
    private AlignmentTrainer _trainer = null!;
    private optim.Optimizer _optimizer = null!;
    private Random _random = null!;
    private TaskNetwork _network = null!;

    [Params("native", "imported", "torchscript")]
    public string Network { get; set; } = "imported";

    private static bool _warmed;

    [GlobalSetup]
    public void Setup()
    {
        if (!_warmed)
        {
            _warmed = true;
            var keep = Network;
            foreach (var network in new[] { "native", "imported", "torchscript" })
            {
                Network = network;
                Setup();
                for (var i = 0; i < 20; i++) MasStepFourDirections();
                Cleanup();
            }
            Network = keep;
        }
        var fixtures = Path.Combine(Repository.Root, "tests", "NeuroMas.Tests", "Models", "Fixtures");
        var task = TaskCatalog.Get("multi-object", maxCount: 10);
        manual_seed(1);
        _network = Network switch
        {
            "native" => new GruNetwork(new NetworkOptions { Width = 48 }).Freeze(),
            "imported" => ImportedNetworks.Load(Path.Combine(fixtures, "gru.pt"), Path.Combine(fixtures, "gru.yaml"), task),
            _ => ImportedNetworks.Load(Path.Combine(fixtures, "gru-script.pt"), Path.Combine(fixtures, "gru-script.yaml"), task),
        };
        var options = new AlignmentOptions { Method = AlignmentMethod.Mas, SubspaceSize = 16, TrainPairs = 2000, ValidationPairs = 10, TestPairs = 10, Threads = 1 };
        _trainer = new AlignmentTrainer([new NetworkSystem("a", _network), new NetworkSystem("b", _network)], task, options);
        foreach (var d in _trainer.TrainedDirections) _trainer.Data(d.Source, d.Target, 0);
        _optimizer = optim.Adam(_trainer.Maps.SelectMany(m => m.parameters()), 1e-3);
        _random = new Random(1);
        set_num_threads(1);
    }

    [Benchmark]
    public double MasStepFourDirections() => _trainer.TrainStep(_optimizer, _random);

    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _trainer.Dispose();
        _network.Dispose();
    }
}
