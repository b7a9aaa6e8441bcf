using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeuroMas.Protocols;

/// <summary>
/// Writes options back under the keys a protocol reads them from (<see cref="ConfigSchema.KeyOf"/>, flattened sections
/// inlined, choices by their snake_case names), so what NeuroMas writes is itself a protocol it can read.
/// </summary>
public static class ProtocolWriter
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// The protocol as resolved (defaults filled in, overrides applied), with every file path made absolute, so that
    /// <c>neuromas run</c> on the written file from anywhere makes the same runs.
    /// </summary>
    public static string Resolved(LoadedProtocol protocol)
    {
        string? Full(string? path) => path is null ? null : Path.GetFullPath(protocol.Resolve(path));
        var o = protocol.Options;
        var resolved = o with
        {
            Systems = o.Systems.Select(s => s with
            {
                Checkpoint = Full(s.Checkpoint),
                Recording = Full(s.Recording),
                GroundTruth = Full(s.GroundTruth),
                Network = s.Network is null ? null : s.Network with { File = Full(s.Network.File), Spec = Full(s.Network.Spec) },
            }).ToList(),
            Prompts = Full(o.Prompts),
            Output = Path.GetFullPath(o.Output),
        };
        return Node(resolved, skipDefaults: true)!.ToJsonString(Json) + "\n";
    }

    /// <summary>The scalar options of a record as (key, text) pairs, for hashing and manifests.</summary>
    public static IEnumerable<(string Key, string Value)> Scalars(object options)
    {
        foreach (var (key, node) in (JsonObject)Node(options)!)
            yield return (key, node is JsonValue v ? Text(v) : node?.ToJsonString() ?? "");
    }

    private static string Text(JsonValue value) => value.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    /// <param name="skipDefaults">
    /// Leave out what equals a fresh instance's value: the configuration binder appends a list to its default items, so a
    /// default list written back would come back doubled.
    /// </param>
    private static JsonNode? Node(object? value, bool skipDefaults = false) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(double.Parse(d.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
        Enum e => JsonValue.Create(Choice.Names(e.GetType())[Array.IndexOf(Enum.GetValues(e.GetType()), e)]),
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k => KeyValuePair.Create(k.ToString()!, Node(map[k], skipDefaults)))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(x => Node(x, skipDefaults)).ToArray()),
        _ => Object(value, skipDefaults),
    };

    private static JsonObject Object(object value, bool skipDefaults)
    {
        var json = new JsonObject();
        var type = value.GetType();
        var fresh = skipDefaults && type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type) : null;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var child = property.GetValue(value);
            if (ConfigSchema.Flattened(property))
            {
                foreach (var (key, inner) in Object(child!, skipDefaults).ToList())
                    if (ConfigSchema.Swept(ConfigSchema.Find(property.PropertyType, key)!) is null) json[key] = inner?.DeepClone();
                continue;
            }
            if (Node(child, skipDefaults) is not { } node) continue;
            if (fresh is not null && JsonNode.DeepEquals(node, Node(property.GetValue(fresh), skipDefaults))) continue;
            json[ConfigSchema.KeyOf(property)] = node;
        }
        return json;
    }
}
