using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace NeuroMas.Results;

/// <summary>Provenance of one run, written beside its results as <c>manifest.json</c>.</summary>
public sealed record RunManifest
{
    public string RunId { get; init; } = "";
    public string OptionsHash { get; init; } = "";
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
    public int Seed { get; init; }
    public string NeuroMasVersion { get; init; } = Version;
    public string Commit { get; init; } = "";
    /// <summary>SHA-256 of every input file (checkpoints, recordings), by path.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();
    public string Machine { get; init; } = Environment.MachineName;
    public string OperatingSystem { get; init; } = System.Runtime.InteropServices.RuntimeInformation.OSDescription;
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;
    public int TorchThreads { get; init; }
    public double WallSeconds { get; init; }
    public int Steps { get; init; }
    public double SecondsPerStep { get; init; }

    /// <summary>Seconds of training until every trained direction's validation IIA reached 0.95; null if it never did.</summary>
    public double? SecondsToIia95 { get; init; }

    /// <summary>The step of <see cref="SecondsToIia95"/>.</summary>
    public int? StepsToIia95 { get; init; }
    public long MapParameters { get; init; }
    public IReadOnlyDictionary<string, double> Profile { get; init; } = new Dictionary<string, double>();
    public DateTimeOffset Finished { get; init; } = DateTimeOffset.UtcNow;

    public static string Version =>
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Write(string path) => AtomicFile.WriteText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Hex SHA-256 of a file's bytes, or of a folder's files (each relative path with its own hash, in order).</summary>
    public static string Sha256(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => $"{Path.GetRelativePath(path, f).Replace('\\', '/')} {Sha256(f)}");
            return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", files))));
        }
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The git commit of the working tree, or "unknown" outside a checkout.</summary>
    public static string GitCommit(string directory)
    {
        try
        {
            var dir = new DirectoryInfo(Path.GetFullPath(directory));
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, ".git"))) dir = dir.Parent;
            if (dir is null) return "unknown";
            var git = Path.Combine(dir.FullName, ".git");
            var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal)) return head;
            var reference = Path.Combine(git, head[5..]);
            if (File.Exists(reference)) return File.ReadAllText(reference).Trim();
            var packed = Path.Combine(git, "packed-refs");
            return File.Exists(packed)
                ? File.ReadLines(packed).FirstOrDefault(l => l.EndsWith(head[5..], StringComparison.Ordinal))?.Split(' ')[0] ?? "unknown"
                : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
