using System.CommandLine;
using System.Globalization;
using NeuroMas.Alignment;
using NeuroMas.Protocols;
using NeuroMas.Results;
using Spectre.Console;

namespace NeuroMas.Cli.Commands;

/// <summary><c>neuromas run</c>: runs a protocol (YAML/JSON) with optional key=value overrides.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var protocol = new Argument<string>("protocol") { Description = "A protocol file, e.g. protocols/quickstart.yaml." };
        var overrides = new Argument<string[]>("overrides") { Description = "key=value overrides, e.g. output=runs/x seeds=1,2.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run a lab protocol: align systems, score IIA, CKA and RSA, write CSV, manifests and plots.") { protocol, overrides };
        command.SetAction((parse, cancel) =>
        {
            var loaded = ProtocolLoader.Load(parse.GetValue(protocol)!, parse.GetValue(overrides));
            var summary = Terminal.Interactive ? RunWithProgressBars(loaded, cancel) : new ProtocolRunner(loaded, new ConsoleObserver(), KillSwitch.Checkpoints()).Run(cancel);
            SummaryTable.Print(summary.Rows);
            Console.WriteLine($"results: {summary.ResultsCsv} ({summary.Rows.Count} rows; {summary.Runs.Count} runs, {summary.Skipped} already done)");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>In a terminal: one bar for the sweep and one for the run in training, each with its ETA.</summary>
    private static ProtocolSummary RunWithProgressBars(LoadedProtocol loaded, CancellationToken cancel)
    {
        ProtocolSummary summary = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => summary = new ProtocolRunner(loaded, new BarObserver(context)).Run(cancel));
        return summary;
    }

    private sealed class BarObserver(ProgressContext context) : IRunObserver
    {
        private ProgressTask? _sweep;
        private ProgressTask? _run;

        public void Planned(IReadOnlyList<RunSpec> runs) => _sweep = context.AddTask("sweep", maxValue: runs.Count);

        public void Started(RunSpec run, int index)
        {
            _run?.StopTask();
            _run = context.AddTask(Markup.Escape(run.Id), maxValue: run.Options.MaxSteps);
        }

        public void Skipped(RunSpec run, int index) => _sweep?.Increment(1);

        public void Resumed(RunSpec run, int index) => _run!.Description = Markup.Escape(run.Id + " (resumed)");

        public void Progress(RunSpec run, AlignmentProgress p)
        {
            if (_run is null) return;
            _run.Value = p.Step;
            _run.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{run.Id}{(p.Part is null ? "" : $" control {p.Part}")} val_iia {p.ValidationIia:0.000}"));
        }

        public void Finished(RunSpec run, int index, IReadOnlyList<ResultRow> rows, AlignmentResult result)
        {
            if (_run is not null) { _run.Value = _run.MaxValue; _run.StopTask(); }
            _sweep?.Increment(1);
        }

        public void Warning(string message) => AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
    }

    /// <summary>Plain progress lines for each run (CI, logs, pipes).</summary>
    private sealed class ConsoleObserver : IRunObserver
    {
        private int _total;
        private DateTime _last = DateTime.MinValue;

        public void Planned(IReadOnlyList<RunSpec> runs)
        {
            _total = runs.Count;
            Console.WriteLine($"{runs.Count} run(s) planned");
        }

        public void Started(RunSpec run, int index) => Console.WriteLine($"[{index + 1}/{_total}] {run.Id}: training");

        public void Skipped(RunSpec run, int index) => Console.WriteLine($"[{index + 1}/{_total}] {run.Id}: already done, skipped");

        public void Resumed(RunSpec run, int index) => Console.WriteLine($"[{index + 1}/{_total}] {run.Id}: resumed from its saved training state");

        public void Progress(RunSpec run, AlignmentProgress p)
        {
            if ((DateTime.UtcNow - _last).TotalSeconds < (Terminal.Interactive ? 0.5 : 5)) return;
            _last = DateTime.UtcNow;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {(p.Part is null ? "" : $"control {p.Part}: ")}step {p.Step} loss {p.TrainLoss:0.0000} val_loss {p.ValidationLoss:0.0000} val_iia {p.ValidationIia:0.000} ({p.Seconds:0}s)"));
        }

        public void Warning(string message) => Console.Error.WriteLine($"warning: {message}");

        public void Finished(RunSpec run, int index, IReadOnlyList<ResultRow> rows, AlignmentResult result) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{index + 1}/{_total}] {run.Id}: done in {result.Seconds:0.0}s, {result.Steps} steps, {result.SecondsPerStep * 1000:0.0} ms/step"));
    }
}
