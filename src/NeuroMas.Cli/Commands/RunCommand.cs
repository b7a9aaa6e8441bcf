using System.CommandLine;
using System.Globalization;
using NeuroMas.Alignment;
using NeuroMas.Cluster;
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
        var runIndex = new Option<int?>("--run-index")
        {
            Description = "Run only this run of the plan (0-based, as neuromas plan lists them), as a cluster task does: writes its own run folder, not results.csv.",
        };
        var command = new Command("run", "Run a lab protocol: align systems, score IIA, CKA and RSA, write CSV, manifests and plots.") { protocol, overrides, runIndex };
        command.SetAction((parse, cancel) =>
        {
            var given = parse.GetValue(overrides) ?? [];
            var loaded = ProtocolLoader.Load(parse.GetValue(protocol)!, given);
            if (parse.GetValue(runIndex) is { } index) return Task.FromResult(RunOne(loaded, given, index, cancel));
            var summary = Run(loaded, runner => runner.Run(cancel));
            SummaryTable.Print(summary.Rows);
            GroupTable.Print(summary);
            Console.WriteLine($"results: {summary.ResultsCsv} ({summary.Rows.Count} rows; {summary.Runs.Count} runs, {summary.Skipped} already done)");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// One run of the plan (a job array task). Where the output folder holds a plan (neuromas plan), the protocol must
    /// still make the planned runs, so the index means the run the plan says. Exit 1 when stopped before the run finished.
    /// </summary>
    private static int RunOne(LoadedProtocol loaded, IReadOnlyList<string> overrides, int index, CancellationToken cancel)
    {
        ProtocolValidator.ThrowIfInvalid(loaded);
        if (PlanFile.TryRead(loaded.Options.Output) is { } plan) PlanFile.Check(plan, loaded, overrides, RunPlan.Expand(loaded));
        var summary = Run(loaded, runner => runner.RunOne(index, cancel));
        var run = summary.Runs[0];
        if (!RunMerge.IsDone(loaded.Options.Output, run.Id))
        {
            Console.Error.WriteLine($"error: run {index} {run.Id}: stopped before it finished (its training state is saved: running it again resumes it)");
            return 1;
        }
        SummaryTable.Print(summary.Rows);
        Console.WriteLine($"run {index}: {run.Id} {(summary.Skipped > 0 ? "already done" : "done")}; rows: {summary.ResultsCsv}");
        return 0;
    }

    /// <summary>Progress bars in a terminal, plain lines elsewhere (CI, logs, cluster tasks).</summary>
    private static ProtocolSummary Run(LoadedProtocol loaded, Func<ProtocolRunner, ProtocolSummary> run) =>
        Terminal.Interactive ? RunWithProgressBars(loaded, run) : run(new ProtocolRunner(loaded, new ConsoleObserver(), KillSwitch.Checkpoints()));

    /// <summary>In a terminal: one bar for the sweep and one for the run in training, each with its ETA.</summary>
    private static ProtocolSummary RunWithProgressBars(LoadedProtocol loaded, Func<ProtocolRunner, ProtocolSummary> run)
    {
        ProtocolSummary summary = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => summary = run(new ProtocolRunner(loaded, new BarObserver(context))));
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

        public void Note(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));
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

        public void Note(string message) => Console.WriteLine(message);

        public void Finished(RunSpec run, int index, IReadOnlyList<ResultRow> rows, AlignmentResult result) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{index + 1}/{_total}] {run.Id}: done in {result.Seconds:0.0}s, {result.Steps} steps, {result.SecondsPerStep * 1000:0.0} ms/step{Answer(result)}"));

        private static string Answer(AlignmentResult result) => result.TimeToAnswer is { } at
            ? string.Create(CultureInfo.InvariantCulture, $", validation IIA >= {AlignmentResult.AnswerIia} in every direction at step {at.Step} ({at.Seconds:0.0}s)")
            : "";
    }
}
