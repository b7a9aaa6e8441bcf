using System.Globalization;
using NeuroMas.Results;
using Spectre.Console;

namespace NeuroMas.Cli;

/// <summary>The end-of-run table: one line per run and direction, IIA beside its control and the similarity scores.</summary>
internal static class SummaryTable
{
    public static void Print(IReadOnlyList<ResultRow> rows)
    {
        if (!Terminal.Interactive) AnsiConsole.Profile.Width = 240;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in new[] { "method", "variable", "k", "seed", "cl", "source → target", "IIA [95% CI]", "p (shuffled)", "no interv.", "IIA changed", "decoding ceiling", "true IIA", "shuffled labels", "untrained net", "CKA", "RSA (Spearman)" })
            table.AddColumn(new TableColumn(Markup.Escape(c)).NoWrap());
        string F(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "";
        foreach (var run in rows.GroupBy(r => r.RunId))
        {
            var similarity = run.Where(r => r.Condition == "natural").ToList();
            foreach (var direction in run.Where(r => r.Metric == "iia").GroupBy(r => (r.Source, r.Target)))
            {
                var first = direction.First();
                double? Get(string condition, string metric = "iia") =>
                    run.FirstOrDefault(r => r.Source == first.Source && r.Target == first.Target && r.Condition == condition && r.Metric == metric)?.Value;
                string WithInterval(string condition) => Get(condition) is null ? ""
                    : Get(condition, "iia_ci_low") is { } low && Get(condition, "iia_ci_high") is { } high ? $"{F(Get(condition))} [{F(low)}, {F(high)}]" : F(Get(condition));
                var p = Get("intervention", "p_shuffled_labels");
                double? Sim(string metric) => similarity.FirstOrDefault(r => r.Metric == metric &&
                    ((r.Source == first.Source && r.Target == first.Target) || (r.Source == first.Target && r.Target == first.Source)))?.Value;
                var cl = run.FirstOrDefault(r => r.Metric == "cl_weight")?.Value;
                var decoding = (run.FirstOrDefault(r => r.Metric == "decoding_ceiling" && r.Source == first.Source && r.Variable == first.Variable)
                    ?? run.FirstOrDefault(r => r.Metric == "decoding_accuracy_pairs" && r.Source == first.Source && r.Variable == first.Variable)
                    ?? run.FirstOrDefault(r => r.Metric == "decoding_accuracy" && r.Source == first.Source && r.Variable == first.Variable))?.Value;
                table.AddRow(first.Method, first.Variable, first.SubspaceSize.ToString(CultureInfo.InvariantCulture),
                    first.Seed.ToString(CultureInfo.InvariantCulture), cl is { } w ? w.ToString("0.##", CultureInfo.InvariantCulture) : "",
                    Markup.Escape($"{first.Source} → {first.Target}"), Markup.Escape(WithInterval("intervention")), p is { } pv ? PValue(pv, Get("intervention", "permutations")) : "", F(Get("no_intervention")), F(Get("intervention_changed")) + (Get("intervention_changed", "above_ceiling") is 1 ? " *" : ""), F(decoding), F(Get("ground_truth")),
                    F(Get("shuffled_labels")), F(Get("untrained_network")), F(Sim("cka")), F(Sim("rsa_spearman")));
            }
        }
        AnsiConsole.Write(table);
        if (rows.Any(r => r.Metric == "above_ceiling" && r.Value == 1))
            Console.WriteLine("* IIA over the pairs the intervention had to change lies above the decoding ceiling's interval (best of linear and kNN from one sample)");
        PrintOverSeeds(rows);
    }

    /// <summary>"p &lt; 1/(n+1)" when no permutation reached the observed difference, else the p-value.</summary>
    private static string PValue(double p, double? permutations) =>
        permutations is { } n && p <= 1.0 / (n + 1) + 1e-12
            ? string.Create(CultureInfo.InvariantCulture, $"≤ {1.0 / (n + 1):0.0e0}")
            : p.ToString(p < 0.001 ? "0.0e0" : "0.000", CultureInfo.InvariantCulture);

    /// <summary>With more than one seed: each direction's IIA over seeds, mean ± sd and the t-interval on the mean (summary.csv).</summary>
    private static void PrintOverSeeds(IReadOnlyList<ResultRow> rows)
    {
        var iia = rows.Where(r => r.Metric == "iia" && r.Condition is "intervention" or "shuffled_labels" or "untrained_network" or "ground_truth").ToList();
        var summary = ResultsSummary.Summarise(iia).Where(s => s.Seeds > 1).ToList();
        if (summary.Count == 0) return;
        string F(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";
        var table = new Table().Border(TableBorder.Simple).Title("IIA over seeds (summary.csv)");
        foreach (var c in new[] { "method", "variable", "k", "setting", "source → target", "condition", "seeds", "mean ± sd", "95% CI of the mean" })
            table.AddColumn(Markup.Escape(c));
        foreach (var s in summary)
            table.AddRow(s.Key.Method, s.Key.Variable, s.Key.SubspaceSize.ToString(CultureInfo.InvariantCulture), s.Key.Setting, Markup.Escape($"{s.Key.Source} → {s.Key.Target}"),
                s.Key.Condition, s.Seeds.ToString(CultureInfo.InvariantCulture), $"{F(s.Mean)} ± {F(s.Sd)}", Markup.Escape($"[{F(s.CiLow)}, {F(s.CiHigh)}]"));
        AnsiConsole.Write(table);
    }
}
