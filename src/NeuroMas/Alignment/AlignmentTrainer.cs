using System.Diagnostics;
using NeuroMas.Models;
using NeuroMas.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// Trains one map per system on interchange interventions between frozen systems (DAS, MAS, one-directional
/// MAS, stitching) and scores every direction by IIA on held-out pairs. Everything that does not depend on
/// the maps (source states, target states at the intervention, counterfactual targets) is computed once;
/// each step runs only the target networks from the intervened state onwards.
/// </summary>
public sealed partial class AlignmentTrainer : IDisposable
{
    private readonly IReadOnlyList<AlignmentSystem> _systems;
    private readonly ITask _task;
    private readonly AlignmentOptions _options;
    private readonly AlignmentMethod _method;
    private readonly Dictionary<(int, int), DirectionData[]> _data = [];
    private readonly Stopwatch _data_clock = new();

    public AlignmentTrainer(IReadOnlyList<AlignmentSystem> systems, ITask task, AlignmentOptions options)
    {
        var problems = options.Validate().ToList();
        var method = AlignmentMethod.All.FirstOrDefault(m => m.Name == options.Method);
        if (method?.RequiredSystems is { } required && systems.Count != required)
            problems.Add($"systems: method {options.Method} expects {required} system(s), found {systems.Count}");
        if (systems.Count == 0) problems.Add("systems: expected at least one, found none");
        if (problems.Count > 0) throw new InputException(string.Join("; ", problems));
        _systems = systems;
        _task = task;
        _options = options;
        _method = method!;
        var narrowest = systems.Min(s => s.Width);
        SubspaceSize = options.SubspaceSize == 0 || _method.FullWidth ? narrowest : Math.Min(options.SubspaceSize, narrowest);
        Variables = Counterfactuals.VariableIndices(task.CausalModel, options.Variable);
        if (options.Threads > 0) set_num_threads(options.Threads);
        manual_seed(options.Seed);
        Maps = systems.Select((s, i) =>
        {
            Tensor? mean = null, scale = null;
            if (options.ZScore) (mean, scale) = s.UnitStatistics(task, 500, options.Seed * 7 + i);
            var map = MapFactory.Create(options.Map, s.Width, SubspaceSize, mean, scale);
            mean?.Dispose();
            scale?.Dispose();
            return map;
        }).ToList();
    }

    /// <summary>One map per system, in system order.</summary>
    public IReadOnlyList<AlignmentMap> Maps { get; }

    /// <summary>The number of aligned dimensions actually swapped.</summary>
    public int SubspaceSize { get; }

    private int[] Variables { get; }

    private int Count => _systems.Count;

    /// <summary>Directions that receive the behavioural loss.</summary>
    public IEnumerable<(int Source, int Target)> TrainedDirections =>
        AllDirections.Where(d => _method.Trains(d.Source, d.Target, Count));

    private IEnumerable<(int Source, int Target)> AllDirections =>
        from s in Enumerable.Range(0, Count) from t in Enumerable.Range(0, Count) select (s, t);

    /// <summary>
    /// The intervened target states <c>[batch, d_t]</c>: the source's first k aligned coordinates written
    /// into the target's, mapped back with the target's inverse.
    /// </summary>
    public Tensor Intervene(int source, int target, Tensor sourceStates, Tensor targetStates)
    {
        using var scope = NewDisposeScope();
        var block = Maps[source].EncodeBlock(sourceStates, 0, SubspaceSize);
        return Maps[target].ReplaceBlock(targetStates, block, 0, _method.DropComplement).MoveToOuterDisposeScope();
    }

    /// <summary>Pairs of a direction and split (0 train, 1 validation, 2 test) as cached tensors.</summary>
    public DirectionData Data(int source, int target, int split)
    {
        if (!_data.TryGetValue((source, target), out var splits))
            _data[(source, target)] = splits = new DirectionData[3];
        if (splits[split] is { } cached) return cached;
        _data_clock.Start();
        var count = split switch { 0 => _options.TrainPairs, 1 => _options.ValidationPairs, _ => _options.TestPairs };
        var seed = unchecked(_options.Seed * 1_000_003 + split * 10_007 + source * 101 + target * 13 + 17);
        var pairs = PairSampler.Sample(_task, new PairSamplerOptions { Count = count, Seed = seed, Variable = _options.Variable });
        var length = _task.MaxLength;
        var sourceStates = _systems[source].StatesAt(pairs.Select(p => p.Source).ToList(), pairs.Select(p => p.SourcePosition).ToList(), length);
        var targetStates = _systems[target].StatesAt(pairs.Select(p => p.Target).ToList(), pairs.Select(p => p.TargetPosition).ToList(), length);
        splits[split] = DirectionData.Build(pairs, length, sourceStates, targetStates);
        _data_clock.Stop();
        return splits[split];
    }

    /// <summary>
    /// Mean cross-entropy of the target's continuation against the counterfactual, on the task mask. Each
    /// row is run only up to its last scored token (packed), and the read-out only sees scored steps.
    /// </summary>
    public Tensor BehaviourLoss(int source, int target, DirectionData data, long[] rows) => GroupLoss(target, [(source, data, rows)]);

    /// <summary>
    /// The summed per-direction behavioural losses of several directions into one target, run as one batch
    /// through the target network (one larger recurrent pass instead of one per direction).
    /// </summary>
    public Tensor GroupLoss(int target, IReadOnlyList<(int Source, DirectionData Data, long[] Rows)> directions)
    {
        using var scope = NewDisposeScope();
        var batch = directions.Select(d =>
        {
            var index = tensor(d.Rows);
            return (Intervene(d.Source, target, d.Data.SourceStates.index_select(0, index), d.Data.TargetStates.index_select(0, index)), d.Data, d.Rows);
        }).ToList();
        return BehaviourObjective.Loss(_systems[target].Network, batch).MoveToOuterDisposeScope();
    }

    /// <summary>The intervened states of some rows of a direction's data.</summary>
    private Tensor IntervenedRows(int source, int target, DirectionData data, Tensor rows) =>
        Intervene(source, target, data.SourceStates.index_select(0, rows), data.TargetStates.index_select(0, rows));

    public void Dispose()
    {
        foreach (var map in Maps) map.Dispose();
        foreach (var splits in _data.Values)
            foreach (var d in splits) d?.Dispose();
    }
}
