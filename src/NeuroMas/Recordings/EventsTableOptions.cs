using Microsoft.Extensions.Configuration;

namespace NeuroMas.Recordings;

/// <summary>
/// The CSV table that turns a sorter's or imaging pipeline's continuous output into samples: one
/// row per sample with its window (start and stop in seconds on the recording's clock), trial,
/// step and labels. Used by <see cref="KilosortReadOptions"/> and <see cref="Suite2pReadOptions"/>.
/// </summary>
public sealed record EventsTableOptions
{
    /// <summary>The table, relative to the recording folder unless rooted. Default <c>events.csv</c>.</summary>
    public string Path { get; init; } = "events.csv";

    /// <summary>Window start column, seconds. Default <c>start</c>.</summary>
    [ConfigurationKeyName("start_column")]
    public string StartColumn { get; init; } = "start";

    /// <summary>Window stop column (exclusive), seconds. Default <c>stop</c>.</summary>
    [ConfigurationKeyName("stop_column")]
    public string StopColumn { get; init; } = "stop";

    /// <summary>Trial id column, integers. Default <c>trial</c>.</summary>
    [ConfigurationKeyName("trial_column")]
    public string TrialColumn { get; init; } = "trial";

    /// <summary>Step column, integers; null (default): a row's order within its trial.</summary>
    [ConfigurationKeyName("step_column")]
    public string? StepColumn { get; init; }

    /// <summary>Columns read as labels (integers, or text for a <see cref="LabelMap"/>). Default: none.</summary>
    [ConfigurationKeyName("label_columns")]
    public List<string> LabelColumns { get; init; } = [];

    /// <summary>Field separator. Default <c>,</c>.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
            problems.Add("events Path is empty");
        if (new[] { StartColumn, StopColumn, TrialColumn }.Any(string.IsNullOrWhiteSpace) || StepColumn is { Length: 0 }
            || LabelColumns.Any(string.IsNullOrWhiteSpace))
            problems.Add("an events column name is empty (StepColumn: use null for the row order)");
        if (Separator is '"' or '\r' or '\n' || Separator > 127)
            problems.Add($"events Separator '{Separator}' is not usable");
        return problems;
    }
}
