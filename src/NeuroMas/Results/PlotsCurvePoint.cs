namespace NeuroMas.Results;

/// <summary>One point of a curve in a figure (<see cref="Plots"/>), with an optional interval drawn as a band.</summary>
/// <param name="X">Position on the x axis (subspace size k, number of units, step).</param>
/// <param name="Value">The estimate (IIA, accuracy).</param>
/// <param name="Low">Lower end of its interval; NaN for none.</param>
/// <param name="High">Upper end of its interval; NaN for none.</param>
public sealed record CurvePoint(double X, double Value, double Low = double.NaN, double High = double.NaN)
{
    /// <summary>Whether this point has an interval to draw.</summary>
    public bool HasInterval => double.IsFinite(Low) && double.IsFinite(High);
}
