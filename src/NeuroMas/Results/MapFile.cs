using System.Text.Json;
using NeuroMas.Alignment;

namespace NeuroMas.Results;

/// <summary>
/// Saves learned alignment maps (<c>maps.bin</c>): the magic <c>NMMAP1</c>, a JSON header with each map's kind and
/// width and the subspace size, then each map's TorchSharp state in system order. <see cref="Load"/> rebuilds them.
/// </summary>
public static class MapFile
{
    private sealed record Header(string Kind, int[] Widths, int SubspaceSize);

    public static void Save(string path, IReadOnlyList<AlignmentMap> maps, MapKind kind, int subspaceSize) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write("NMMAP1");
            writer.Write(JsonSerializer.Serialize(new Header(kind.ToString(), maps.Select(m => m.Width).ToArray(), subspaceSize)));
            foreach (var map in maps) map.save(writer);
        });

    public static IReadOnlyList<AlignmentMap> Load(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: maps: expected a file, found none");
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            var magic = reader.ReadString();
            if (magic != "NMMAP1") throw InputException.Mismatch(path, "header", "NMMAP1", magic);
            var header = JsonSerializer.Deserialize<Header>(reader.ReadString()) ?? throw new InputException($"{path}: header: expected map info, found null");
            var kind = Enum.Parse<MapKind>(header.Kind);
            var maps = header.Widths.Select(w => MapFactory.Create(kind, w, header.SubspaceSize, null, null)).ToList();
            foreach (var map in maps) map.load(reader);
            return maps;
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException or FormatException)
        {
            throw new InputException($"{path}: maps: expected a NeuroMas map file, found a truncated or corrupt file", e);
        }
    }
}
