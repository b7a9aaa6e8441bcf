using System.Globalization;

namespace NeuroMas.Tasks;

/// <summary>
/// The language-model count prompts: the numeric multi-object task written as text,
/// <c>B count: D1 D0 D2 ; answer: 3 E</c>, with n objects drawn from <c>D0 D1 D2</c> (n uniform in
/// <see cref="MinCount"/>..<see cref="MaxCount"/>) and one number token as the answer. Named <c>lm-count</c> (the
/// answer is n) or <c>lm-count-wrap&lt;w&gt;</c> (the answer is <c>((n − 1) mod w) + 1</c>: the same as counting for
/// n ≤ w, and n − w, n − 2w, … above it). The causal model (<see cref="PromptCountModel"/>) defines <c>count</c> and
/// <c>phase</c> after every token, so pairs and IIA are those of the numeric tasks; a swap at <c>answer:</c>
/// (<see cref="PairSamplerOptions.SwapToken"/>) is the language runs' one swap position per pair.
/// </summary>
public sealed class LanguageCountTask : ITask
{
    public const string BaseName = "lm-count";
    public const string WrapSuffix = "-wrap";

    private static readonly int[] Objects = [Vocabulary.Demo0, Vocabulary.Demo1, Vocabulary.Demo2];
    private readonly int _maxAnswer;

    /// <param name="wrap">0: the answer is the count; w ≥ 1: the answer wraps every w.</param>
    public LanguageCountTask(int minCount = 1, int maxCount = 20, int wrap = 0)
    {
        if (minCount < 1 || maxCount < minCount || maxCount > Vocabulary.MaxNumber)
            throw new InputException($"task: counts: expected 1 <= min <= max <= {Vocabulary.MaxNumber} (the number tokens), found min {minCount}, max {maxCount}");
        if (wrap < 0) throw new InputException($"task: {BaseName}{WrapSuffix}: expected a wrap >= 1, found {wrap}");
        MinCount = minCount;
        MaxCount = maxCount;
        Wrap = wrap;
        CausalModel = new PromptCountModel(Objects, Answer, maxCount);
        _maxAnswer = Enumerable.Range(minCount, maxCount - minCount + 1).Max(Answer);
        MaxLength = maxCount + 6;
        Name = wrap == 0 ? BaseName : BaseName + WrapSuffix + wrap.ToString(CultureInfo.InvariantCulture);
    }

    public int MinCount { get; }
    public int MaxCount { get; }

    /// <summary>0: the answer is the count; otherwise the count wraps every this many.</summary>
    public int Wrap { get; }

    public string Name { get; }
    public ICausalModel CausalModel { get; }
    public int MaxLength { get; }
    public int VocabularySize => Vocabulary.LanguageSize;

    /// <summary>The answer for <paramref name="count"/> listed objects.</summary>
    public int Answer(int count) => Wrap == 0 || count < 1 ? count : ((count - 1) % Wrap) + 1;

    public TaskSequence Sample(Random random) => Sample(random, random.Next(MinCount, MaxCount + 1));

    /// <summary>A natural prompt listing exactly <paramref name="count"/> objects, with its answer.</summary>
    public TaskSequence Sample(Random random, int count)
    {
        var tokens = new List<int>(count + 6) { Vocabulary.Begin, Vocabulary.Prompt };
        for (var i = 0; i < count; i++) tokens.Add(Objects[random.Next(Objects.Length)]);
        tokens.AddRange([Vocabulary.Separator, Vocabulary.Answer, Vocabulary.Number(Answer(count)), Vocabulary.End]);
        return TaskSequence.Replay(CausalModel, [.. tokens], out var reason)
            ?? throw new InvalidOperationException($"{Name}: generated a prompt its causal model rejects: {reason}");
    }

    public bool InDistribution(int[] state) =>
        state[PromptCountModel.Count] >= 0 &&
        state[PromptCountModel.Count] <= (state[PromptCountModel.Phase] == PromptCountModel.PromptPhase ? MaxCount : _maxAnswer);

    /// <summary>Parses <c>lm-count</c> or <c>lm-count-wrap&lt;w&gt;</c>; null for any other name.</summary>
    public static LanguageCountTask? TryParse(string name, int maxCount)
    {
        if (name == BaseName) return new LanguageCountTask(1, maxCount);
        var prefix = BaseName + WrapSuffix;
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        return int.TryParse(name[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var wrap) && wrap >= 1
            ? new LanguageCountTask(1, maxCount, wrap)
            : throw new InputException($"task: expected {prefix}<w> with a whole w >= 1, found '{name}'");
    }
}
