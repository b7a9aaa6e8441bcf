using NeuroMas.Tasks;

namespace CustomTask;

/// <summary>
/// A lab's own task: <c>B</c>, n demo tokens <c>D</c>, <c>T</c>, then one token saying whether n was even
/// (<c>R</c>) or odd (<c>D</c>), then <c>E</c>. Its causal model tracks <c>parity</c> and <c>phase</c>.
/// </summary>
internal sealed class ParityTask(int maxCount = 10) : ITask
{
    public string Name => "parity";

    public ICausalModel CausalModel { get; } = new ParityModel();

    public int MaxLength => 1 + maxCount + 1 + 1 + 1;

    public TaskSequence Sample(Random random)
    {
        var environment = Enumerable.Repeat(Vocabulary.Demo, random.Next(1, maxCount + 1)).Append(Vocabulary.Trigger).ToList();
        var start = CausalModel.Step(CausalModel.Initial, Vocabulary.Begin);
        var rest = Continuation.Run(CausalModel, start, environment, MaxLength);
        return TaskSequence.Replay(CausalModel, [Vocabulary.Begin, .. rest.Tokens], out var reason)
            ?? throw new InvalidOperationException(reason);
    }

    public bool InDistribution(int[] state) => true;
}

/// <summary>Variables: parity (0 even, 1 odd), phase (−1 demo, 1 answer due, 2 answered).</summary>
internal sealed class ParityModel : ICausalModel
{
    public IReadOnlyList<string> Variables { get; } = ["parity", "phase"];

    public int[] Initial => [0, -1];

    public int DefaultEnvironmentToken => Vocabulary.Trigger;

    public int[] Step(int[] state, int token) => (token, state[1]) switch
    {
        (Vocabulary.Begin, _) => [0, -1],
        (Vocabulary.Demo, -1) => [1 - state[0], -1],
        (Vocabulary.Trigger, -1) => [state[0], 1],
        (Vocabulary.Response or Vocabulary.Demo, 1) => [state[0], 2],
        (Vocabulary.End, _) => state,
        _ => throw new InvalidOperationException($"parity: {Vocabulary.Name(token)} is not allowed in phase {state[1]}"),
    };

    public int? Predict(int[] state) => state[1] switch
    {
        1 => state[0] == 0 ? Vocabulary.Response : Vocabulary.Demo,
        2 => Vocabulary.End,
        _ => null,
    };

    public bool IsTerminal(int token) => token == Vocabulary.End;

    public bool IsRepresentable(string variable, int value) =>
        variable == "parity" ? value is 0 or 1 : variable == "phase" && value is -1 or 1 or 2;
}
