using System.CommandLine;
using System.Globalization;
using NeuroMas.Models;
using NeuroMas.Tasks;

namespace NeuroMas.Cli.Commands;

/// <summary><c>neuromas eval</c>: trial and token accuracy of a checkpoint on fresh sequences.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "A .nmck file written by neuromas train." };
        var count = new Option<int>("--sequences") { Description = "Fresh sequences to evaluate.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the evaluation sequences.", DefaultValueFactory = _ => 12345 };
        var taskName = new Option<string?>("--task") { Description = "Evaluate on this task instead of the one trained on (e.g. a probe set)." };
        var maxCount = new Option<int?>("--max-count") { Description = "Largest count of --task (default: the checkpoint's)." };
        var minCount = new Option<int?>("--min-count") { Description = "Language-model tasks: smallest count listed (e.g. only the prompts outside a probe set)." };
        var threads = CommonOptions.Threads();
        var command = new Command("eval", "Evaluate a checkpoint free-running on fresh task sequences.") { checkpoint, count, seed, taskName, maxCount, minCount, threads };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(checkpoint)!;
            if (parse.GetValue(threads) is > 0 and var n) TorchSharp.torch.set_num_threads(n);
            var (network, info) = Checkpoint.Load(path);
            using (network)
            {
                var task = TaskCatalog.Get(parse.GetValue(taskName) ?? info.Task, parse.GetValue(maxCount) ?? info.MaxCount);
                if (parse.GetValue(minCount) is { } min)
                    task = task is LanguageCountTask language ? new LanguageCountTask(min, language.MaxCount, language.Wrap)
                        : throw new InputException($"--min-count: expected a language-model task (lm-count…), found '{task.Name}'");
                var random = new Random(parse.GetValue(seed));
                var sequences = Enumerable.Range(0, parse.GetValue(count)).Select(_ => task.Sample(random)).ToList();
                var accuracy = NetworkEvaluator.Evaluate(network, sequences);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: {info.Network.Architecture} on {(task.Name == info.Task && parse.GetValue(minCount) is null ? info.Task : $"{task.Name} (trained on {info.Task})")}, {sequences.Count} fresh sequences: trial accuracy {accuracy.Trial:0.0000}, token accuracy {accuracy.Token:0.0000}"));
            }
            return 0;
        });
        return command;
    }
}
