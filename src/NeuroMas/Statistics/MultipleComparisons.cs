using System.Globalization;

namespace NeuroMas.Statistics;

/// <summary>
/// Adjusted p-values for a family of tests, on request only: callers keep and report the raw values beside them.
/// The adjustments match R's <c>p.adjust</c> (methods "holm" and "BH").
/// </summary>
public static class MultipleComparisons
{
    /// <summary>The p-values adjusted by <paramref name="correction"/>, in the input order, <c>[tests]</c>.</summary>
    /// <exception cref="InputException">A p-value outside (0, 1] or not a number.</exception>
    public static double[] Adjust(IReadOnlyList<double> pValues, Correction correction) => correction switch
    {
        Correction.None => Checked(pValues).ToArray(),
        Correction.Holm => Holm(pValues),
        Correction.BenjaminiHochberg => BenjaminiHochberg(pValues),
        _ => throw new ArgumentOutOfRangeException(nameof(correction), correction, "unknown correction"),
    };

    /// <summary>Holm: the i-th smallest p times (m − i + 1), made non-decreasing in that order, capped at 1.</summary>
    public static double[] Holm(IReadOnlyList<double> pValues)
    {
        var p = Checked(pValues);
        var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
        var adjusted = new double[p.Length];
        var running = 0.0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            running = Math.Max(running, Math.Min(1, (p.Length - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }

    /// <summary>Benjamini–Hochberg: the i-th smallest p times m / i, made non-decreasing from the largest down, capped at 1.</summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        var p = Checked(pValues);
        var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
        var adjusted = new double[p.Length];
        var running = 1.0;
        for (var rank = order.Length - 1; rank >= 0; rank--)
        {
            running = Math.Min(running, (double)p.Length / (rank + 1) * p[order[rank]]);
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }

    private static double[] Checked(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        for (var i = 0; i < pValues.Count; i++)
        {
            if (!(pValues[i] > 0 && pValues[i] <= 1))
                throw new InputException($"multiple comparisons: p-value {i} is {pValues[i].ToString(CultureInfo.InvariantCulture)}: expected a number in (0, 1]");
        }
        return pValues.ToArray();
    }
}
