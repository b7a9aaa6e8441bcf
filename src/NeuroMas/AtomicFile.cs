namespace NeuroMas;

/// <summary>
/// Writes a file so that readers see either the old or the complete new content, never a part: the content goes
/// to a temporary file beside it, which then replaces it. The one place every writer of NeuroMas does this.
/// </summary>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> by what <paramref name="write"/> writes to a stream.</summary>
    public static void Write(string path, Action<Stream> write) => Replace(path, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    });

    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>
    /// Replaces <paramref name="path"/> by the file <paramref name="writeTemporary"/> writes at the path it is given (for
    /// libraries that write to a path, not a stream). A failed write leaves the old file and no temporary.
    /// </summary>
    public static void Replace(string path, Action<string> writeTemporary)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
