using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// Anything with a population state that takes part in an alignment (docs/method.md, "Words"): a frozen network, a recording,
/// or a network treated as one. Every system gets one map; what the trainer may do with it depends on whether it
/// is <see cref="IAccessibleSystem"/> (can be run on from an intervened state, scored by behaviour) or
/// <see cref="IInaccessibleSystem"/> (only offers labelled samples, scored by the counterfactual-latent loss).
/// </summary>
public interface ISystem
{
    /// <summary>Name used in results.</summary>
    string Name { get; }

    /// <summary>Width d of the state.</summary>
    int Width { get; }

    /// <summary>Per-unit mean and standard deviation <c>[d]</c> each, for z-scoring before the map.</summary>
    /// <param name="seed">Seed of the natural sequences a network is run on (a recording ignores it).</param>
    (Tensor Mean, Tensor Scale) UnitStatistics(ITask task, int seed);
}
