namespace NeuroMas.Similarity;

/// <summary>How <see cref="Rsa.Compare"/> correlates the two dissimilarity matrices.</summary>
public enum RsaCorrelation
{
    /// <summary>Rank correlation (ties get the average of their ranks); only the order of dissimilarities counts.</summary>
    Spearman,

    /// <summary>Linear correlation of the dissimilarity values.</summary>
    Pearson,
}
