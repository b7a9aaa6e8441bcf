using System.CommandLine;

namespace NeuroMas.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Show stack traces for errors.", Recursive = true };

    public static Option<int> Threads() => new("--threads") { Description = "Torch intra-op threads (0 = libtorch default).", DefaultValueFactory = _ => 0 };
}
