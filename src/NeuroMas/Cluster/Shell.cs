namespace NeuroMas.Cluster;

/// <summary>Words for a POSIX shell command line (the sbatch scripts and the commands <c>collect</c> prints).</summary>
public static class Shell
{
    /// <summary><paramref name="word"/> as the shell reads it back: bare when it is plainly safe, else single-quoted.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ',' or ':' or '+' or '@' or '%')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Join(IEnumerable<string> words) => string.Join(" ", words.Select(Quote));
}
