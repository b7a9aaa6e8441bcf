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
    public string ActivityPath { get; init; } = "/activity";

    /// <summary>
    /// Group whose datasets are all labels, each named by its dataset name. Used when
    /// <see cref="LabelPaths"/> is empty. Default <c>/labels</c>.
    /// </summary>
    public string LabelsGroupPath { get; init; } = "/labels";

    /// <summary>
    /// File label name → dataset path, for labels stored elsewhere or to read only some of them.
    /// When non-empty it replaces the scan of <see cref="LabelsGroupPath"/>. Default: empty.
    /// </summary>
    public Dictionary<string, string> LabelPaths { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Trial id dataset. Plain layout: required unless null (then each sample is its own trial).
    /// Trials × time layout: used when present, else the trial index. Default <c>/trial</c>.
    /// </summary>
    public string? TrialPath { get; init; } = "/trial";

    /// <summary>
    /// Step dataset. Plain layout: required unless null (then every step is 0).
    /// Trials × time layout: used when present, else the time index. Default <c>/step</c>.
    /// </summary>
    public string? StepPath { get; init; } = "/step";

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
        return problems;
    }
}
