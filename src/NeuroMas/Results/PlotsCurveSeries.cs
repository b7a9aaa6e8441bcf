namespace NeuroMas.Results;

/// <summary>A labelled curve of a figure (<see cref="Plots"/>): e.g. one direction's IIA against k.</summary>
/// <param name="Label">Legend text, in words (<c>GRU seed 1 → GRU seed 2</c>).</param>
/// <param name="Points">The points, any order (drawn sorted by x).</param>
/// <param name="Dashed">Draw dashed (a control or baseline).</param>
public sealed record CurveSeries(string Label, IReadOnlyList<CurvePoint> Points, bool Dashed = false);
