using System.Text;
using System.Text.Json;
using NeuroMas.Models.Imported;

namespace NeuroMas.Models;

/// <summary>What a checkpoint records besides the weights: enough to rebuild and evaluate the network.</summary>
public sealed record CheckpointInfo
{
    public string Format { get; init; } = Checkpoint.FormatName;
    public NetworkOptions Network { get; init; } = new();
    public string Task { get; init; } = "multi-object";
    public int MaxCount { get; init; } = 20;
    public int Seed { get; init; }
    /// <summary>The training options as given, for provenance.</summary>
    public Dictionary<string, string> Training { get; init; } = [];
    /// <summary>Validation trial accuracy when training stopped.</summary>
    public double ValidationTrialAccuracy { get; init; }
    public int Steps { get; init; }
    public double Seconds { get; init; }
    /// <summary>For <c>architecture: imported</c>: the imported network's resolved shape, vocabulary and hook.</summary>
    public ImportedNetworkOptions? Imported { get; init; }
}

/// <summary>
/// Checkpoint files (<c>.nmck</c>): the magic <c>NMCK1</c>, a length-prefixed JSON
/// <see cref="CheckpointInfo"/>, then the TorchSharp state dict of the network.
/// </summary>
public static class Checkpoint
{
    public const string FormatName = "neuromas-checkpoint/1";
    private static readonly byte[] Magic = "NMCK1"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the network and its info atomically (a temporary file, then a rename).</summary>
    public static void Save(string path, TaskNetwork network, CheckpointInfo info)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            var header = JsonSerializer.SerializeToUtf8Bytes(info, Json);
            writer.Write(header.Length);
            writer.Write(header);
            network.save(writer);
        });
    }

    /// <summary>Reads only the info of a checkpoint.</summary>
    public static CheckpointInfo ReadInfo(string path)
    {
        using var reader = Open(path);
        return ReadHeader(path, reader);
    }

    /// <summary>
    /// Loads a checkpoint as a frozen network in evaluation mode. When <paramref name="expectedArchitecture"/>
    /// is given, a checkpoint of another architecture is an <see cref="InputException"/>.
    /// </summary>
    public static (TaskNetwork Network, CheckpointInfo Info) Load(string path, string? expectedArchitecture = null) => Load(path, expectedArchitecture, null);

    /// <summary>
    /// <see cref="Load(string, string?)"/> with the transformer's hook site moved to the residual stream after
    /// <paramref name="hookLayer"/> blocks (the weights do not depend on it; null keeps the checkpoint's).
    /// </summary>
    public static (TaskNetwork Network, CheckpointInfo Info) Load(string path, string? expectedArchitecture, int? hookLayer)
    {
        using var reader = Open(path);
        var info = ReadHeader(path, reader);
        if (hookLayer is { } layer && info.Network.Architecture == "transformer")
        {
            if (layer < 0 || layer > info.Network.Layers) throw InputException.Mismatch(path, "hook_layer", $"0..{info.Network.Layers}", layer.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info = info with { Network = info.Network with { HookLayer = layer } };
        }
        if (expectedArchitecture is not null && info.Network.Architecture != expectedArchitecture)
            throw InputException.Mismatch(path, "network.architecture", expectedArchitecture, info.Network.Architecture);
        var network = info.Network.Architecture == ImportedRecurrentNetwork.ArchitectureName
            ? new ImportedRecurrentNetwork(info.Imported ?? throw new InputException($"{path}: imported: expected the imported network's options, found none"))
            : NetworkFactory.Create(info.Network);
        try
        {
            network.load(reader, strict: true);
        }
        catch (Exception e) when (e is not InputException)
        {
            network.Dispose();
            throw new InputException($"{path}: weights: expected a {info.Network.Architecture} state dict of width {info.Network.Width}, found unreadable or mismatched data ({FirstLine(e.Message)})", e);
        }
        return (network.Freeze(), info);
    }

    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: checkpoint: expected a file, found none");
        return new BinaryReader(File.OpenRead(path));
    }

    private static CheckpointInfo ReadHeader(string path, BinaryReader reader)
    {
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
                throw new InputException($"{path}: header: expected a NeuroMas checkpoint (NMCK1), found '{Encoding.ASCII.GetString(magic).Trim('\0')}'");
            var length = reader.ReadInt32();
            if (length <= 0 || length > 1 << 20) throw new InputException($"{path}: header: expected a length of 1..1048576 bytes, found {length}");
            var info = JsonSerializer.Deserialize<CheckpointInfo>(reader.ReadBytes(length))
                ?? throw new InputException($"{path}: header: expected checkpoint info, found null");
            if (info.Format != FormatName) throw InputException.Mismatch(path, "format", FormatName, info.Format);
            return info;
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            throw new InputException($"{path}: header: expected a NeuroMas checkpoint, found a truncated or corrupt file ({FirstLine(e.Message)})", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
