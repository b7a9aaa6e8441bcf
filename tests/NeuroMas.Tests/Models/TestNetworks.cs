using NeuroMas.Models;
using NeuroMas.Tasks;

namespace NeuroMas.Tests.Models;

/// <summary>Small untrained networks of every architecture, and task batches for them.</summary>
internal static class TestNetworks
{
    public static readonly string[] Architectures = ["gru", "lstm", "transformer"];

    /// <summary>The native architectures and PyTorch-imported fixtures (<c>imported:file</c>) the hook-site tests run on.</summary>
    public static readonly string[] HookSiteNetworks =
        [.. Architectures, "imported:gru2.pt", "imported:ref-gru.pt", "imported:lstm2.safetensors", "imported:ref-lstm.safetensors", "imported:gru-script.pt"];

    public static TaskNetwork Create(string architecture, int seed = 1, int width = 16)
    {
        if (architecture.StartsWith("imported:", StringComparison.Ordinal)) return Imported.TorchFixtures.Load(architecture["imported:".Length..]);
        TorchSharp.torch.manual_seed(seed);
        return NetworkFactory.Create(new NetworkOptions { Architecture = architecture, Width = width, Heads = 2, MaxLength = 64 }).Freeze();
    }

    public static List<TaskSequence> Sequences(int count, int seed)
    {
        var task = TaskCatalog.Get("multi-object", maxCount: 6);
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => task.Sample(random)).ToList();
    }
}
