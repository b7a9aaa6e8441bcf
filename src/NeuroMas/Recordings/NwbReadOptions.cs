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

    /// <summary>
    /// A <c>TimeIntervals</c> table with one row per sample (e.g. <c>/intervals/epochs</c> or a
    /// per-step table): each row's own <c>[start_time, stop_time)</c> is its window (lengths may
    /// differ), trial and step come from <see cref="TrialColumn"/> and <see cref="StepColumn"/>,
    /// labels from <see cref="LabelColumns"/> of this table. The trials table and the window
    /// options are then unused. Default: null (windows around trial events).
    /// </summary>
    [ConfigurationKeyName("samples_path")]
    public string? SamplesPath { get; init; }

    /// <summary>With <see cref="SamplesPath"/>: the column of trial ids, <c>[rows]</c> integers. Default <c>trial</c>.</summary>
    [ConfigurationKeyName("trial_column")]
    public string TrialColumn { get; init; } = "trial";

    /// <summary>With <see cref="SamplesPath"/>: the column of steps; null (default): a row's order within its trial (0, 1, …).</summary>
    [ConfigurationKeyName("step_column")]
    public string? StepColumn { get; init; }

    /// <summary>Spikes as counts (default) or rates (count / window length, for windows of different lengths).</summary>
    public SpikeMeasure Spikes { get; init; } = SpikeMeasure.Count;

    /// <summary>Units-table column that selects units, <c>[units]</c>, e.g. a sorter's <c>quality</c>. Default: null (every unit).</summary>
    [ConfigurationKeyName("unit_column")]
    public string? UnitColumn { get; init; }

    /// <summary>Values of <see cref="UnitColumn"/> whose units are kept, as text (e.g. <c>[good]</c>, <c>[1]</c>). Required with it.</summary>
    [ConfigurationKeyName("unit_values")]
    public List<string> UnitValues { get; init; } = [];

    /// <summary>A window outside a unit's <c>obs_intervals</c> (when the units table has them): an error (default) or the sample excluded.</summary>
    [ConfigurationKeyName("outside_observed")]
    public OutsideObserved OutsideObserved { get; init; } = OutsideObserved.Error;

    /// <summary>The resolved shift between windows, seconds.</summary>
    public double Stride => WindowStride ?? (WindowStop ?? WindowStart) - WindowStart;

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (UnitColumn is not null && (string.IsNullOrWhiteSpace(UnitColumn) || UnitValues.Count == 0))
            problems.Add("UnitColumn needs a column name and at least one of UnitValues");
        if (SamplesPath is not null)
        {
            if (string.IsNullOrWhiteSpace(SamplesPath))
                problems.Add("SamplesPath is empty (use null for windows around trial events)");
            if (string.IsNullOrWhiteSpace(TrialColumn))
                problems.Add("TrialColumn is empty");
            if (StepColumn is { Length: 0 })
                problems.Add("StepColumn is empty (use null for the row order within each trial)");
            if (Windows != 1 || WindowStop is not null || WindowStride is not null || WindowStart != 0)
                problems.Add("Windows, WindowStart, WindowStop and WindowStride do not apply with SamplesPath (each row is its own window)");
            if (LabelColumns.Any(string.IsNullOrWhiteSpace))
                problems.Add("LabelColumns has an empty name");
            return problems;
        }
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
