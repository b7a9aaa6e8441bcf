namespace NeuroMas.Statistics;

/// <summary>The standard normal distribution's CDF and its inverse (MathNet), shorthand for the interval code.</summary>
internal static class Normal
{
    public static double Cdf(double x) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, x);

    public static double InverseCdf(double p) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
}
