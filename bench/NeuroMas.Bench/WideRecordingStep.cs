using BenchmarkDotNet.Attributes;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Simulation;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// Seconds per CLMAS step against the width of the recording (issue 15, item 3): shipped GRU seed 1 (width 128) against a
/// recording of GRU seed 4 simulated in-process with 96 to 8,192 units (200 trials, Gaussian noise 0.1), subspace 16,
/// batch 128 per direction, all four CLMAS directions, 1 thread. Map kinds: <c>orthogonal</c> (matrix exponential of a
/// d × d generator: O(d³) forward and backward), <c>subspace</c> (QR of a d × 16 basis: O(d·k²)) and
/// <c>orthogonal+pca</c> (orthogonal on the first 64 principal components of the training trials: O(64³) whatever d).
/// Orthogonal at 8,192 units is not a case: its backward alone is a matrix exponential of a 16,384 × 16,384 block matrix
/// (~10¹³ flops; by d³ from 13 s at 2,048 units, ~15 min per step) and needs several GB; run it by hand with <c>WIDE_ORTHOGONAL_8192=1</c>.
/// </summary>
[InProcess]
[WarmupCount(1)]
[IterationCount(5)]
public class WideRecordingStep
{
    private AlignmentTrainer _trainer = null!;
    private optim.Optimizer _optimizer = null!;
    private Random _random = null!;
    private TaskNetwork _network = null!;
    private RecordingSystem _recording = null!;

    /// <summary>Map kind and recorded units, as <c>kind/units</c>.</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "subspace/96";

    public static IEnumerable<string> Cases()
    {
        foreach (var kind in new[] { "orthogonal", "subspace", "orthogonal+pca" })
            foreach (var units in new[] { 96, 512, 2048, 8192 })
                if (kind != "orthogonal" || units < 8192 || Environment.GetEnvironmentVariable("WIDE_ORTHOGONAL_8192") == "1")
                    yield return $"{kind}/{units}";
    }

    [GlobalSetup]
    public void Setup()
    {
        var (kind, units) = (Case.Split('/')[0], int.Parse(Case.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture));
        var networks = Path.Combine(Repository.Root, "datasets", "networks");
        var task = TaskCatalog.Get("multi-object");
        _network = Checkpoint.Load(Path.Combine(networks, "gru-seed1.nmck")).Network;
        using (var observed = Checkpoint.Load(Path.Combine(networks, "gru-seed4.nmck")).Network)
        {
            var simulated = RecordingSimulator.Simulate(observed, task, new SimulationOptions { Units = units, Trials = 200 }, $"simulated-{units}");
            _recording = new RecordingSystem("recording", simulated.Recording, task.CausalModel, components: kind == "orthogonal+pca" ? 64 : 0);
        }
        var options = new AlignmentOptions
        {
            Method = AlignmentMethod.Clmas,
            Map = kind == "subspace" ? MapKind.Subspace : MapKind.Orthogonal,
            SubspaceSize = 16,
            TrainPairs = 1000,
            ValidationPairs = 10,
            TestPairs = 10,
            Threads = 1,
        };
        _trainer = new AlignmentTrainer([new NetworkSystem("gru1", _network), _recording], task, options);
        foreach (var d in _trainer.TrainedDirections)
            if (d.Loss == DirectionLoss.Behaviour) _trainer.Data(d.Source, d.Target, 0);
            else _trainer.LatentPairs(d.Source, d.Target, 0);
        _optimizer = optim.Adam(_trainer.Maps.SelectMany(m => m.parameters()), 1e-3);
        _random = new Random(1);
        set_num_threads(1);
    }

    [Benchmark]
    public double ClmasStep() => _trainer.TrainStep(_optimizer, _random);

    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _trainer.Dispose();
        _recording.Dispose();
        _network.Dispose();
    }
}
