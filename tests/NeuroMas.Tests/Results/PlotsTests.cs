using System.Xml.Linq;
using NeuroMas.Alignment;
using NeuroMas.Results;

namespace NeuroMas.Tests.Results;

/// <summary>Each figure is written as PNG and SVG, from realistic numbers, with its axis titles in the SVG.</summary>
public class PlotsTests
{
    private static string Figures => Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.TestDirectory, "figures")).FullName;

    /// <summary>The SVG beside <paramref name="png"/>, checked to exist and parse, as the concatenation of its text.</summary>
    private static string SvgText(string png)
    {
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(5000), "a PNG with content");
        var svg = Path.ChangeExtension(png, ".svg");
        var document = XDocument.Load(svg);
        return string.Join(" ", document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
    }

    [Test]
    public void IiaBySubspace_WritesPngAndSvg_WithLogKAxisAndBands()
    {
        int[] ks = [1, 2, 4, 8, 16, 32];
        CurvePoint P(int k, double v, double half) => new(k, v, Math.Max(0, v - half), Math.Min(1, v + half));
        var series = new List<CurveSeries>
        {
            new("GRU seed 1 → GRU seed 2", ks.Select((k, i) => P(k, new[] { 0.12, 0.31, 0.62, 0.88, 0.97, 0.98 }[i], 0.04)).ToList()),
            new("GRU seed 2 → GRU seed 1", ks.Select((k, i) => P(k, new[] { 0.10, 0.27, 0.55, 0.84, 0.95, 0.97 }[i], 0.04)).ToList()),
            new("no intervention", ks.Select(k => new CurvePoint(k, 0.05)).ToList(), Dashed: true),
        };
        var path = Path.Combine(Figures, "iia-by-subspace.png");
        Plots.IiaBySubspace(path, series, "MAS, GRU seeds 1 and 2: IIA on count by subspace size");
        var text = SvgText(path);
        Assert.That(text, Does.Contain("subspace size k"));
        Assert.That(text, Does.Contain("IIA (held-out pairs"));
        Assert.That(text, Does.Contain("32"), "a tick at the largest k");
    }

    [Test]
    public void IiaMatrix_HasSourceAndTargetTitles_AndALabelledColourBar()
    {
        string[] names = ["GRU 1", "GRU 2", "LSTM 1", "Transformer 1"];
        var values = new double[,] { { double.NaN, 0.97, 0.81, 0.22 }, { 0.95, double.NaN, 0.78, 0.19 }, { 0.83, 0.80, double.NaN, 0.25 }, { 0.31, 0.28, 0.30, double.NaN } };
        var path = Path.Combine(Figures, "iia-matrix.png");
        Plots.IiaMatrix(path, names, values, "MAS, count, k = 16: IIA between networks");
        var text = SvgText(path);
        Assert.That(text, Does.Contain("target system"));
        Assert.That(text, Does.Contain("source system"));
        Assert.That(text, Does.Contain("IIA (held-out pairs)"), "the colour bar's label");
        Assert.Throws<ArgumentException>(() => Plots.IiaMatrix(path, names, new double[2, 2], "wrong shape"));
    }

    [Test]
    public void TrainingCurve_HasStepAxis_AndBothYAxisTitles()
    {
        var history = Enumerable.Range(0, 21).Select(i => new AlignmentProgress(i * 50, 1000, 2.5 * Math.Exp(-i / 5.0) + 0.1,
            2.6 * Math.Exp(-i / 5.5) + 0.15, 1 - 0.9 * Math.Exp(-i / 4.0), i * 3.0)).ToList();
        var path = Path.Combine(Figures, "training-curve.png");
        Plots.TrainingCurve(path, history, "MAS, GRU seed 1 → GRU seed 2, count, k = 16: training");
        var text = SvgText(path);
        Assert.That(text, Does.Contain("training step"));
        Assert.That(text, Does.Contain("validation IIA"));
        Assert.That(text, Does.Contain("loss"));
    }

    [Test]
    public void SubsamplingCurve_HasUnitsAxis_AndOneLegendEntryPerSeries()
    {
        int[] units = [8, 16, 32, 64, 96];
        CurveSeries S(string label, double[] v, double half) =>
            new(label, units.Select((u, i) => new CurvePoint(u, v[i], v[i] - half / Math.Sqrt(u / 8.0), Math.Min(1, v[i] + half / Math.Sqrt(u / 8.0)))).ToList());
        var series = new List<CurveSeries>
        {
            S("IIA (recording → GRU)", [0.21, 0.38, 0.57, 0.71, 0.76], 0.08),
            S("linear decoding of count", [0.18, 0.33, 0.55, 0.80, 0.90], 0.05),
            S("kNN decoding of count", [0.25, 0.45, 0.70, 0.88, 0.95], 0.05),
        };
        var path = Path.Combine(Figures, "subsampling.png");
        Plots.SubsamplingCurve(path, series, "CLMAS, recording sim-gru4 → GRU seed 1, count, k = 16: by units kept");
        var text = SvgText(path);
        Assert.That(text, Does.Contain("units kept"));
        Assert.That(text, Does.Contain("kNN decoding of count"));
        Assert.That(text, Does.Contain("96"));
    }

    [Test]
    public void IiaWithControls_DrawsEveryEstimate_WithItsLabel()
    {
        var bars = new List<IntervalBar>
        {
            new("intervention", 0.74, 0.70, 0.78, "IIA"),
            new("no intervention", 0.06, 0.04, 0.08, "control"),
            new("shuffled labels", 0.09, 0.06, 0.12, "control"),
            new("untrained GRU", 0.05, 0.03, 0.07, "control"),
            new("linear ceiling", 0.90, 0.88, 0.92, "decoding ceiling"),
            new("kNN ceiling", 0.95, 0.94, 0.96, "decoding ceiling"),
        };
        var path = Path.Combine(Figures, "iia-with-controls.png");
        Plots.IiaWithControls(path, bars, "CLMAS, recording sim-gru4 → GRU seed 1, count, k = 16", chance: 0.05);
        var text = SvgText(path);
        foreach (var label in new[] { "intervention", "shuffled labels", "kNN ceiling", "decoding ceiling", "accuracy (held-out, 95 % interval)" })
            Assert.That(text, Does.Contain(label));
    }
}
