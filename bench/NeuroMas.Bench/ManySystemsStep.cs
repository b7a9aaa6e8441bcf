using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Bench;

/// <summary>
/// Seconds per MAS step against the number of systems n (issue 15, item 5): n = 2, 4, 8 GRUs of width 128 (the shipped seeds
/// 1–4; for 8, each twice), one orthogonal map each, subspace 16, batch 128 per direction, 1 thread. <c>all</c> trains all n²
/// directions every step; <c>sampled</c> trains n of them drawn afresh each step (<c>directions_per_step: n</c>), so its cost
/// per step grows linearly in n. The map parameters (n maps of 128 × 128 generators: n, not n², maps) are the
/// <c>MapParameters</c> column.
/// </summary>
[InProcess]
[WarmupCount(2)]
[IterationCount(10)]
[Config(typeof(Columns))]
public class ManySystemsStep
{
    private AlignmentTrainer _trainer = null!;
    private optim.Optimizer _optimizer = null!;
    private Random _random = null!;
    private List<TaskNetwork> _networks = null!;

    [Params(2, 4, 8)]
    public int Systems { get; set; } = 2;

    [Params("all", "sampled")]
    public string Directions { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Repository.Root, "datasets", "networks");
        _networks = Enumerable.Range(1, Math.Min(Systems, 4)).Select(s => Checkpoint.Load(Path.Combine(folder, $"gru-seed{s}.nmck")).Network).ToList();
        var systems = Enumerable.Range(0, Systems).Select(i => (ISystem)new NetworkSystem($"gru{i + 1}", _networks[i % _networks.Count])).ToList();
        var options = new AlignmentOptions
        {
            Method = AlignmentMethod.Mas,
            SubspaceSize = 16,
            TrainPairs = 500,
            ValidationPairs = 10,
            TestPairs = 10,
            Threads = 1,
            DirectionsPerStep = Directions == "sampled" ? Systems : 0,
        };
        _trainer = new AlignmentTrainer(systems, TaskCatalog.Get("multi-object"), options);
        foreach (var d in _trainer.TrainedDirections) _trainer.Data(d.Source, d.Target, 0);
        _optimizer = optim.Adam(_trainer.Maps.SelectMany(m => m.parameters()), 1e-3);
        _random = new Random(1);
        set_num_threads(1);
    }

    [Benchmark]
    public double MasStep() => _trainer.TrainStep(_optimizer, _random);

    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _trainer.Dispose();
        foreach (var n in _networks) n.Dispose();
    }

    /// <summary>Learned map parameters of a run over <paramref name="systems"/> GRUs of width 128: one orthogonal map each.</summary>
    public static long MapParameters(int systems)
    {
        using var map = new OrthogonalMap(128);
        return systems * map.ParameterCount;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new ValueColumn("MapParameters", "Learned map parameters of the case",
            c => MapParameters((int)c.Parameters["Systems"]).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
