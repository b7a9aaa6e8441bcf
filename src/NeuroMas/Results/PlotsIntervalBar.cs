namespace NeuroMas.Results;

/// <summary>One estimate of the IIA-with-controls figure (<see cref="Plots.IiaWithControls"/>): a point with its interval.</summary>
/// <param name="Label">Tick text under the point (<c>intervention</c>, <c>shuffled labels</c>, <c>kNN ceiling</c>).</param>
/// <param name="Value">The estimate.</param>
/// <param name="Low">Lower end of its interval; NaN for none.</param>
/// <param name="High">Upper end of its interval; NaN for none.</param>
/// <param name="Group">What kind of estimate it is: points of one group share a colour and a legend entry
/// (<c>IIA</c>, <c>control</c>, <c>decoding ceiling</c>).</param>
public sealed record IntervalBar(string Label, double Value, double Low, double High, string Group);
