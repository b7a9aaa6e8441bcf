using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>
/// What the hand-written element-wise passes (<see cref="GruCell"/>, <see cref="ReadoutHead"/>) read and write through: a
/// tensor's memory as a span, and vector loads and stores without a bounds check.
/// </summary>
internal static class VectorSpans
{
    /// <summary>A contiguous CPU float32 tensor's elements, in place (no copy).</summary>
    public static Span<float> Floats(Tensor t) =>
        t.dtype == ScalarType.Float32 && t.is_contiguous() && t.device_type == TorchSharp.DeviceType.CPU
            ? MemoryMarshal.Cast<byte, float>(t.bytes)
            : throw new ArgumentException($"expected a contiguous float32 CPU tensor, found {t.dtype} {(t.is_contiguous() ? "contiguous" : "strided")} on {t.device_type}");

    /// <summary>
    /// <c>Vector&lt;float&gt;.Count</c> elements of <paramref name="s"/> from <paramref name="at"/>, unchecked: the callers'
    /// vector loops run within a slice they took (so checked) and stop at <c>at + Count ≤</c> its length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(ReadOnlySpan<float> s, int at) => Vector.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)at);

    /// <summary>Stores <paramref name="value"/> at <paramref name="at"/>, unchecked as <see cref="Load"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<float> value, Span<float> s, int at) => value.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)at);
}
