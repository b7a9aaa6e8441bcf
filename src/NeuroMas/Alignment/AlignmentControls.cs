using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// Trains and scores a run's controls exactly as the run itself (same options, same trainer), on systems changed
/// so that a method measuring what it should must fall to chance: labels shuffled across an inaccessible system's
/// samples, or the accessible networks replaced by fresh initialisations of their architectures.
/// </summary>
public static class AlignmentControls
{
    /// <summary>Seed offsets of the controls' randomness from the run's seed (kept so earlier results reproduce).</summary>
    private const int ShuffleOffset = 7919, UntrainedOffset = 104729;

    public static AlignmentResult Train(Control control, IReadOnlyList<ISystem> systems, ITask task, AlignmentOptions options,
        IProgress<AlignmentProgress>? progress = null, CancellationToken cancel = default, ICheckpointStore? checkpoint = null)
    {
        var owned = new List<IDisposable>();
        try
        {
            var changed = control switch
            {
                Control.ShuffledLabels => systems.Select(s => s is IInaccessibleSystem r ? Own(r.WithShuffledLabels(options.Seed + ShuffleOffset), owned) : s).ToList(),
                _ => Untrained(systems, options.Seed + UntrainedOffset, owned),
            };
            // No ground truth: a control is scored only by what the run's own directions measure.
            using var trainer = new AlignmentTrainer(changed, task, options);
            return trainer.Train(progress, cancel, checkpoint);
        }
        finally
        {
            foreach (var o in owned) o.Dispose();
        }
    }

    /// <summary>Which controls apply to a run on these systems: each needs a system of the kind it changes.</summary>
    public static bool AppliesTo(Control control, IReadOnlyList<ISystem> systems) => control switch
    {
        Control.ShuffledLabels => systems.Any(s => s is IInaccessibleSystem),
        _ => systems.Any(s => s is IAccessibleSystem),
    };

    private static List<ISystem> Untrained(IReadOnlyList<ISystem> systems, int seed, List<IDisposable> owned)
    {
        manual_seed(seed);
        return systems.Select(s => s is IAccessibleSystem a
            ? (ISystem)new NetworkSystem(a.Name, Own(NetworkFactory.Create(a.Network.Options).Freeze(), owned))
            : s).ToList();
    }

    private static T Own<T>(T item, List<IDisposable> owned) where T : IDisposable
    {
        owned.Add(item);
        return item;
    }
}
