namespace NeuroMas.Tasks;

/// <summary>
/// The "count up, count down" causal model of the numeric tasks (docs/method.md, "Tasks and the causal model"): variables
/// <c>count</c> and <c>phase</c> (demo = −1, response = +1). A demonstration token adds one; the
/// trigger switches to the response phase and applies the variant's function; each response token
/// subtracts one; at <c>count = 0</c> in the response phase the next token is <c>E</c>.
/// </summary>
public sealed class CountUpDownModel : ICausalModel
{
    public const int Count = 0;
    public const int Phase = 1;
    public const int DemoPhase = -1;
    public const int ResponsePhase = 1;

    private readonly int _responseToken;
    private readonly ResponseVariant _variant;
    private readonly HashSet<int> _demoTokens;

    public CountUpDownModel(int responseToken, IEnumerable<int> demoTokens, ResponseVariant variant, int maxCount)
    {
        _responseToken = responseToken;
        _variant = variant;
        _demoTokens = [.. demoTokens];
        MaxCount = maxCount;
    }

    /// <summary>The largest count the task demonstrates; counts above it are out of distribution.</summary>
    public int MaxCount { get; }

    public IReadOnlyList<string> Variables { get; } = ["count", "phase"];

    public int[] Initial => [0, DemoPhase];

    public int DefaultEnvironmentToken => Vocabulary.Trigger;

    public int[] Step(int[] state, int token)
    {
        var (count, phase) = (state[Count], state[Phase]);
        if (token == Vocabulary.Begin) return [0, DemoPhase];
        if (token == Vocabulary.Trigger) return [phase == DemoPhase ? _variant.Apply(count) : count, ResponsePhase];
        if (token == Vocabulary.End || token == Vocabulary.Pad) return [count, phase];
        if (phase == DemoPhase && _demoTokens.Contains(token)) return [count + 1, phase];
        if (phase == ResponsePhase && token == _responseToken) return [count - 1, phase];
        throw new InvalidOperationException(
            $"causal model: token {Vocabulary.Name(token)} is not allowed in the {(phase == DemoPhase ? "demo" : "response")} phase");
    }

    public int? Predict(int[] state) =>
        state[Phase] == ResponsePhase ? (state[Count] > 0 ? _responseToken : Vocabulary.End) : null;

    public bool IsTerminal(int token) => token == Vocabulary.End;

    public bool IsRepresentable(string variable, int value) => variable switch
    {
        "count" => value >= 0 && value <= Math.Max(MaxCount, _variant.Apply(MaxCount)) * 2,
        "phase" => value is DemoPhase or ResponsePhase,
        _ => false,
    };
}
