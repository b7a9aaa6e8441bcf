using System.Text;

namespace NeuroMas;

/// <summary>
/// The snake_case names by which configuration, results and messages spell the members of an option enum
/// (<c>ShuffledLabels</c> ↔ <c>shuffled_labels</c>), in one place, so a protocol key, a CSV column and an error
/// message always agree.
/// </summary>
public static class Choice
{
    /// <summary>The snake_case name of <paramref name="value"/>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => Snake(value.ToString());

    /// <summary>Every member's name, in declaration order.</summary>
    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Name).ToList();

    /// <summary>Every member's name of an enum type.</summary>
    public static IReadOnlyList<string> Names(Type type) => Enum.GetNames(type).Select(Snake).ToList();

    /// <summary>The member called <paramref name="text"/> (snake_case or the C# name, any case), or null.</summary>
    public static object? TryParse(Type type, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var key = text.Trim().Replace("_", "", StringComparison.Ordinal);
        foreach (var name in Enum.GetNames(type))
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) return Enum.Parse(type, name);
        return null;
    }

    /// <summary>The member called <paramref name="text"/>; an <see cref="InputException"/> naming <paramref name="key"/> otherwise.</summary>
    public static T Parse<T>(string text, string key) where T : struct, Enum =>
        TryParse(typeof(T), text) is T value ? value
            : throw new InputException($"{key}: expected one of {string.Join(", ", Names<T>())}, found '{text}'");

    private static string Snake(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
