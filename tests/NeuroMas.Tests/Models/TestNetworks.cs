using NeuroMas.Models;
using NeuroMas.Tasks;

namespace NeuroMas.Tests.Models;

/// <summary>Small untrained networks of every architecture, and task batches for them.</summary>
internal static class TestNetworks
{
    public static readonly string[] Architectures = ["gru", "lstm", "transformer"];

    public static TaskNetwork Create(string architecture, int seed = 1, int width = 16)
    {
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
