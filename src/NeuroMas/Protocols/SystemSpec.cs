using Microsoft.Extensions.Configuration;
using NeuroMas.Recordings;

namespace NeuroMas.Protocols;

/// <summary>A system named in a protocol: a network checkpoint (accessible) or a recording (inaccessible).</summary>
public sealed record SystemSpec
{
    /// <summary>Name used in results; defaults to the checkpoint or recording file name.</summary>
    public string? Name { get; init; }

    /// <summary>Path of a <c>.nmck</c> checkpoint, relative to the protocol file.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>A network the protocol trains itself: the name of an entry of the protocol's <c>networks:</c>.</summary>
    public string? Trained { get; init; }

    /// <summary>
    /// The system's group (e.g. the data a language model was fine-tuned on): a MAS run over systems with groups also
    /// reports the mean IIA, CKA and RSA within and across groups, with bootstrap intervals over the systems.
    /// </summary>
    public string? Group { get; init; }

    /// <summary>A network trained elsewhere (e.g. PyTorch): its weights and spec (<c>network: {file, spec}</c>), an accessible system.</summary>
    public ImportedNetworkFile? Network { get; init; }

    /// <summary>
    /// Replace the checkpoint's weights by a fresh initialisation of the same architecture (the
    /// untrained-network control).
    /// </summary>
    public bool Untrained { get; init; }

    /// <summary>Seed of the untrained initialisation.</summary>
    [ConfigurationKeyName("untrained_seed")]
    public int UntrainedSeed { get; init; } = 1;

    /// <summary>Path of a recording (.h5/.hdf5, .nwb or .csv file, or a Kilosort/suite2p folder), relative to the protocol file: an inaccessible system.</summary>
    public string? Recording { get; init; }

    /// <summary>How the recording's own label names and values map onto the causal variables.</summary>
    public LabelMap Labels { get; init; } = new();

    /// <summary>HDF5 dataset paths (plain or trials × time layout).</summary>
    public Hdf5ReadOptions Hdf5 { get; init; } = new();

    /// <summary>NWB: units/trials tables, windows, traces.</summary>
    public NwbReadOptions Nwb { get; init; } = new();

    /// <summary>CSV: unit and label columns (by default units are the columns starting with <c>u</c>, labels count and phase).</summary>
    public CsvReadOptions? Csv { get; init; }

    /// <summary>A Kilosort/Phy output folder: events table, sampling rate, curation labels kept.</summary>
    public KilosortReadOptions Kilosort { get; init; } = new();

    /// <summary>A suite2p plane folder: events table, frame rate, which traces.</summary>
    public Suite2pReadOptions Suite2p { get; init; } = new();

    /// <summary>
    /// For a recording simulated by <c>neuromas record</c>: the checkpoint it was recorded from. The observation
    /// map is read from the file's <c>/ground_truth</c> group, and the true IIA into the recording is reported.
    /// </summary>
    [ConfigurationKeyName("ground_truth")]
    public string? GroundTruth { get; init; }

    /// <summary>
    /// A network treated as inaccessible (docs/method.md, "What must come out true"'s validation case): only its states at every position of
    /// <see cref="RecordedTrials"/> natural sequences, labelled with their causal states, take part, as a recording's
    /// samples would; the true IIA into it is scored by running it.
    /// </summary>
    public bool Inaccessible { get; init; }

    /// <summary>An inaccessible network: the natural sequences whose states are its samples.</summary>
    [ConfigurationKeyName("recorded_trials")]
    public int RecordedTrials { get; init; } = 600;

    /// <summary>An inaccessible network: seed of those sequences.</summary>
    [ConfigurationKeyName("recorded_seed")]
    public int RecordedSeed { get; init; } = 1;

    public bool IsRecording => Recording is not null;

    /// <summary>A recording, or a network marked inaccessible: a system that only offers labelled samples.</summary>
    public bool IsInaccessible => IsRecording || Inaccessible;

    /// <summary>How to read <see cref="Recording"/>: this system's reader options and label map.</summary>
    public RecordingReadOptions ReadOptions() => new() { Hdf5 = Hdf5, Nwb = Nwb, Csv = Csv, Kilosort = Kilosort, Suite2p = Suite2p, Labels = Labels };
}
