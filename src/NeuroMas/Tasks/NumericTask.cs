namespace NeuroMas.Tasks;

/// <summary>What a numeric task demonstrates and how it responds (docs/method.md, "Tasks and the causal model").</summary>
public enum NumericTaskKind
{
    /// <summary>Demo tokens drawn from <c>D0 D1 D2</c>, responses <c>R</c>.</summary>
    MultiObject,
    /// <summary>Demo tokens <c>D</c>, responses <c>R</c>.</summary>
    SingleObject,
    /// <summary>Demo tokens <c>D</c>, responses <c>D</c>.</summary>
    SameObject,
}

/// <summary>
/// The paper's numeric tasks: <c>B</c>, n demonstration tokens, <c>T</c>, f(n) response tokens, <c>E</c>,
/// with n drawn uniformly from <see cref="MinCount"/>..<see cref="MaxCount"/>.
/// </summary>
public sealed class NumericTask : ITask
{
    private readonly int[] _demoTokens;
    private readonly int _maxResponse;

    public NumericTask(NumericTaskKind kind, ResponseVariant variant = ResponseVariant.Identity, int minCount = 1, int maxCount = 20)
    {
        if (minCount < 0 || maxCount < minCount)
            throw new InputException($"task: counts: expected 0 <= min <= max, found min {minCount}, max {maxCount}");
        Kind = kind;
        Variant = variant;
        MinCount = minCount;
        MaxCount = maxCount;
        _demoTokens = kind == NumericTaskKind.MultiObject ? [Vocabulary.Demo0, Vocabulary.Demo1, Vocabulary.Demo2] : [Vocabulary.Demo];
        var response = kind == NumericTaskKind.SameObject ? Vocabulary.Demo : Vocabulary.Response;
        CausalModel = new CountUpDownModel(response, _demoTokens, variant, maxCount);
        _maxResponse = Enumerable.Range(minCount, maxCount - minCount + 1).Max(n => variant.Apply(n));
        MaxLength = 1 + maxCount + 1 + _maxResponse + 1;
        Name = TaskCatalog.NameOf(kind, variant);
    }

    public NumericTaskKind Kind { get; }
    public ResponseVariant Variant { get; }
    public int MinCount { get; }
    public int MaxCount { get; }
    public string Name { get; }
    public ICausalModel CausalModel { get; }
    public int MaxLength { get; }

    public TaskSequence Sample(Random random) => Sample(random, random.Next(MinCount, MaxCount + 1));

    /// <summary>A natural sequence demonstrating exactly <paramref name="count"/> objects.</summary>
    public TaskSequence Sample(Random random, int count)
    {
        var environment = new List<int>(count + 1);
        for (var i = 0; i < count; i++) environment.Add(_demoTokens[random.Next(_demoTokens.Length)]);
        environment.Add(Vocabulary.Trigger);
        var tokens = new List<int> { Vocabulary.Begin };
        tokens.AddRange(Continuation.Run(CausalModel, CausalModel.Step(CausalModel.Initial, Vocabulary.Begin), environment, MaxLength).Tokens);
        return TaskSequence.Replay(CausalModel, [.. tokens], out var reason)
            ?? throw new InvalidOperationException($"{Name}: generated a sequence its causal model rejects: {reason}");
    }

    public bool InDistribution(int[] state) =>
        state[CountUpDownModel.Count] >= 0 &&
        state[CountUpDownModel.Count] <= (state[CountUpDownModel.Phase] == CountUpDownModel.DemoPhase ? MaxCount : _maxResponse);
}
