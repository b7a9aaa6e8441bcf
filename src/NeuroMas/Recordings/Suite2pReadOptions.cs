using Microsoft.Extensions.Configuration;

namespace NeuroMas.Recordings;

/// <summary>
/// What <see cref="Suite2pRecordingReader"/> reads from a suite2p plane folder
/// (<c>suite2p/plane0</c>): a trace array <c>[rois, frames]</c> (<c>F.npy</c>, <c>spks.npy</c>, …),
/// <c>iscell.npy</c> to keep cells, and an events table. <c>ops.npy</c> (a pickled dict) is not
/// read, so the frame rate is an option.
/// </summary>
public sealed record Suite2pReadOptions
{
    /// <summary>The per-sample events table (windows in seconds on the imaging clock).</summary>
    public EventsTableOptions Events { get; init; } = new();

    /// <summary>Trace file in the folder, <c>[rois, frames]</c>: <c>F.npy</c> (default), <c>spks.npy</c> (deconvolved) or <c>Fneu.npy</c>.</summary>
    [ConfigurationKeyName("activity_file")]
    public string ActivityFile { get; init; } = "F.npy";

    /// <summary>Imaging frame rate in Hz (suite2p's <c>ops['fs']</c>). Required.</summary>
    [ConfigurationKeyName("frame_rate")]
    public double? FrameRate { get; init; }

    /// <summary>Time of frame 0 in seconds on the events table's clock. Default 0.</summary>
    [ConfigurationKeyName("first_frame_time")]
    public double FirstFrameTime { get; init; }

    /// <summary>Keep only ROIs classified as cells (<c>iscell.npy</c> column 0 = 1). Default true.</summary>
    [ConfigurationKeyName("cells_only")]
    public bool CellsOnly { get; init; } = true;

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Events.Validate());
        if (FrameRate is not { } rate)
            problems.Add("FrameRate is not set: suite2p keeps it in ops.npy (a pickle NeuroMas does not read): set frame_rate (Hz)");
        else if (!(rate > 0 && double.IsFinite(rate)))
            problems.Add($"FrameRate is {rate}: expected a positive number of Hz");
        if (!double.IsFinite(FirstFrameTime))
            problems.Add($"FirstFrameTime is {FirstFrameTime}: expected seconds");
        if (string.IsNullOrWhiteSpace(ActivityFile) || !ActivityFile.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            problems.Add($"ActivityFile '{ActivityFile}': expected a .npy file in the folder, such as F.npy or spks.npy");
        return problems;
    }
}
