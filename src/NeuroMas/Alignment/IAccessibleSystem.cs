using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>A system that can be read at any (sequence, position), intervened on and run on: a frozen task network.</summary>
public interface IAccessibleSystem : ISystem
{
    /// <summary>The frozen network that continues from an intervened hook-site state.</summary>
    TaskNetwork Network { get; }

    /// <summary>Hook-site states after <paramref name="positions"/> of <paramref name="sequences"/>: <c>[n, d]</c>.</summary>
    Tensor StatesAt(IReadOnlyList<TaskSequence> sequences, IReadOnlyList<int> positions, int length);

    /// <summary>Hook-site states at every real position of fresh natural sequences: <c>[n, d]</c>.</summary>
    Tensor NaturalStates(ITask task, int sequences, int seed);
}
