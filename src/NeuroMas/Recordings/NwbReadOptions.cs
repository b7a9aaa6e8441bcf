using Microsoft.Extensions.Configuration;

namespace NeuroMas.Recordings;

/// <summary>
/// What <see cref="NwbRecordingReader"/> reads from an NWB 2.x file. Samples are taken around an
/// event time per trial (a column of the trials table), <see cref="Windows"/> per trial: window
/// <c>k</c> spans <c>[event + WindowStart + k·stride, event + WindowStop + k·stride)</c> seconds
/// and becomes the sample with step <c>k</c>. With <see cref="TracesPath"/> unset, a sample is
/// the spike count of each unit of <c>/units</c> in the window; with it set, a sample is the row
/// of the series' <c>data</c> at the time bin nearest <c>event + WindowStart + k·stride</c>.
/// </summary>
public sealed record NwbReadOptions
{
    /// <summary>Trials table (an NWB <c>TimeIntervals</c> group). Default <c>/intervals/trials</c>.</summary>
    [ConfigurationKeyName("trials_path")]
    public string TrialsPath { get; init; } = "/intervals/trials";

    /// <summary>Trials-table column holding the event time in seconds, <c>[trials]</c>. Default <c>start_time</c>.</summary>
    [ConfigurationKeyName("event_column")]
    public string EventColumn { get; init; } = "start_time";

    /// <summary>
    /// Trials-table columns to read as labels, each <c>[trials]</c> (one value per trial, given to
    /// all its windows) or <c>[trials, windows]</c> (one per window); numeric or string. Default: none.
    /// </summary>
    [ConfigurationKeyName("label_columns")]
    public List<string> LabelColumns { get; init; } = [];

    /// <summary>Start of window 0 relative to the event, seconds. Default 0.</summary>
    [ConfigurationKeyName("window_start")]
    public double WindowStart { get; init; }

    /// <summary>End (exclusive) of window 0 relative to the event, seconds. Required for spike counts.</summary>
    [ConfigurationKeyName("window_stop")]
    public double? WindowStop { get; init; }

    /// <summary>Windows (samples) per trial. Default 1.</summary>
    public int Windows { get; init; } = 1;

    /// <summary>Shift between consecutive windows, seconds. Default: the window length (adjacent windows).</summary>
    [ConfigurationKeyName("window_stride")]
    public double? WindowStride { get; init; }

    /// <summary>Units table with <c>spike_times</c> and <c>spike_times_index</c>. Default <c>/units</c>.</summary>
    [ConfigurationKeyName("units_path")]
    public string UnitsPath { get; init; } = "/units";

    /// <summary>
    /// A <c>TimeSeries</c> group (e.g. <c>/processing/ophys/Fluorescence/RoiResponseSeries</c>)
    /// with <c>data</c> <c>[time, units]</c> and either <c>timestamps</c> <c>[time]</c> or
    /// <c>starting_time</c> with a <c>rate</c> attribute. Null (default): count spikes instead.
    /// </summary>
    [ConfigurationKeyName("traces_path")]
    public string? TracesPath { get; init; }

    /// <summary>The resolved shift between windows, seconds.</summary>
    public double Stride => WindowStride ?? (WindowStop ?? WindowStart) - WindowStart;

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(TrialsPath))
            problems.Add("TrialsPath is empty");
        if (string.IsNullOrWhiteSpace(EventColumn))
            problems.Add("EventColumn is empty");
        if (Windows < 1)
            problems.Add($"Windows is {Windows}: expected at least 1");
        if (!double.IsFinite(WindowStart))
            problems.Add($"WindowStart is {WindowStart}: expected a finite number of seconds");
        if (TracesPath is null)
        {
            if (string.IsNullOrWhiteSpace(UnitsPath))
                problems.Add("UnitsPath is empty");
            if (WindowStop is not { } stop)
                problems.Add("WindowStop is not set: spike counts need a window end");
            else if (!(stop > WindowStart))
                problems.Add($"WindowStop is {stop}: expected more than WindowStart ({WindowStart})");
        }
        if (Windows > 1 && !(Stride > 0))
            problems.Add($"window stride is {Stride}: several windows need a positive WindowStride (or WindowStop)");
        if (WindowStride is { } w && !(w > 0))
            problems.Add($"WindowStride is {w}: expected a positive number of seconds");
        if (LabelColumns.Any(string.IsNullOrWhiteSpace))
            problems.Add("LabelColumns has an empty name");
        return problems;
    }
}
