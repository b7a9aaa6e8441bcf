using Microsoft.Extensions.Configuration;

namespace NeuroMas.Recordings;

/// <summary>
/// Where <see cref="Hdf5RecordingReader"/> finds each part of a recording in an HDF5 file. The
/// defaults are the plain layout of <c>Recordings/README.md</c>; every path can be overridden.
/// The rank of the activity dataset picks the layout: <c>[samples, units]</c> or
/// <c>[trials, time, units]</c>.
/// </summary>
public sealed record Hdf5ReadOptions
{
    /// <summary>Activity dataset, <c>[samples, units]</c> or <c>[trials, time, units]</c>. Default <c>/activity</c>.</summary>
    [ConfigurationKeyName("activity_path")]
    public string ActivityPath { get; init; } = "/activity";

    /// <summary>
    /// Group whose datasets are all labels, each named by its dataset name. Used when
    /// <see cref="LabelPaths"/> is empty. Default <c>/labels</c>.
    /// </summary>
    [ConfigurationKeyName("labels_group_path")]
    public string LabelsGroupPath { get; init; } = "/labels";

    /// <summary>
    /// File label name → dataset path, for labels stored elsewhere or to read only some of them.
    /// When non-empty it replaces the scan of <see cref="LabelsGroupPath"/>. Default: empty.
    /// </summary>
    [ConfigurationKeyName("label_paths")]
    public Dictionary<string, string> LabelPaths { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Trial id dataset. Plain layout: required unless null (then each sample is its own trial).
    /// Trials × time layout: used when present, else the trial index. Default <c>/trial</c>.
    /// </summary>
    [ConfigurationKeyName("trial_path")]
    public string? TrialPath { get; init; } = "/trial";

    /// <summary>
    /// Step dataset. Plain layout: required unless null (then every step is 0).
    /// Trials × time layout: used when present, else the time index. Default <c>/step</c>.
    /// </summary>
    [ConfigurationKeyName("step_path")]
    public string? StepPath { get; init; } = "/step";

    /// <summary>
    /// Trials × time layout: trials end at different steps and the steps after each trial's end
    /// are padding (NaN activity, any label value such as <c>-1</c> or <c>""</c>), which is
    /// dropped. Without <see cref="LengthsPath"/> or <see cref="MaskPath"/> a trial ends after
    /// its last step with any finite activity. Implied by either of those paths. Default false.
    /// </summary>
    public bool Padded { get; init; }

    /// <summary>Trials × time layout: valid steps per trial, <c>[trials]</c> integers in <c>0..time</c>; steps from the length on are padding. Default: none.</summary>
    [ConfigurationKeyName("lengths_path")]
    public string? LengthsPath { get; init; }

    /// <summary>Trials × time layout: validity mask <c>[trials, time]</c> (bool or 0/1), false marks padding. Default: none.</summary>
    [ConfigurationKeyName("mask_path")]
    public string? MaskPath { get; init; }

    /// <summary>Whether padding is to be dropped (<see cref="Padded"/> or a lengths or mask dataset).</summary>
    public bool HasPadding => Padded || LengthsPath is not null || MaskPath is not null;

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ActivityPath))
            problems.Add("ActivityPath is empty");
        if (LabelPaths.Count == 0 && string.IsNullOrWhiteSpace(LabelsGroupPath))
            problems.Add("LabelsGroupPath is empty and no LabelPaths are given");
        foreach (var (name, path) in LabelPaths)
        {
            if (string.IsNullOrWhiteSpace(path))
                problems.Add($"LabelPaths[{name}] is empty");
        }
        if (TrialPath is { Length: 0 })
            problems.Add("TrialPath is empty (use null for none)");
        if (StepPath is { Length: 0 })
            problems.Add("StepPath is empty (use null for none)");
        if (LengthsPath is { Length: 0 } || MaskPath is { Length: 0 })
            problems.Add("LengthsPath or MaskPath is empty (use null for none)");
        if (LengthsPath is not null && MaskPath is not null)
            problems.Add("give LengthsPath or MaskPath, not both");
        return problems;
    }
}
