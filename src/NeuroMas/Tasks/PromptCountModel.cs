namespace NeuroMas.Tasks;

/// <summary>
/// The causal model of the language-model count prompts (<c>B count: D1 D0 D2 ; answer: 3 E</c>): variables
/// <c>count</c> and <c>phase</c> (prompt = −1, answer = +1, answered = 2). Each object token of the prompt adds one to
/// <c>count</c>; <c>answer:</c> switches to the answer phase and applies the answer rule to <c>count</c>; in the answer
/// phase the system says the number token of <c>count</c>, then <c>E</c>. The causal state after a token is what an
/// intervention at that token swaps, so <c>count</c> after <c>answer:</c> is the number the system must say next.
/// </summary>
public sealed class PromptCountModel : ICausalModel
{
    public const int Count = 0;
    public const int Phase = 1;
    public const int PromptPhase = -1;
    public const int AnswerPhase = 1;
    public const int AnsweredPhase = 2;

    private readonly HashSet<int> _objects;
    private readonly Func<int, int> _rule;

    /// <param name="objects">The object tokens the prompt lists.</param>
    /// <param name="rule">The answer for a listed count (the identity for counting).</param>
    /// <param name="maxCount">The largest count the task's prompts list.</param>
    public PromptCountModel(IEnumerable<int> objects, Func<int, int> rule, int maxCount)
    {
        _objects = [.. objects];
        _rule = rule;
        MaxCount = maxCount;
    }

    /// <summary>The largest count the task lists; counts above it are out of distribution.</summary>
    public int MaxCount { get; }

    public IReadOnlyList<string> Variables { get; } = ["count", "phase"];

    public int[] Initial => [0, PromptPhase];

    public int DefaultEnvironmentToken => Vocabulary.Answer;

    public int[] Step(int[] state, int token)
    {
        var (count, phase) = (state[Count], state[Phase]);
        if (token == Vocabulary.Begin) return [0, PromptPhase];
        if (token is Vocabulary.Pad or Vocabulary.End) return [count, phase];
        if (phase == PromptPhase && token is Vocabulary.Prompt or Vocabulary.Separator) return [count, phase];
        if (phase == PromptPhase && _objects.Contains(token)) return [count + 1, phase];
        if (phase == PromptPhase && token == Vocabulary.Answer) return [_rule(count), AnswerPhase];
        if (phase == AnswerPhase && token >= Vocabulary.Number0 && token < Vocabulary.LanguageSize) return [count, AnsweredPhase];
        throw new InvalidOperationException(
            $"causal model: token {Vocabulary.Name(token)} is not allowed in the {(phase == PromptPhase ? "prompt" : phase == AnswerPhase ? "answer" : "answered")} phase");
    }

    /// <summary>The number token of <c>count</c> in the answer phase (a count past the vocabulary's numbers ends the trial at once), <c>E</c> once answered.</summary>
    public int? Predict(int[] state) => state[Phase] switch
    {
        AnswerPhase => state[Count] is >= 0 and <= Vocabulary.MaxNumber ? Vocabulary.Number(state[Count]) : Vocabulary.End,
        AnsweredPhase => Vocabulary.End,
        _ => null,
    };

    public bool IsTerminal(int token) => token == Vocabulary.End;

    public bool IsRepresentable(string variable, int value) => variable switch
    {
        "count" => value >= 0 && value <= Vocabulary.MaxNumber,
        "phase" => value is PromptPhase or AnswerPhase or AnsweredPhase,
        _ => false,
    };
}
