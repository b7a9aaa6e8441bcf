using System.CommandLine;
using System.Globalization;
using NeuroMas.Models;
using NeuroMas.Models.Imported;
using NeuroMas.Tasks;

namespace NeuroMas.Cli.Commands;

/// <summary><c>neuromas import</c>: loads a PyTorch network by its spec, evaluates it on the task, optionally writes a checkpoint.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A state dict (.pt, .pth, .bin, .safetensors) or a TorchScript module (.pt)." };
        var spec = new Option<string>("--spec") { Description = "The network spec (YAML): layout, keys, hidden size, hook, vocabulary.", Required = true };
        var taskName = new Option<string>("--task") { Description = "The task the network was trained on.", DefaultValueFactory = _ => "multi-object" };
        var maxCount = new Option<int>("--max-count") { Description = "Largest object count of the task.", DefaultValueFactory = _ => 20 };
        var count = new Option<int>("--sequences") { Description = "Fresh sequences to evaluate.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the evaluation sequences.", DefaultValueFactory = _ => 12345 };
        var output = new Option<string?>("--out") { Description = "Write a NeuroMas checkpoint (.nmck) that protocols load like any other." };
        var command = new Command("import", "Load a PyTorch network (state dict + spec, or TorchScript), check it, evaluate it, optionally save it as a checkpoint.")
            { file, spec, taskName, maxCount, count, seed, output };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var specPath = parse.GetValue(spec)!;
            var task = TaskCatalog.Get(parse.GetValue(taskName)!, parse.GetValue(maxCount));
            var loadedSpec = NetworkSpecLoader.Load(specPath);
            var outPath = parse.GetValue(output);
            if (outPath is not null && loadedSpec.Layout == "torchscript")
                throw new InputException($"--out: expected a state dict layout (gru, lstm, gru-cell, lstm-cell), found layout torchscript in {specPath}: load TorchScript modules from their file (ImportedNetworks.Load)");
            using var network = ImportedNetworks.Load(path, loadedSpec, task, specPath);
            var parameters = network is ScriptedNetwork scripted ? scripted.ParameterCount : network.parameters().Sum(p => p.numel());
            var random = new Random(parse.GetValue(seed));
            var sequences = Enumerable.Range(0, parse.GetValue(count)).Select(_ => task.Sample(random)).ToList();
            var accuracy = NetworkEvaluator.Evaluate(network, sequences);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {loadedSpec.Layout}, hook state width {network.StateWidth}, {parameters} parameters, on {task.Name}, {sequences.Count} fresh sequences: trial accuracy {accuracy.Trial:0.0000}, token accuracy {accuracy.Token:0.0000}"));
            if (outPath is not null)
            {
                var imported = ((ImportedRecurrentNetwork)network).Imported;
                Checkpoint.Save(outPath, network, new CheckpointInfo
                {
                    Network = network.Options,
                    Task = task.Name,
                    MaxCount = parse.GetValue(maxCount),
                    Imported = imported,
                    ValidationTrialAccuracy = accuracy.Trial,
                    Training = new() { ["imported_from"] = Path.GetFullPath(path), ["spec"] = Path.GetFullPath(specPath) },
                });
                Console.WriteLine($"wrote {outPath}");
            }
            return 0;
        });
        return command;
    }
}
