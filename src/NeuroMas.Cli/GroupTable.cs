using System.Globalization;
using NeuroMas.Protocols;
using Spectre.Console;

namespace NeuroMas.Cli;

/// <summary>The case study's view of a protocol: probe-set accuracies, each MAS run's IIA matrix, and the within- against across-group means.</summary>
internal static class GroupTable
{
    public static void Print(ProtocolSummary summary)
    {
        string F(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";
        if (summary.Probes.Count > 0)
        {
            var probes = new Table().Border(TableBorder.Simple).Title("probe-set accuracy (networks.csv)");
            foreach (var c in new[] { "system", "group", "trained on", "sequences", "trial accuracy", "token accuracy" }) probes.AddColumn(c);
            foreach (var p in summary.Probes)
                probes.AddRow(Markup.Escape(p.System), Markup.Escape(p.Group), Markup.Escape(p.TrainedOn), p.Sequences.ToString(CultureInfo.InvariantCulture), F(p.Trial), F(p.Token));
            AnsiConsole.Write(probes);
        }
        foreach (var run in summary.Rows.GroupBy(r => r.RunId).Where(g => g.Any(r => r.Condition == "groups")))
        {
            var iia = run.Where(r => r.Condition == "intervention" && r.Metric == "iia").ToList();
            var systems = iia.Select(r => r.Source).Distinct().ToList();
            var matrix = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"IIA, source (row) → target (column): {run.Key}"));
            matrix.AddColumn("source \\ target");
            foreach (var s in systems) matrix.AddColumn(Markup.Escape(s));
            foreach (var source in systems)
                matrix.AddRow([Markup.Escape(source), .. systems.Select(t => F(iia.FirstOrDefault(r => r.Source == source && r.Target == t)?.Value ?? double.NaN))]);
            AnsiConsole.Write(matrix);
            var contrast = new Table().Border(TableBorder.Simple).Title("within against across groups (95% CI, systems resampled)");
            foreach (var c in new[] { "score", "within", "across", "within − across" }) contrast.AddColumn(c);
            string Cell(string metric) => run.FirstOrDefault(r => r.Metric == metric) is { } v
                ? Markup.Escape($"{F(v.Value)} [{F(run.First(r => r.Metric == metric + "_ci_low").Value)}, {F(run.First(r => r.Metric == metric + "_ci_high").Value)}]") : "";
            foreach (var score in new[] { "iia", "cka", "rsa_spearman" }.Where(s => run.Any(r => r.Metric == s + "_within")))
                contrast.AddRow(score, Cell(score + "_within"), Cell(score + "_across"), Cell(score + "_within_minus_across"));
            AnsiConsole.Write(contrast);
        }
    }
}
