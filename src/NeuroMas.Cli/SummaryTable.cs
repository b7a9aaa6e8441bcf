using System.Globalization;
using NeuroMas.Results;
using Spectre.Console;

namespace NeuroMas.Cli;

/// <summary>The end-of-run table: one line per run and direction, IIA beside its control and the similarity scores.</summary>
internal static class SummaryTable
{
    public static void Print(IReadOnlyList<ResultRow> rows)
    {
        if (!Terminal.Interactive) AnsiConsole.Profile.Width = 200;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in new[] { "method", "variable", "k", "seed", "cl", "source → target", "IIA", "no interv.", "IIA changed", "decoding", "true IIA", "shuffled labels", "untrained net", "CKA", "RSA (Spearman)" })
            table.AddColumn(c);
        string F(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "";
        foreach (var run in rows.GroupBy(r => r.RunId))
        {
            var similarity = run.Where(r => r.Condition == "natural").ToList();
            foreach (var direction in run.Where(r => r.Metric == "iia").GroupBy(r => (r.Source, r.Target)))
            {
                var first = direction.First();
                double? Get(string condition) => direction.FirstOrDefault(r => r.Condition == condition)?.Value;
                double? Sim(string metric) => similarity.FirstOrDefault(r => r.Metric == metric &&
                    ((r.Source == first.Source && r.Target == first.Target) || (r.Source == first.Target && r.Target == first.Source)))?.Value;
                var cl = run.FirstOrDefault(r => r.Metric == "cl_weight")?.Value;
                var decoding = (run.FirstOrDefault(r => r.Metric == "decoding_accuracy_pairs" && r.Source == first.Source && r.Variable == first.Variable)
                    ?? run.FirstOrDefault(r => r.Metric == "decoding_accuracy" && r.Source == first.Source && r.Variable == first.Variable))?.Value;
                table.AddRow(first.Method, first.Variable, first.SubspaceSize.ToString(CultureInfo.InvariantCulture),
                    first.Seed.ToString(CultureInfo.InvariantCulture), cl is { } w ? w.ToString("0.##", CultureInfo.InvariantCulture) : "",
                    Markup.Escape($"{first.Source} → {first.Target}"), F(Get("intervention")), F(Get("no_intervention")), F(Get("intervention_changed")), F(decoding), F(Get("ground_truth")),
                    F(Get("shuffled_labels")), F(Get("untrained_network")), F(Sim("cka")), F(Sim("rsa_spearman")));
            }
        }
        AnsiConsole.Write(table);
    }
}
