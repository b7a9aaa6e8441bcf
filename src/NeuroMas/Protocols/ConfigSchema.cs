using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace NeuroMas.Protocols;

/// <summary>
/// Checks a configuration tree against an options type before binding, so that every unknown key and
/// every wrongly typed value is reported at once, each with its key path (e.g. <c>systems[1].checkpoint</c>).
/// </summary>
public static class ConfigSchema
{
    /// <summary>Every problem in <paramref name="section"/> read as <paramref name="type"/>.</summary>
    public static List<string> Check(IConfiguration section, Type type)
    {
        var problems = new List<string>();
        CheckObject(section, type, "", problems);
        return problems;
    }

    /// <summary>The configuration key of a property: its [ConfigurationKeyName] or its name.</summary>
    public static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name.ToLowerInvariant();

    /// <summary>Formats a configuration path (<c>systems:1:checkpoint</c>) as <c>systems[1].checkpoint</c>.</summary>
    public static string Display(string path)
    {
        var parts = path.Split(':');
        var text = "";
        foreach (var part in parts)
            text += int.TryParse(part, out _) ? $"[{part}]" : (text.Length == 0 ? part : "." + part);
        return text;
    }

    /// <summary>
    /// The property a key names: one of the type's own, or one of a <see cref="FlattenedAttribute"/> property's type. A
    /// property with a [ConfigurationKeyName] answers only to that key (case-insensitive), because the binder reads only
    /// that key: an old spelling such as <c>activityPath</c> would otherwise pass the check and then be silently ignored.
    /// </summary>
    internal static PropertyInfo? Find(Type type, string key) =>
        Settable(type).FirstOrDefault(p => !Flattened(p) && string.Equals(KeyOf(p), key, StringComparison.OrdinalIgnoreCase))
        ?? Settable(type).Where(Flattened).Select(p => Find(p.PropertyType, key)).FirstOrDefault(p => p is not null);

    /// <summary>The keys a type accepts at its own level (flattened properties' keys included, swept ones excluded).</summary>
    public static IEnumerable<string> Keys(Type type) =>
        Settable(type).SelectMany(p => Flattened(p) ? Keys(p.PropertyType).Where(k => Swept(Find(p.PropertyType, k)!) is null) : [KeyOf(p)]);

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    internal static bool Flattened(PropertyInfo property) => property.GetCustomAttribute<FlattenedAttribute>() is not null;

    /// <summary>The sweep list that sets a property, for properties marked <see cref="Alignment.SweptAttribute"/>.</summary>
    internal static string? Swept(PropertyInfo property) => property.GetCustomAttribute<Alignment.SweptAttribute>()?.ListKey;

    /// <summary>
    /// The known key nearest to an unknown <paramref name="key"/>, or null when none is close. Keys are
    /// compared without case and underscores first (<c>activityPath</c> and <c>ActivityPath</c> are
    /// <c>activity_path</c>), then by edit distance, allowing about one typo per three characters.
    /// </summary>
    public static string? Suggest(string key, IEnumerable<string> known)
    {
        static string Fold(string s) => s.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var folded = Fold(key);
        var best = known
            .Select(k => (Key: k, Distance: Distance(folded, Fold(k))))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(1, folded.Length / 3) ? best.Key : null;
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions, each 1).</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private static void CheckObject(IConfiguration section, Type type, string path, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var childPath = path.Length == 0 ? child.Key : $"{path}:{child.Key}";
            var property = Find(type, child.Key);
            if (property is null)
            {
                var known = Keys(type).ToList();
                var hint = Suggest(child.Key, known) is { } near ? $"did you mean {near}? " : "";
                problems.Add($"{Display(childPath)}: unknown key; {hint}expected one of {string.Join(", ", known)}");
                continue;
            }
            if (property.DeclaringType != type && Swept(property) is { } list)
            {
                var example = child.Value is { } value ? $" (e.g. {list}: [{value}])" : "";
                problems.Add($"{Display(childPath)}: expected the sweep list {list}{example}, found the single key {child.Key}");
                continue;
            }
            CheckValue(child, property.PropertyType, childPath, problems);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, string path, List<string> problems)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var element = ElementType(underlying);
        var hasChildren = section.GetChildren().Any();
        if (DictionaryValueType(underlying) is { } valueType)
        {
            foreach (var item in section.GetChildren()) CheckValue(item, valueType, $"{path}:{item.Key}", problems);
        }
        else if (element is not null)
        {
            if (!hasChildren)
            {
                if (!string.IsNullOrEmpty(section.Value)) problems.Add($"{Display(path)}: expected a list, found '{section.Value}'");
                return;
            }
            foreach (var item in section.GetChildren())
            {
                if (!int.TryParse(item.Key, out _)) problems.Add($"{Display(path)}: expected a list, found a mapping with key '{item.Key}'");
                else CheckValue(item, element, $"{path}:{item.Key}", problems);
            }
        }
        else if (IsScalar(underlying))
        {
            if (hasChildren) problems.Add($"{Display(path)}: expected {Describe(underlying)}, found a list or mapping");
            else if (section.Value is { } value && !Converts(underlying, value))
                problems.Add($"{Display(path)}: expected {Describe(underlying)}, found '{value}'");
        }
        else if (hasChildren) CheckObject(section, underlying, path, problems);
        else if (!string.IsNullOrEmpty(section.Value)) problems.Add($"{Display(path)}: expected a mapping, found '{section.Value}'");
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType && type.GetGenericArguments().Length == 1
            ? type.GetGenericArguments()[0]
            : null;

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);

    private static bool Converts(Type type, string value)
    {
        if (type == typeof(string)) return true;
        if (type == typeof(bool)) return bool.TryParse(value, out _);
        if (type.IsEnum) return Choice.TryParse(type, value) is not null;
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, value);
            return true;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException || e.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "an integer"
        : type == typeof(double) || type == typeof(float) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type.IsEnum ? "one of " + string.Join(", ", Choice.Names(type))
        : "text";
}
