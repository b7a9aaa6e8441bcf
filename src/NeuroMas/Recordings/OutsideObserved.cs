namespace NeuroMas.Recordings;

/// <summary>
/// What to do with a sample whose window is not inside a unit's observed time (NWB
/// <c>obs_intervals</c>): the unit's count there is unknown, not zero, so it is never read as zero.
/// </summary>
public enum OutsideObserved
{
    /// <summary>Refuse the file, naming the sample, the unit and its observed intervals.</summary>
    Error,

    /// <summary>Leave the sample out (counted in <see cref="Recording.DroppedSamples"/>).</summary>
    Exclude,
}
