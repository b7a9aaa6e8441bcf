namespace NeuroMas.Alignment;

/// <summary>
/// Where a trainer keeps its mid-run state (maps, optimiser, best maps, history) so a killed run resumes from
/// its last validation instead of from scratch. The trainer only reads and writes streams; the caller decides
/// where they live (Results.FileCheckpointStore writes a file atomically).
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The saved state, or null when there is none.</summary>
    Stream? OpenRead();

    /// <summary>Replaces the saved state with what <paramref name="write"/> writes, all or nothing.</summary>
    void Write(Action<Stream> write);
}
