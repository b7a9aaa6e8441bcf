using System.CommandLine;
using System.Globalization;
using NeuroMas.Models;
using NeuroMas.Recordings;
using NeuroMas.Simulation;
using NeuroMas.Tasks;

namespace NeuroMas.Cli.Commands;

/// <summary><c>neuromas record</c>: simulates a recording from a network checkpoint, written as HDF5 and CSV.</summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "The network to record from (.nmck)." };
        var units = new Option<int>("--units") { Description = "Recorded units.", DefaultValueFactory = _ => 96 };
        var trials = new Option<int>("--trials") { Description = "Fresh task sequences; every state is a sample.", DefaultValueFactory = _ => 600 };
        var nonlinearity = new Option<string>("--nonlinearity") { Description = "none (linear), relu, softplus, tanh.", DefaultValueFactory = _ => "none" };
        var noise = new Option<string>("--noise") { Description = "gaussian, poisson or none.", DefaultValueFactory = _ => "gaussian" };
        var level = new Option<double>("--noise-level") { Description = "Gaussian noise SD as a fraction of each unit's signal SD.", DefaultValueFactory = _ => 0.1 };
        var gain = new Option<double>("--gain") { Description = "Poisson: mean count per unit of activation.", DefaultValueFactory = _ => 5.0 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var noCsv = new Option<bool>("--no-csv") { Description = "Write only the HDF5 file." };
        var output = new Option<string>("--out") { Description = "Output .h5 path; a .csv with the same samples is written beside it.", Required = true };
        var command = new Command("record", "Simulate a recording from a network: random linear observation, optional nonlinearity and noise.")
        {
            checkpoint, units, trials, nonlinearity, noise, level, gain, seed, output, noCsv,
        };
        command.SetAction(parse =>
        {
            var options = new SimulationOptions
            {
                Units = parse.GetValue(units),
                Trials = parse.GetValue(trials),
                Nonlinearity = parse.GetValue(nonlinearity)!,
                Noise = parse.GetValue(noise)!,
                NoiseLevel = parse.GetValue(level),
                Gain = parse.GetValue(gain),
                Seed = parse.GetValue(seed),
            };
            var problems = options.Validate();
            if (problems.Count > 0) throw new InputException(string.Join("; ", problems));
            var path = parse.GetValue(checkpoint)!;
            var h5 = parse.GetValue(output)!;
            var (network, info) = Checkpoint.Load(path);
            using (network)
            {
                var task = TaskCatalog.Get(info.Task, info.MaxCount);
                var simulated = RecordingSimulator.Simulate(network, task, options, h5);
                var attributes = new Dictionary<string, string>
                {
                    ["source_checkpoint"] = path,
                    ["task"] = info.Task,
                    ["command"] = "neuromas record " + string.Join(" ", parse.Tokens.Select(t => t.Value)),
                    ["nonlinearity"] = options.Nonlinearity,
                    ["noise"] = options.Noise,
                    ["noise_level"] = options.NoiseLevel.ToString(CultureInfo.InvariantCulture),
                };
                GroundTruthFile.Write(h5, simulated, attributes);
                var csv = Path.ChangeExtension(h5, ".csv");
                if (!parse.GetValue(noCsv)) CsvRecordingWriter.Write(csv, simulated.Recording);
                Console.WriteLine($"{h5}{(parse.GetValue(noCsv) ? "" : ", " + csv)}: {simulated.Recording.Samples} samples × {simulated.Recording.Units} units from {options.Trials} trials of {info.Task} ({info.Network.Architecture}, {path})");
            }
            return 0;
        });
        return command;
    }
}
