using System.Globalization;
using AlignmentProgress = NeuroMas.Alignment.AlignmentProgress;
using ScottPlot;

namespace NeuroMas.Results;

/// <summary>
/// Figures fit to print (ScottPlot), each written as PNG at the given path and as SVG beside it (same name,
/// <c>.svg</c>): IIA against subspace size, the n × n IIA matrix, training curves, neuron-subsampling curves, and
/// IIA with its controls and decoding ceiling. Inputs are plain records; intervals are drawn as bands or error bars.
/// </summary>
public static partial class Plots
{
    /// <summary>
    /// IIA against subspace size per direction (rows of several runs of one method and variable), with each
    /// direction's no-intervention control dashed. Nothing is drawn for fewer than two sizes. Rows carry no
    /// interval; use <see cref="IiaBySubspace(string, IReadOnlyList{CurveSeries}, string)"/> to draw bands.
    /// </summary>
    public static bool IiaBySubspace(string path, IReadOnlyList<ResultRow> rows)
    {
        var iia = rows.Where(r => r.Metric == "iia" && r.Condition is "intervention" or "no_intervention").ToList();
        if (iia.Select(r => r.SubspaceSize).Distinct().Count() < 2) return false;
        var series = iia.GroupBy(r => (r.Source, r.Target, r.Condition)).OrderBy(g => g.Key.Condition)
            .Select(g => new CurveSeries(
                $"{g.Key.Source} → {g.Key.Target}{(g.Key.Condition == "intervention" ? "" : " (no intervention)")}",
                g.GroupBy(r => r.SubspaceSize).Select(k => new CurvePoint(k.Key, k.Average(r => r.Value))).ToList(),
                Dashed: g.Key.Condition != "intervention"))
            .ToList();
        var methods = string.Join(", ", iia.Select(r => r.Method).Distinct());
        var variables = string.Join(", ", iia.Select(r => r.Variable).Distinct());
        IiaBySubspace(path, series, $"{methods}: IIA by subspace size, variable {variables}");
        return true;
    }

    /// <summary>The n × n matrix of a run's IIA: row = source, column = target; missing pairs are left blank.</summary>
    public static void IiaMatrix(string path, IReadOnlyList<ResultRow> rows, string title)
    {
        var iia = rows.Where(r => r.Metric == "iia" && r.Condition == "intervention").ToList();
        var names = iia.Select(r => r.Source).Concat(iia.Select(r => r.Target)).Distinct().ToList();
        var values = new double[names.Count, names.Count];
        for (var i = 0; i < names.Count; i++)
            for (var j = 0; j < names.Count; j++)
                values[i, j] = iia.FirstOrDefault(r => r.Source == names[i] && r.Target == names[j])?.Value ?? double.NaN;
        IiaMatrix(path, names, values, title);
    }

    /// <summary>
    /// The n × n IIA matrix: <paramref name="values"/><c>[source, target]</c> (NaN for a pair not run), each cell
    /// labelled with its value, a colour bar labelled IIA over [0, 1], axes titled source and target.
    /// </summary>
    public static void IiaMatrix(string path, IReadOnlyList<string> names, double[,] values, string title)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        var n = names.Count;
        if (values.GetLength(0) != n || values.GetLength(1) != n)
            throw new ArgumentException($"values is [{values.GetLength(0)}, {values.GetLength(1)}]: expected [{n}, {n}], one row and column per name", nameof(values));
        var plot = NewPlot(title);
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(0, 1);
        var bar = plot.Add.ColorBar(map);
        bar.Label = "IIA (held-out pairs)";
        bar.LabelStyle.FontSize = 16;
        bar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.2); // the default 0.05 steps crowd the bar
        bar.Axis.TickLabelStyle.FontSize = 14;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (!double.IsNaN(values[i, j]))
                {
                    var text = plot.Add.Text(values[i, j].ToString("0.00", CultureInfo.InvariantCulture), j, n - 1 - i);
                    // Viridis is dark below about 0.6: white text there, black on the light end.
                    text.LabelFontColor = values[i, j] < 0.6 ? Colors.White : Colors.Black;
                    text.LabelFontSize = 16;
                    text.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), names.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), names.ToArray());
        plot.XLabel("target system (receives the swapped subspace)");
        plot.YLabel("source system");
        Save(plot, path, 800, 650);
    }

    /// <summary>Training curve of a run: train and validation loss (left axis), and validation IIA (right axis), against step.</summary>
    public static void TrainingCurve(string path, IReadOnlyList<AlignmentProgress> history, string title)
    {
        if (history.Count == 0) return;
        var plot = NewPlot(title);
        var steps = history.Select(h => (double)h.Step).ToArray();
        var train = plot.Add.Scatter(steps, history.Select(h => h.TrainLoss).ToArray());
        train.LegendText = "train loss";
        var validation = plot.Add.Scatter(steps, history.Select(h => h.ValidationLoss).ToArray());
        validation.LegendText = "validation loss";
        var iia = plot.Add.Scatter(steps, history.Select(h => h.ValidationIia).ToArray());
        iia.LegendText = "validation IIA (teacher-forced, worst direction)";
        iia.LinePattern = LinePattern.Dashed;
        iia.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "validation IIA";
        plot.Axes.Right.Label.FontSize = 16;
        plot.Axes.Left.Label.Text = "loss";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.XLabel("training step");
        plot.ShowLegend(Edge.Bottom); // outside the data area, so it never covers a curve
        Save(plot, path, 1000, 600);
    }

    /// <summary>A plot with the house fonts: titles and axis labels large enough to read at print size.</summary>
    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title, 18);
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.Bottom.Label.FontSize = 16;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Right.TickLabelStyle.FontSize = 14;
        return plot;
    }

    /// <summary>
    /// Writes <paramref name="path"/> as PNG and the same figure as SVG beside it. Skia's SVG canvas has no dash effect (it
    /// prints "Unsupported path effect in addPaint." per dashed line and draws it solid anyway), so the SVG gets its dashed
    /// lines as solid, thinner ones; the PNG keeps the dashes.
    /// </summary>
    private static void Save(Plot plot, string path, int width, int height)
    {
        plot.SavePng(path, width, height);
        var dashed = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Where(s => !s.LinePattern.Equals(LinePattern.Solid)).Select(s => (Line: s, s.LinePattern, s.LineWidth)).ToList();
        foreach (var (line, _, width0) in dashed) (line.LinePattern, line.LineWidth) = (LinePattern.Solid, Math.Max(1, width0 / 2));
        try
        {
            plot.SaveSvg(Path.ChangeExtension(path, ".svg"), width, height);
        }
        finally
        {
            foreach (var (line, pattern, width0) in dashed) (line.LinePattern, line.LineWidth) = (pattern, width0);
        }
    }
}
