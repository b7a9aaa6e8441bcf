using Spectre.Console;

namespace NeuroMas.Cli;

/// <summary>Whether to draw live progress (a terminal) or print plain lines (CI, logs, pipes).</summary>
internal static class Terminal
{
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> with a progress bar, or with plain progress lines when not interactive.</summary>
    public static T WithProgress<T>(string title, double total, Func<Action<double, string>, T> work)
    {
        if (!Interactive)
        {
            var last = DateTime.MinValue;
            return work((value, text) =>
            {
                if ((DateTime.UtcNow - last).TotalSeconds < 2 && value < total) return;
                last = DateTime.UtcNow;
                Console.WriteLine($"{title}: {value:0}/{total:0} {text}");
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(title, maxValue: total);
                result = work((value, text) =>
                {
                    bar.Value = value;
                    bar.Description = $"{title} {Markup.Escape(text)}";
                });
                bar.Value = total;
            });
        return result;
    }
}
