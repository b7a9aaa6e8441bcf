namespace NeuroMas.Recordings;

/// <summary>What a sample holds for a spiking unit: its spike count in the window, or that count divided by the window's length.</summary>
public enum SpikeMeasure
{
    /// <summary>Spikes in <c>[start, stop)</c>: comparable across samples only when windows have one length.</summary>
    Count,

    /// <summary>Spikes per second, count / (stop − start): for windows of different lengths.</summary>
    Rate,
}
