namespace NeuroMas.Similarity;

/// <summary>
/// The unbiased HSIC of two kernels when each row enters with an integer multiplicity (a bootstrap resample):
/// each of HSIC's three expectations (<c>E k l</c>, <c>E k · E l</c>, <c>E k l'</c>) is estimated by the average over
/// pairs, triples or quadruples of copies whose <em>original rows are distinct</em>. Resampling rows with replacement and feeding the copies to the ordinary unbiased estimator
/// would treat a row and its copy as two independent conditions, a pair that is "similar" in both systems by
/// construction (independent <c>[40, 300]</c> data then score about 0.78); this weighting leaves such pairs out.
/// With all multiplicities 1 it equals Song et al.'s (2012) estimator.
/// </summary>
internal static class WeightedHsic
{
    /// <summary>
    /// <c>HSIC = T1/N1 + T3/N3 − 2·T2/N2</c> over rows with positive weight, where, with <c>A</c>, <c>B</c> the kernels
    /// with zeroed diagonals, <c>a = A w</c>, <c>b = B w</c>: <c>T1 = Σ w_i w_j A_ij B_ij</c>,
    /// <c>T2 = Σ_j w_j a_j b_j − Σ w_i² w_j A_ij B_ij</c>, <c>T3 = (wᵀAw)(wᵀBw) − 4 Σ_j w_j² a_j b_j + 2 Σ w_i² w_j² A_ij B_ij</c>
    /// (inclusion–exclusion of the tuples with a repeated row), and <c>N1</c>, <c>N2</c>, <c>N3</c> the same sums with
    /// <c>A = B = 1</c>. NaN when fewer than 4 distinct rows have weight.
    /// </summary>
    /// <param name="k">Kernel, flat row-major <c>[n·n]</c>, symmetric.</param>
    /// <param name="l">Kernel, flat row-major <c>[n·n]</c>, symmetric.</param>
    /// <param name="weights">Multiplicity per row, <c>[n]</c>, ≥ 0.</param>
    public static double Of(double[] k, double[] l, int n, double[] weights)
    {
        var rows = Enumerable.Range(0, n).Where(i => weights[i] > 0).ToArray();
        if (rows.Length < 4) return double.NaN;
        double t1 = 0, t1Squared = 0, t1Cross = 0, totalA = 0, totalB = 0, abw = 0, abw2 = 0;
        foreach (var i in rows)
        {
            double a = 0, b = 0;
            var wi = weights[i];
            foreach (var j in rows)
            {
                if (j == i) continue;
                var (kij, lij, wj) = (k[i * n + j], l[i * n + j], weights[j]);
                a += wj * kij;
                b += wj * lij;
                var kl = kij * lij;
                t1 += wi * wj * kl;
                t1Cross += wi * wi * wj * kl;
                t1Squared += wi * wi * wj * wj * kl;
            }

            totalA += wi * a;
            totalB += wi * b;
            abw += wi * a * b;
            abw2 += wi * wi * a * b;
        }

        var t2 = abw - t1Cross;
        var t3 = totalA * totalB - 4 * abw2 + 2 * t1Squared;
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        foreach (var i in rows)
        {
            var w = weights[i];
            s1 += w;
            s2 += w * w;
            s3 += w * w * w;
            s4 += w * w * w * w;
        }

        var n1 = s1 * s1 - s2;
        var n2 = s1 * s1 * s1 - 3 * s2 * s1 + 2 * s3;
        var n3 = s1 * s1 * s1 * s1 - 6 * s2 * s1 * s1 + 3 * s2 * s2 + 8 * s3 * s1 - 6 * s4;
        return t1 / n1 + t3 / n3 - 2 * t2 / n2;
    }
}
