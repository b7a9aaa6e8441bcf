using System.CommandLine;
using System.Globalization;
using NeuroMas.Models;
using NeuroMas.Tasks;

namespace NeuroMas.Cli.Commands;

/// <summary><c>neuromas train</c>: trains a task network and writes a self-describing checkpoint.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "Task name.", DefaultValueFactory = _ => "multi-object" };
        var arch = new Option<string>("--arch") { Description = "gru, lstm or transformer.", DefaultValueFactory = _ => "gru" };
        var seed = new Option<int>("--seed") { Description = "Seed for weights and data.", DefaultValueFactory = _ => 1 };
        var width = new Option<int>("--width") { Description = "Hidden width.", DefaultValueFactory = _ => 128 };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 128 };
        var lr = new Option<double>("--lr") { Description = "Adam's initial learning rate.", DefaultValueFactory = _ => 3e-3 };
        var halfLife = new Option<int>("--lr-half-life") { Description = "Steps over which the learning rate halves (0 = constant).", DefaultValueFactory = _ => 100 };
        var target = new Option<double>("--target-accuracy") { Description = "Validation trial accuracy to stop at (reached at two validations in a row).", DefaultValueFactory = _ => 1.0 };
        var maxSteps = new Option<int>("--max-steps") { DefaultValueFactory = _ => 20000 };
        var every = new Option<int>("--validate-every") { DefaultValueFactory = _ => 100 };
        var maxCount = new Option<int>("--max-count") { Description = "Largest demonstrated count.", DefaultValueFactory = _ => 20 };
        var layers = new Option<int>("--layers") { Description = "Transformer blocks.", DefaultValueFactory = _ => 2 };
        var hookLayer = new Option<int>("--hook-layer") { Description = "Transformer: the hook site is the residual stream after this many blocks.", DefaultValueFactory = _ => 1 };
        var init = new Option<string?>("--init") { Description = "Fine-tune: start from this checkpoint's weights (its architecture and shape)." };
        var minSteps = new Option<int>("--min-steps") { Description = "Do not stop early before this many steps.", DefaultValueFactory = _ => 0 };
        var threads = CommonOptions.Threads();
        var output = new Option<string?>("--out") { Description = "Checkpoint path (default runs/<task>-<arch>-seed<seed>.nmck)." };
        var command = new Command("train", "Train a task network (GRU, LSTM, Transformer) on a task.")
        {
            task, arch, seed, width, layers, hookLayer, batch, lr, halfLife, target, maxSteps, minSteps, every, maxCount, init, threads, output,
        };
        command.SetAction(parse =>
        {
            var options = new TrainingOptions
            {
                Task = parse.GetValue(task)!,
                MaxCount = parse.GetValue(maxCount),
                Network = new NetworkOptions { Architecture = parse.GetValue(arch)!, Width = parse.GetValue(width), Layers = parse.GetValue(layers), HookLayer = parse.GetValue(hookLayer) },
                InitFrom = parse.GetValue(init),
                MinSteps = parse.GetValue(minSteps),
                Seed = parse.GetValue(seed),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                LearningRateHalfLife = parse.GetValue(halfLife),
                TargetAccuracy = parse.GetValue(target),
                MaxSteps = parse.GetValue(maxSteps),
                ValidateEvery = parse.GetValue(every),
                Threads = parse.GetValue(threads),
            };
            _ = TaskCatalog.Get(options.Task, options.MaxCount);
            var problems = options.Validate();
            if (problems.Count > 0) throw new InputException(string.Join("; ", problems));
            var path = parse.GetValue(output) ?? Path.Combine("runs", $"{options.Task}-{options.Network.Architecture}-seed{options.Seed}.nmck");
            Console.WriteLine(options.InitFrom is { } from
                ? $"fine-tuning {from} on {options.Task}, seed {options.Seed} -> {path}"
                : $"training {options.Network.Architecture} on {options.Task}, seed {options.Seed} -> {path}");
            var (network, result) = Terminal.WithProgress("train", options.MaxSteps, report =>
                NetworkTrainer.Train(options, new Progress(report)));
            using (network)
            {
                Checkpoint.Save(path, network, new CheckpointInfo
                {
                    Network = network.Options,
                    Task = options.Task,
                    MaxCount = options.MaxCount,
                    Seed = options.Seed,
                    Training = Describe(options),
                    ValidationTrialAccuracy = result.ValidationTrialAccuracy,
                    Steps = result.Steps,
                    Seconds = result.Seconds,
                });
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"done: {result.Steps} steps in {result.Seconds:0.0} s, validation trial accuracy {result.ValidationTrialAccuracy:0.0000}{(result.ReachedTarget ? "" : " (target not reached)")}"));
            Console.WriteLine($"checkpoint: {path}");
            return 0;
        });
        return command;
    }

    private static Dictionary<string, string> Describe(TrainingOptions o) => new()
    {
        ["batch_size"] = o.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = o.LearningRate.ToString(CultureInfo.InvariantCulture),
        ["learning_rate_half_life"] = o.LearningRateHalfLife.ToString(CultureInfo.InvariantCulture),
        ["max_steps"] = o.MaxSteps.ToString(CultureInfo.InvariantCulture),
        ["validate_every"] = o.ValidateEvery.ToString(CultureInfo.InvariantCulture),
        ["validation_size"] = o.ValidationSize.ToString(CultureInfo.InvariantCulture),
        ["target_accuracy"] = o.TargetAccuracy.ToString(CultureInfo.InvariantCulture),
        ["threads"] = o.Threads.ToString(CultureInfo.InvariantCulture),
        ["init_from"] = o.InitFrom ?? "",
        ["min_steps"] = o.MinSteps.ToString(CultureInfo.InvariantCulture),
    };

    private sealed class Progress(Action<double, string> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p) => report(p.Step, string.Create(CultureInfo.InvariantCulture,
            $"step {p.Step} loss {p.Loss:0.0000} val_loss {p.ValidationLoss:0.0000} val_trial_acc {p.ValidationTrialAccuracy:0.000} ({p.Seconds:0}s)"));
    }
}
