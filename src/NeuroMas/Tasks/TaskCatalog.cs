using System.Collections.Concurrent;

namespace NeuroMas.Tasks;

/// <summary>
/// Tasks by name: the built-in numeric family (<c>multi-object</c>, <c>single-object</c>,
/// <c>same-object</c>, each optionally suffixed <c>-modulo</c>, <c>-square</c>, <c>-rounding</c>), the language-model
/// prompts (<c>lm-count</c>, <c>lm-count-wrap&lt;w&gt;</c>: <see cref="LanguageCountTask"/>) and any a lab registers
/// with <see cref="Register"/>.
/// </summary>
public static class TaskCatalog
{
    private static readonly ConcurrentDictionary<string, Func<ITask>> Custom = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, NumericTaskKind> Kinds = new(StringComparer.Ordinal)
    {
        ["multi-object"] = NumericTaskKind.MultiObject,
        ["single-object"] = NumericTaskKind.SingleObject,
        ["same-object"] = NumericTaskKind.SameObject,
    };

    private static readonly Dictionary<string, ResponseVariant> Variants = new(StringComparer.Ordinal)
    {
        [""] = ResponseVariant.Identity,
        ["-modulo"] = ResponseVariant.Modulo,
        ["-square"] = ResponseVariant.Square,
        ["-rounding"] = ResponseVariant.Rounding,
    };

    /// <summary>Every name <see cref="Get"/> accepts (of the <c>lm-count-wrap&lt;w&gt;</c> family, w = 10 stands for all).</summary>
    public static IEnumerable<string> Names =>
        Kinds.Keys.SelectMany(k => Variants.Keys.Select(v => k + v))
            .Concat([LanguageCountTask.BaseName, LanguageCountTask.BaseName + LanguageCountTask.WrapSuffix + "10"])
            .Concat(Custom.Keys).Order(StringComparer.Ordinal);

    /// <summary>Makes a lab's own task available by name to protocols and the CLI.</summary>
    public static void Register(string name, Func<ITask> factory) => Custom[name] = factory;

    /// <summary>The task called <paramref name="name"/>; an <see cref="InputException"/> lists the known names otherwise.</summary>
    public static ITask Get(string name, int maxCount = 20)
    {
        if (Custom.TryGetValue(name, out var factory)) return factory();
        if (LanguageCountTask.TryParse(name, maxCount) is { } language) return language;
        foreach (var (suffix, variant) in Variants.Where(v => v.Key.Length > 0).Append(new("", ResponseVariant.Identity)))
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (Kinds.TryGetValue(name[..^suffix.Length], out var kind))
                return new NumericTask(kind, variant, 1, variant == ResponseVariant.Square ? Math.Min(maxCount, 6) : maxCount);
        }
        throw new InputException($"task: expected one of {string.Join(", ", Names)} (or lm-count-wrap<w>), found '{name}'");
    }

    internal static string NameOf(NumericTaskKind kind, ResponseVariant variant) =>
        Kinds.First(k => k.Value == kind).Key + Variants.First(v => v.Value == variant).Key;
}
