using System.Globalization;
using AlignmentProgress = NeuroMas.Alignment.AlignmentProgress;
using ScottPlot;

namespace NeuroMas.Results;

/// <summary>PNG figures beside the results (ScottPlot): IIA against subspace size, the n × n IIA matrix, training curves.</summary>
public static class Plots
{
    /// <summary>
    /// IIA against subspace size per direction (rows of several runs of one method and variable), with each
    /// direction's no-intervention control dashed. Nothing is drawn for fewer than two sizes.
    /// </summary>
    public static bool IiaBySubspace(string path, IReadOnlyList<ResultRow> rows)
    {
        var iia = rows.Where(r => r.Metric == "iia" && r.Condition is "intervention" or "no_intervention").ToList();
        if (iia.Select(r => r.SubspaceSize).Distinct().Count() < 2) return false;
        var plot = new Plot();
        foreach (var direction in iia.GroupBy(r => (r.Source, r.Target, r.Condition)).OrderBy(g => g.Key.Condition))
        {
            var points = direction.GroupBy(r => r.SubspaceSize).OrderBy(g => g.Key).ToList();
            var line = plot.Add.Scatter(points.Select(g => (double)g.Key).ToArray(), points.Select(g => g.Average(r => r.Value)).ToArray());
            line.LegendText = $"{direction.Key.Source} → {direction.Key.Target}{(direction.Key.Condition == "intervention" ? "" : " (no intervention)")}";
            if (direction.Key.Condition != "intervention") line.LinePattern = LinePattern.Dashed;
        }
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Title("IIA by subspace size");
        plot.XLabel("subspace size k (aligned dimensions swapped)");
        plot.YLabel("IIA (held-out pairs, free-running)");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(path, 900, 600);
        return true;
    }

    /// <summary>The n × n matrix of a run's IIA: row = source, column = target.</summary>
    public static void IiaMatrix(string path, IReadOnlyList<ResultRow> rows, string title)
    {
        var iia = rows.Where(r => r.Metric == "iia" && r.Condition == "intervention").ToList();
        var names = iia.Select(r => r.Source).Concat(iia.Select(r => r.Target)).Distinct().ToList();
        var values = new double[names.Count, names.Count];
        for (var i = 0; i < names.Count; i++)
            for (var j = 0; j < names.Count; j++)
                values[i, j] = iia.FirstOrDefault(r => r.Source == names[i] && r.Target == names[j])?.Value ?? double.NaN;
        var plot = new Plot();
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(map);
        for (var i = 0; i < names.Count; i++)
            for (var j = 0; j < names.Count; j++)
                if (!double.IsNaN(values[i, j]))
                {
                    var text = plot.Add.Text(values[i, j].ToString("0.00", CultureInfo.InvariantCulture), j, names.Count - 1 - i);
                    text.LabelFontColor = Colors.White;
                    text.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, names.Count).Select(i => (double)i).ToArray(), names.Select(n => "→ " + n).ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, names.Count).Select(i => (double)(names.Count - 1 - i)).ToArray(), names.ToArray());
        plot.Title(title);
        plot.SavePng(path, 700, 600);
    }

    /// <summary>Training curve of a run: train and validation loss, and validation IIA, against step.</summary>
    public static void TrainingCurve(string path, IReadOnlyList<AlignmentProgress> history, string title)
    {
        if (history.Count == 0) return;
        var plot = new Plot();
        var steps = history.Select(h => (double)h.Step).ToArray();
        var train = plot.Add.Scatter(steps, history.Select(h => h.TrainLoss).ToArray());
        train.LegendText = "train loss";
        var validation = plot.Add.Scatter(steps, history.Select(h => h.ValidationLoss).ToArray());
        validation.LegendText = "validation loss";
        var iia = plot.Add.Scatter(steps, history.Select(h => h.ValidationIia).ToArray());
        iia.LegendText = "validation IIA (teacher-forced, worst trained direction)";
        iia.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "validation IIA";
        plot.Axes.Left.Label.Text = "loss";
        plot.XLabel("step");
        plot.Title(title);
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
        plot.SavePng(path, 900, 500);
    }
}
