using System.Diagnostics;

namespace NeuroMas.Tests.Cli;

/// <summary>Runs the built <c>neuromas</c> CLI as a separate process, as a user would.</summary>
internal static class CliRunner
{
    /// <summary>The repository root (found from the test assembly's folder).</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeuroMas.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static string CliDll
    {
        get
        {
            // Same configuration as the tests: bin/<Configuration>/net10.0 of the CLI project.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = Path.Combine(Root, "src", "NeuroMas.Cli", "bin", configuration, "net10.0", "NeuroMas.Cli.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("build the solution first", path);
        }
    }

    public static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
