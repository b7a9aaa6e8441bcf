using NeuroMas.Protocols;

namespace NeuroMas.Cli;

/// <summary>A protocol's recording system chosen on the command line (<c>inspect</c>, <c>decode</c>).</summary>
internal static class ProtocolRecording
{
    /// <summary>
    /// The recording system named <paramref name="name"/>; else the one whose recording is <paramref name="path"/>;
    /// else the only one. Null <paramref name="path"/>: by name, or the only one.
    /// </summary>
    public static (SystemSpec Spec, string Name)? Find(LoadedProtocol protocol, string? path, string? name)
    {
        var recordings = protocol.Options.Systems.Select((s, i) => (Spec: s, Name: ProtocolValidator.SystemName(protocol, i)))
            .Where(s => s.Spec.Recording is not null).ToList();
        if (name is not null)
            return recordings.Any(s => s.Name == name) ? recordings.First(s => s.Name == name)
                : throw new InputException($"{protocol.Path}: systems: expected a recording system named '{name}', found [{string.Join(", ", recordings.Select(s => s.Name))}]");
        if (path is not null)
        {
            var full = Path.GetFullPath(path);
            var same = recordings.Where(s => Path.GetFullPath(protocol.Resolve(s.Spec.Recording!)) == full).ToList();
            if (same.Count == 1) return same[0];
        }
        if (recordings.Count == 1) return recordings[0];
        throw new InputException(recordings.Count == 0
            ? $"{protocol.Path}: systems: expected a recording system, found none"
            : $"{protocol.Path}: systems: expected one recording system{(path is null ? "" : $" for {path}")}, found {recordings.Count} (choose one with --system)");
    }
}
