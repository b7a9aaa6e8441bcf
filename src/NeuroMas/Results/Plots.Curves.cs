using System.Globalization;
using ScottPlot;

namespace NeuroMas.Results;

public static partial class Plots
{
    /// <summary>
    /// IIA against subspace size k on a log₂ axis (ticks at the sizes run), one curve per series with its interval
    /// as a shaded band; dashed series (no-intervention controls) are drawn without markers. The legend sits below
    /// the data area.
    /// </summary>
    /// <param name="path">PNG path; the SVG is written beside it.</param>
    /// <param name="series">Curves: x = k, value and interval = IIA.</param>
    /// <param name="title">In words: method, systems, variable (e.g. <c>MAS, GRU seeds 1 and 2: count</c>).</param>
    public static void IiaBySubspace(string path, IReadOnlyList<CurveSeries> series, string title) =>
        Curves(path, series, title, "subspace size k (aligned dimensions swapped, log₂ scale)", "IIA (held-out pairs, free-running)");

    /// <summary>
    /// A neuron-subsampling curve: IIA and decoding accuracy against the number of units kept, on a log₂ axis
    /// (ticks at the counts run, e.g. 8, 16, 32, 64, 96), each with its interval (over unit draws or trials) as a band.
    /// </summary>
    /// <param name="path">PNG path; the SVG is written beside it.</param>
    /// <param name="series">Curves: x = units kept; e.g. "IIA", "linear decoding", "kNN decoding".</param>
    /// <param name="title">In words: method, systems, variable, k.</param>
    public static void SubsamplingCurve(string path, IReadOnlyList<CurveSeries> series, string title) =>
        Curves(path, series, title, "units kept (random subsets, log₂ scale)", "accuracy (held-out)");

    private static void Curves(string path, IReadOnlyList<CurveSeries> series, string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(series);
        var all = series.SelectMany(s => s.Points).ToList();
        if (all.Count == 0 || all.Any(p => !(p.X > 0)))
            throw new ArgumentException("every point needs a positive x for the log₂ axis, and there must be at least one", nameof(series));
        var plot = NewPlot(title);
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < series.Count; s++)
        {
            var points = series[s].Points.OrderBy(p => p.X).ToArray();
            var xs = points.Select(p => Math.Log2(p.X)).ToArray();
            var color = palette.GetColor(s);
            // The band spans the points that have an interval (e.g. not "all units", drawn once); it is clipped to [0, 1].
            var banded = points.Select((p, i) => (p, x: xs[i])).Where(q => q.p.HasInterval).ToArray();
            if (banded.Length >= 2)
            {
                var band = plot.Add.FillY(banded.Select(q => q.x).ToArray(), banded.Select(q => Math.Clamp(q.p.Low, 0, 1)).ToArray(), banded.Select(q => Math.Clamp(q.p.High, 0, 1)).ToArray());
                band.FillColor = color.WithAlpha(0.2);
                band.LineWidth = 0;
            }
            var line = plot.Add.Scatter(xs, points.Select(p => p.Value).ToArray(), color);
            line.LegendText = series[s].Label;
            line.LineWidth = 2;
            if (series[s].Dashed)
            {
                line.LinePattern = LinePattern.Dashed;
                line.MarkerSize = 0;
            }
            else
            {
                line.MarkerSize = 7;
            }
        }
        var ticks = all.Select(p => p.X).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks(ticks.Select(Math.Log2).ToArray(), ticks.Select(x => x.ToString("0.##", CultureInfo.InvariantCulture)).ToArray());
        var (left, right) = (Math.Log2(ticks[0]), Math.Log2(ticks[^1]));
        var pad = Math.Max(0.15, 0.04 * (right - left));
        plot.Axes.SetLimitsX(left - pad, right + pad);
        plot.Axes.SetLimitsY(0, 1.02);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Bottom);
        Save(plot, path, 1000, 650);
    }
}
