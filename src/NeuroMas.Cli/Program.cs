using System.CommandLine;
using System.CommandLine.Invocation;
using NeuroMas;
using NeuroMas.Cli;
using NeuroMas.Cli.Commands;

var verbose = args.Contains("--verbose");
var root = new RootCommand("NeuroMas: causal similarity (Model Alignment Search) between task networks and recorded brains.");
root.Options.Add(CommonOptions.Verbose);
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
foreach (var extra in ExtraCommands.All()) root.Subcommands.Add(extra);

try
{
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0)
    {
        Console.Error.WriteLine($"error: {parsed.Errors[0].Message} (see neuromas --help)");
        return 2;
    }
    var code = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
    return NativeExit.Now(code);
}
catch (InputException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    if (verbose) Console.Error.WriteLine(e);
    return 2;
}
catch (Exception e) when (!verbose)
{
    Console.Error.WriteLine($"error: unexpected failure: {e.Message.Split('\n')[0]} (run with --verbose for details)");
    return 1;
}
