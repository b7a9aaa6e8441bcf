namespace NeuroMas.Tasks;

/// <summary>
/// A task whose natural sequences are a fixed set of prompts (a lab's own, read by <see cref="PromptFile"/>), drawn
/// uniformly, with the causal model of the task they were written for: pairs and IIA are defined as for that task.
/// </summary>
public sealed class PromptSetTask : ITask
{
    private readonly ITask _base;

    public PromptSetTask(string name, ITask baseTask, IReadOnlyList<TaskSequence> sequences)
    {
        if (sequences.Count == 0) throw new InputException($"{name}: prompts: expected at least one, found none");
        _base = baseTask;
        Name = name;
        Sequences = sequences;
        MaxLength = sequences.Max(s => s.Length);
    }

    public string Name { get; }

    /// <summary>The prompts, each with its answer and <c>E</c>, and the causal state after every token.</summary>
    public IReadOnlyList<TaskSequence> Sequences { get; }

    public ICausalModel CausalModel => _base.CausalModel;
    public int MaxLength { get; }
    public int VocabularySize => _base.VocabularySize;

    public TaskSequence Sample(Random random) => Sequences[random.Next(Sequences.Count)];

    public bool InDistribution(int[] state) => _base.InDistribution(state);
}
