using NeuroMas.Alignment;

namespace NeuroMas.Results;

/// <summary>A run's mid-run training state in one file, replaced atomically at every validation.</summary>
public sealed class FileCheckpointStore(string path) : ICheckpointStore
{
    public string Path { get; } = path;

    public Stream? OpenRead() => File.Exists(Path) ? File.OpenRead(Path) : null;

    public void Write(Action<Stream> write) => AtomicFile.Write(Path, write);

    /// <summary>Removes the state once the run's results are written.</summary>
    public void Clear()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }
}
