using ScottPlot;

namespace NeuroMas.Results;

public static partial class Plots
{
    /// <summary>
    /// IIA beside its controls and decoding ceiling: one point per estimate with its interval as an error bar,
    /// coloured by group (IIA, controls, ceilings), a dotted line at chance when given, the labels as ticks.
    /// </summary>
    /// <param name="path">PNG path; the SVG is written beside it.</param>
    /// <param name="bars">Estimates, left to right.</param>
    /// <param name="title">In words: method, systems, variable, k.</param>
    /// <param name="chance">Chance level of the response (drawn as a dotted line), or NaN for none.</param>
    public static void IiaWithControls(string path, IReadOnlyList<IntervalBar> bars, string title, double chance = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0) throw new ArgumentException("no estimates to draw", nameof(bars));
        var plot = NewPlot(title);
        var palette = new ScottPlot.Palettes.Category10();
        var groups = bars.Select(b => b.Group).Distinct().ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var members = bars.Select((b, i) => (b, i)).Where(p => p.b.Group == groups[g]).ToArray();
            var xs = members.Select(p => (double)p.i).ToArray();
            var ys = members.Select(p => p.b.Value).ToArray();
            var color = palette.GetColor(g);
            var withInterval = members.Where(p => double.IsFinite(p.b.Low) && double.IsFinite(p.b.High)).ToArray();
            if (withInterval.Length > 0)
            {
                var error = plot.Add.ErrorBar(withInterval.Select(p => (double)p.i).ToArray(), withInterval.Select(p => p.b.Value).ToArray(),
                    withInterval.Select(p => 0.0).ToArray());
                error.YErrorNegative = withInterval.Select(p => p.b.Value - p.b.Low).ToArray();
                error.YErrorPositive = withInterval.Select(p => p.b.High - p.b.Value).ToArray();
                error.Color = color;
                error.LineWidth = 2;
                error.CapSize = 10;
            }
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 11, color);
            markers.LegendText = groups[g];
        }
        if (double.IsFinite(chance))
        {
            var line = plot.Add.HorizontalLine(chance, 1.5f, Colors.Gray, LinePattern.Dotted);
            line.LegendText = "chance";
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.SetLimitsX(-0.6, bars.Count - 0.4);
        plot.Axes.SetLimitsY(0, 1.05);
        plot.YLabel("accuracy (held-out, 95 % interval)");
        plot.ShowLegend(Edge.Bottom);
        Save(plot, path, 1000, 650);
    }
}
