namespace NeuroMas.Similarity;

/// <summary>How <see cref="Rsa.Rdm"/> measures the dissimilarity of two conditions (rows).</summary>
public enum RdmMetric
{
    /// <summary>
    /// <c>1 − cos(x_i, x_j)</c> of the raw (uncentred) rows, in [0, 2]. Invariant to rotation and to
    /// scaling of the whole representation, not to translation. Every row must have a non-zero norm.
    /// </summary>
    CosineDistance,

    /// <summary><c>‖x_i − x_j‖₂</c>. Invariant to rotation and translation, not to scaling.</summary>
    Euclidean,
}
