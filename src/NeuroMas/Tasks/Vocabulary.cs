namespace NeuroMas.Tasks;

/// <summary>
/// The token vocabulary shared by the tasks. Ids are stable: checkpoints store logits over exactly these ids in this
/// order. The numeric tasks use the first <see cref="Size"/>; the language-model tasks (<see cref="LanguageCountTask"/>)
/// add prompt words and number tokens after them, up to <see cref="LanguageSize"/>.
/// </summary>
public static class Vocabulary
{
    public const int Pad = 0;
    public const int Begin = 1;
    public const int Trigger = 2;
    public const int End = 3;
    public const int Response = 4;
    public const int Demo = 5;
    public const int Demo0 = 6;
    public const int Demo1 = 7;
    public const int Demo2 = 8;

    /// <summary>Number of token ids of the numeric tasks (logit width of their task networks).</summary>
    public const int Size = 9;

    /// <summary>Language tasks: the prompt word <c>count:</c>.</summary>
    public const int Prompt = 9;

    /// <summary>Language tasks: the separator <c>;</c> that closes the list of objects.</summary>
    public const int Separator = 10;

    /// <summary>Language tasks: <c>answer:</c>, after which the system says the number.</summary>
    public const int Answer = 11;

    /// <summary>Language tasks: the number token <c>0</c>; number <c>n</c> is <c>Number0 + n</c>.</summary>
    public const int Number0 = 12;

    /// <summary>The largest number with a token of its own.</summary>
    public const int MaxNumber = 40;

    /// <summary>Number of token ids of every task, the language tasks' included (their networks' logit width).</summary>
    public const int LanguageSize = Number0 + MaxNumber + 1;

    private static readonly string[] Names =
        ["P", "B", "T", "E", "R", "D", "D0", "D1", "D2", "count:", ";", "answer:",
         .. Enumerable.Range(0, MaxNumber + 1).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The token of the number <paramref name="n"/> (0 … <see cref="MaxNumber"/>).</summary>
    public static int Number(int n) =>
        n >= 0 && n <= MaxNumber ? Number0 + n : throw new ArgumentOutOfRangeException(nameof(n), n, $"expected 0..{MaxNumber}");

    /// <summary>The printable name of a token id, e.g. <c>Name(4) == "R"</c>.</summary>
    public static string Name(int token) =>
        token >= 0 && token < Names.Length ? Names[token] : throw new ArgumentOutOfRangeException(nameof(token), token, "not a token id");

    /// <summary>Parses a printable name back to its id, e.g. <c>Id("D1") == 7</c>.</summary>
    public static int Id(string name)
    {
        var index = Array.IndexOf(Names, name);
        return index >= 0 ? index : throw new InputException($"token: expected one of {string.Join(" ", Names)}, found '{name}'");
    }

    /// <summary>Looks a printable name up without throwing: <c>TryId("D1", out 7)</c>.</summary>
    public static bool TryId(string name, out int id)
    {
        id = Array.IndexOf(Names, name);
        return id >= 0;
    }

    /// <summary>Formats a token sequence the way the method reference writes it: <c>B D2 D0 T R R E</c>.</summary>
    public static string Format(IEnumerable<int> tokens) => string.Join(" ", tokens.Where(t => t != Pad).Select(Name));

    /// <summary>Parses a space-separated token string.</summary>
    public static int[] Parse(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Id).ToArray();
}
