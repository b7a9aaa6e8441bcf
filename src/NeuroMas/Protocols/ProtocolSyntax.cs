using System.Globalization;
using YamlDotNet.Core;

namespace NeuroMas.Protocols;

/// <summary>
/// Where a protocol file stops parsing, in the parser's own words with a line and column: the configuration loader's
/// "Failed to load configuration" says neither, and some YAML faults surface from it as a bare exception.
/// </summary>
internal static class ProtocolSyntax
{
    public static string Describe(string path, Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is YamlException yaml) return Located(yaml.Start, Words(yaml));
            if (inner is System.Text.Json.JsonException { LineNumber: { } line } json)
                return string.Create(CultureInfo.InvariantCulture,
                    $"line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}: {json.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        }
        if (Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml" && Reparse(path) is { } found) return found;
        var innermost = e;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return innermost.Message.Split('\n')[0];
    }

    /// <summary>Walks the file's YAML events; on a fault, the fault's mark, or the end of the last event that parsed.</summary>
    private static string? Reparse(string path)
    {
        using var reader = new StreamReader(path);
        var parser = new Parser(reader);
        Mark? last = null;
        try
        {
            while (parser.MoveNext()) last = parser.Current?.End;
            return null;
        }
        catch (YamlException yaml)
        {
            return Located(yaml.Start, Words(yaml));
        }
        catch (Exception)
        {
            return last is { } mark ? Located(mark, "the YAML is malformed after this point (an unclosed bracket or quote, or a wrong indent?)") : null;
        }
    }

    private static string Words(YamlException yaml) =>
        yaml.Message[(yaml.Message.IndexOf("): ", StringComparison.Ordinal) + 1)..].Trim(' ', ':');

    private static string Located(Mark mark, string words) =>
        string.Create(CultureInfo.InvariantCulture, $"line {mark.Line}, column {mark.Column}: {words}");
}
