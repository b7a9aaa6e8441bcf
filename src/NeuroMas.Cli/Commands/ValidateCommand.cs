using System.CommandLine;
using NeuroMas.Protocols;

namespace NeuroMas.Cli.Commands;

/// <summary><c>neuromas validate</c>: lists every problem of a protocol at once, with key paths.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var protocol = new Argument<string>("protocol") { Description = "A protocol file." };
        var overrides = new Argument<string[]>("overrides") { Description = "key=value overrides.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("validate", "Check a protocol without running it.") { protocol, overrides };
        command.SetAction(parse =>
        {
            var loaded = ProtocolLoader.Load(parse.GetValue(protocol)!, parse.GetValue(overrides));
            var problems = ProtocolValidator.Validate(loaded);
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"error: {loaded.Path}: {problems.Count} problem(s)");
                foreach (var p in problems) Console.Error.WriteLine($"  {p}");
                return 2;
            }
            var runs = RunPlan.Expand(loaded);
            Console.WriteLine($"{loaded.Path}: valid; {runs.Count} run(s)");
            foreach (var r in runs) Console.WriteLine($"  {r.Id}");
            return 0;
        });
        return command;
    }
}
