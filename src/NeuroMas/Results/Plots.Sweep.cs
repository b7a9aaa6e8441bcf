namespace NeuroMas.Results;

public static partial class Plots
{
    /// <summary>
    /// The figures of a whole sweep, in its output folder: IIA against subspace size for every method and variable the
    /// rows cover with several sizes (<c>iia-by-subspace-&lt;method&gt;-&lt;variable&gt;.png</c>), and with <c>unit_counts</c>
    /// the neuron-subsampling curves (<see cref="Subsampling"/>).
    /// </summary>
    public static void Sweep(string output, IReadOnlyList<ResultRow> rows, double confidence = 0.95)
    {
        Subsampling.Write(output, rows, confidence);
        foreach (var group in rows.Where(r => r.Condition != "natural").GroupBy(r => (r.Method, r.Variable)))
            IiaBySubspace(Path.Combine(output, $"iia-by-subspace-{group.Key.Method}-{group.Key.Variable}.png"), group.ToList());
    }

    /// <summary>
    /// Whether <paramref name="e"/> says figures cannot be drawn on this machine (no font, no Skia natives, no writable
    /// file): figures are a convenience, so callers report it and keep their CSV.
    /// </summary>
    public static bool CannotDraw(Exception e) => e is DllNotFoundException or TypeInitializationException or InvalidOperationException or IOException;
}
