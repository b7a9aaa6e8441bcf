namespace NeuroMas.Statistics;

/// <summary>A multiple-comparison correction of p-values (<see cref="MultipleComparisons"/>).</summary>
public enum Correction
{
    /// <summary>The raw p-values.</summary>
    None,

    /// <summary>Holm's step-down correction: controls the family-wise error rate.</summary>
    Holm,

    /// <summary>Benjamini–Hochberg step-up correction: controls the false discovery rate (independent or positively dependent tests).</summary>
    BenjaminiHochberg,
}
