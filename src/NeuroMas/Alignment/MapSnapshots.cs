using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>Copies of maps' weights, so a trainer can keep its best maps and put them back when it stops.</summary>
internal static class MapSnapshots
{
    /// <summary>Detached copies of every map's state, in map order.</summary>
    public static Dictionary<string, Tensor>[] Take(IReadOnlyList<AlignmentMap> maps) =>
        maps.Select(m => m.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone())).ToArray();

    /// <summary>Loads a snapshot back into the maps (nothing when there is none).</summary>
    public static void Restore(IReadOnlyList<AlignmentMap> maps, Dictionary<string, Tensor>[]? snapshot)
    {
        if (snapshot is null) return;
        for (var i = 0; i < maps.Count; i++) maps[i].load_state_dict(snapshot[i]);
    }

    public static void Dispose(Dictionary<string, Tensor>[]? snapshot)
    {
        if (snapshot is null) return;
        foreach (var t in snapshot.SelectMany(s => s.Values)) t.Dispose();
    }
}
