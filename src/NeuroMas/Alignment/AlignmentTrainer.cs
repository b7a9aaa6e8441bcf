using System.Diagnostics;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// The one training loop of every method (docs/method.md, "Methods"): one map per system, trained on interchange interventions
/// over the method's directions, each scored by behaviour (the target network is run on from the intervened state)
/// or by the counterfactual-latent loss (the target is inaccessible: the intervened state must match a sample with
/// the counterfactual causal state). Everything that does not depend on the maps is computed once per split; each
/// step runs only the target networks from the intervened states onwards. Held-out scores cover every direction.
/// </summary>
public sealed partial class AlignmentTrainer : IDisposable
{
    private readonly IReadOnlyList<ISystem> _systems;
    private readonly ITask _task;
    private readonly AlignmentOptions _options;
    private readonly MethodPreset _preset;
    private readonly IReadOnlyDictionary<int, GroundTruth> _truths;
    private readonly Stopwatch _dataClock = new();

    /// <param name="truths">
    /// For inaccessible systems (by index) whose states are known to come from a runnable network: how to map an
    /// intervened state back to it, so directions into them get a true IIA.
    /// </param>
    public AlignmentTrainer(IReadOnlyList<ISystem> systems, ITask task, AlignmentOptions options, IReadOnlyDictionary<int, GroundTruth>? truths = null)
    {
        var preset = MethodPreset.Of(Enum.IsDefined(options.Method) ? options.Method : AlignmentMethod.Mas);
        var accessible = systems.Select(s => s is IAccessibleSystem).ToList();
        var problems = options.Validate().Concat(preset.Problems(accessible)).ToList();
        problems.AddRange(systems.Where(s => s is not (IAccessibleSystem or IInaccessibleSystem))
            .Select(s => $"systems: expected an accessible or an inaccessible system, found '{s.Name}' of type {s.GetType().Name}"));
        if (problems.Count > 0) throw new InputException(string.Join("; ", problems));
        (_systems, _task, _options, _preset, _truths) = (systems, task, options, preset, truths ?? new Dictionary<int, GroundTruth>());
        Directions = preset.Directions(accessible);
        var narrowest = systems.Min(s => s.Width);
        SubspaceSize = options.SubspaceSize == 0 || preset.FullWidth ? narrowest : Math.Min(options.SubspaceSize, narrowest);
        Variables = Counterfactuals.VariableIndices(task.CausalModel, options.Variable);
        if (options.Threads > 0) set_num_threads(options.Threads);
        manual_seed(options.Seed);
        Maps = systems.Select((s, i) =>
        {
            Tensor? mean = null, scale = null;
            if (options.ZScore) (mean, scale) = s.UnitStatistics(task, options.Seed * 7 + i);
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

    /// <summary>The method's directions, in the order training draws them; every one is evaluated.</summary>
    public IReadOnlyList<Direction> Directions { get; }

    /// <summary>Directions whose loss is trained.</summary>
    public IEnumerable<Direction> TrainedDirections => Directions.Where(d => d.Trained);

    private int[] Variables { get; }

    /// <summary>
    /// The intervened target states <c>[batch, d_t]</c>: the source's first k aligned coordinates written into the
    /// target's, mapped back with the target's inverse.
    /// </summary>
    public Tensor Intervene(int source, int target, Tensor sourceStates, Tensor targetStates)
    {
        using var scope = NewDisposeScope();
        var block = Maps[source].EncodeBlock(sourceStates, 0, SubspaceSize);
        return Maps[target].ReplaceBlock(targetStates, block, 0, _preset.DropComplement).MoveToOuterDisposeScope();
    }

    /// <summary>Every map's matrix computed once until disposed (<see cref="AlignmentMap.Hold"/>): one loss, one evaluation.</summary>
    private Holds HoldMaps() => new(Maps.Select(m => m.Hold()).ToList());

    private sealed class Holds(IReadOnlyList<IDisposable> holds) : IDisposable
    {
        public void Dispose()
        {
            foreach (var h in holds) h.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var map in Maps) map.Dispose();
        foreach (var d in _behaviour.Values) d.Dispose();
        foreach (var d in _latent.Values) d.Dispose();
        foreach (var d in _truth.Values) d.Dispose();
    }
}
