using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>Per-unit statistics for z-scoring, computed the same way for every kind of system.</summary>
public static class UnitStatistics
{
    /// <summary>
    /// Mean and standard deviation of each unit over <paramref name="states"/> <c>[n, d]</c>: <c>[d]</c> each. The
    /// deviation is the population one (divided by n): the states are the whole sample the map is fitted on.
    /// </summary>
    public static (Tensor Mean, Tensor Scale) Of(Tensor states) => (states.mean([0]), states.std(0, unbiased: false));
}
