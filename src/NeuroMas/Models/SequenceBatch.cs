using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>Task sequences as padded tensors.</summary>
public sealed class SequenceBatch : IDisposable
{
    private SequenceBatch(Tensor tokens, Tensor scored)
    {
        Tokens = tokens;
        Scored = scored;
    }

    /// <summary>Token ids padded with <c>P</c>: <c>[batch, time]</c> int64.</summary>
    public Tensor Tokens { get; }

    /// <summary>Task mask: <c>[batch, time]</c> bool.</summary>
    public Tensor Scored { get; }

    /// <summary>Pads <paramref name="sequences"/> to <paramref name="length"/> (or the longest).</summary>
    public static SequenceBatch From(IReadOnlyList<TaskSequence> sequences, int? length = null)
    {
        var time = length ?? sequences.Max(s => s.Length);
        var tokens = new long[sequences.Count * time];
        var scored = new bool[sequences.Count * time];
        for (var b = 0; b < sequences.Count; b++)
        {
            var s = sequences[b];
            if (s.Length > time) throw new ArgumentException($"sequence {b} has {s.Length} tokens, more than {time}");
            for (var t = 0; t < s.Length; t++)
            {
                tokens[b * time + t] = s.Tokens[t];
                scored[b * time + t] = s.Scored[t];
            }
        }
        return new SequenceBatch(tensor(tokens, [sequences.Count, time]), tensor(scored, [sequences.Count, time]));
    }

    public void Dispose()
    {
        Tokens.Dispose();
        Scored.Dispose();
    }
}
