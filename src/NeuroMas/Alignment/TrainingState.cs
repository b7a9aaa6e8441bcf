using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>Serialises a trainer's mid-run state: step counters, history, maps, optimiser and best maps.</summary>
internal static class TrainingState
{
    public static void Save(Stream stream, int step, int stale, double bestLoss, IReadOnlyList<AlignmentProgress> history,
        IReadOnlyList<AlignmentMap> maps, TorchSharp.Modules.OptimizerHelper optimizer, Dictionary<string, Tensor>[]? best)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write("NMTRAIN1");
        writer.Write(step);
        writer.Write(stale);
        writer.Write(bestLoss);
        writer.Write(history.Count);
        foreach (var h in history)
        {
            writer.Write(h.Step); writer.Write(h.MaxSteps); writer.Write(h.TrainLoss); writer.Write(h.ValidationLoss);
            writer.Write(h.ValidationIia); writer.Write(h.Seconds);
        }
        foreach (var map in maps) map.save(writer);
        optimizer.save_state_dict(writer);
        writer.Write(best is not null);
        if (best is null) return;
        foreach (var state in best)
        {
            writer.Write(state.Count);
            foreach (var (key, value) in state)
            {
                writer.Write(key);
                var shape = value.shape;
                writer.Write(shape.Length);
                foreach (var s in shape) writer.Write(s);
                var data = value.contiguous().to(float32).data<float>().ToArray();
                writer.Write(data.Length);
                foreach (var x in data) writer.Write(x);
            }
        }
    }

    public static (int Step, int Stale, double BestLoss, List<AlignmentProgress> History, Dictionary<string, Tensor>[]? Best) Load(
        Stream stream, IReadOnlyList<AlignmentMap> maps, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != "NMTRAIN1") throw new InvalidDataException("not a NeuroMas training state");
        var (step, stale, bestLoss) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble());
        var history = new List<AlignmentProgress>();
        for (var i = reader.ReadInt32(); i > 0; i--)
            history.Add(new AlignmentProgress(reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
        foreach (var map in maps) map.load(reader);
        optimizer.load_state_dict(reader);
        if (!reader.ReadBoolean()) return (step, stale, bestLoss, history, null);
        var best = new Dictionary<string, Tensor>[maps.Count];
        for (var m = 0; m < maps.Count; m++)
        {
            best[m] = [];
            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                var key = reader.ReadString();
                var shape = new long[reader.ReadInt32()];
                for (var d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
                var data = new float[reader.ReadInt32()];
                for (var k = 0; k < data.Length; k++) data[k] = reader.ReadSingle();
                best[m][key] = tensor(data, shape).DetachFromDisposeScope();
            }
        }
        return (step, stale, bestLoss, history, best);
    }
}
