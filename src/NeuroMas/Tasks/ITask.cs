namespace NeuroMas.Tasks;

/// <summary>
/// A task a network is trained on and aligned over. Implement this (with an <see cref="ICausalModel"/>)
/// and register it in <see cref="TaskCatalog"/> to bring a lab's own task; see examples/CustomTask.
/// </summary>
public interface ITask
{
    /// <summary>Name used in protocols and checkpoints, e.g. <c>multi-object</c>.</summary>
    string Name { get; }

    /// <summary>The causal model that defines correct (counterfactual) behaviour.</summary>
    ICausalModel CausalModel { get; }

    /// <summary>Longest natural sequence, in tokens: the padded length networks are trained on.</summary>
    int MaxLength { get; }

    /// <summary>Draws a natural sequence.</summary>
    TaskSequence Sample(Random random);

    /// <summary>
    /// Whether a causal state is one the task's natural sequences reach (a counterfactual that leaves
    /// this range asks a network for behaviour it was never trained on).
    /// </summary>
    bool InDistribution(int[] state);

    /// <summary>Number of token ids the task's networks read and predict (<see cref="Vocabulary.Size"/> for the numeric tasks).</summary>
    int VocabularySize => Vocabulary.Size;
}
