using System.Globalization;
using Microsoft.Extensions.Configuration;
using NeuroMas.Alignment;

namespace NeuroMas.Protocols;

/// <summary>A protocol as read: its options, where it came from, and the flattened resolved keys.</summary>
public sealed record LoadedProtocol(ProtocolOptions Options, string Path, string Directory, IReadOnlyDictionary<string, string?> Resolved)
{
    /// <summary>A path (file or folder) in the protocol, resolved against the working folder when it exists there, else against the protocol's folder.</summary>
    public string Resolve(string path)
    {
        static bool Exists(string p) => File.Exists(p) || System.IO.Directory.Exists(p);
        if (System.IO.Path.IsPathRooted(path) || Exists(path)) return path;
        var beside = System.IO.Path.Combine(Directory, path);
        return Exists(beside) ? beside : path;
    }
}

/// <summary>
/// Reads a protocol from YAML or JSON (Microsoft.Extensions.Configuration), applies <c>key=value</c>
/// overrides (dots or colons separate levels; commas make lists: <c>seeds=1,2,3</c>), checks every key
/// and type, and binds <see cref="ProtocolOptions"/> with unknown keys as errors.
/// </summary>
public static class ProtocolLoader
{
    public static LoadedProtocol Load(string path, IEnumerable<string>? overrides = null)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: protocol: expected a file, found none");
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        var builder = new ConfigurationBuilder();
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            _ = extension switch
            {
                ".yaml" or ".yml" => builder.AddYamlFile(full, optional: false, reloadOnChange: false),
                ".json" => builder.AddJsonFile(full, optional: false, reloadOnChange: false),
                _ => throw new InputException($"{path}: protocol: expected a .yaml, .yml or .json file, found '{extension}'"),
            };
            var fromFile = builder.Build();
            var values = fromFile.AsEnumerable().Where(kv => kv.Value is not null)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var item in overrides ?? []) Apply(values, item, path);
            var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            var problems = ConfigSchema.Check(config, typeof(ProtocolOptions));
            if (problems.Count > 0) throw new InputException($"{path}: {string.Join("; ", problems)}");
            // Unknown keys were rejected by ConfigSchema (the binder's own check ignores [ConfigurationKeyName]). The training
            // keys sit at the top level: they bind straight into the trainer's own options.
            var options = (config.Get<ProtocolOptions>() ?? new ProtocolOptions()) with { Training = config.Get<AlignmentOptions>() ?? new AlignmentOptions() };
            return new LoadedProtocol(options, path, System.IO.Path.GetDirectoryName(full)!, values);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or InvalidOperationException)
        {
            throw new InputException($"{path}: cannot be read as {extension.TrimStart('.')}: {ProtocolSyntax.Describe(path, e)}", e);
        }
    }

    /// <summary>Applies one <c>key=value</c> override to flattened keys, replacing a whole list when given one.</summary>
    private static void Apply(Dictionary<string, string?> values, string item, string path)
    {
        var at = item.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0) throw new InputException($"{path}: override '{item}': expected key=value");
        var key = item[..at].Trim().Replace('.', ':');
        var value = item[(at + 1)..].Trim();
        foreach (var old in values.Keys.Where(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)
                                                    || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)).ToList())
            values.Remove(old);
        if (IsList(key))
        {
            var items = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < items.Length; i++) values[$"{key}:{i.ToString(CultureInfo.InvariantCulture)}"] = items[i];
        }
        else values[key] = value;
    }

    private static bool IsList(string key)
    {
        var type = typeof(ProtocolOptions);
        foreach (var part in key.Split(':'))
        {
            if (int.TryParse(part, out _)) { type = type.IsGenericType ? type.GetGenericArguments()[0] : type; continue; }
            var property = ConfigSchema.Find(type, part);
            if (property is null) return false;
            type = property.PropertyType;
        }
        return type != typeof(string) && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>);
    }
}
