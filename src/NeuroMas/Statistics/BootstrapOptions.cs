using System.Globalization;

namespace NeuroMas.Statistics;

/// <summary>How a bootstrap interval is computed (<see cref="Bootstrap"/>).</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of resamples; 2,000 by default (the BCa end points settle to about ±0.005 on a rate).</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>Coverage of the interval, in (0, 1); 0.95 by default.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Percentile or BCa; BCa by default (it corrects the skew of rates near 0 or 1).</summary>
    public IntervalMethod Method { get; init; } = IntervalMethod.Bca;

    /// <summary>Seed of the resampling; the same seed and data give the same interval.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The default options.</summary>
    public static BootstrapOptions Default { get; } = new();

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Resamples < 100)
            problems.Add($"bootstrap resamples is {Resamples}: expected at least 100");
        if (!(Confidence > 0 && Confidence < 1))
            problems.Add($"bootstrap confidence is {Confidence.ToString(CultureInfo.InvariantCulture)}: expected a number in (0, 1)");
        return problems;
    }

    /// <summary>Throws the problems of <see cref="Validate"/> as one <see cref="InputException"/>.</summary>
    internal void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
            throw new InputException(string.Join("; ", problems));
    }
}
