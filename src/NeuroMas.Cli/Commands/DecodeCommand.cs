using System.CommandLine;
using System.Globalization;
using NeuroMas.Decoding;
using NeuroMas.Recordings;

namespace NeuroMas.Cli.Commands;

/// <summary>
/// <c>neuromas decode</c>: single-sample, trial-grouped cross-validated linear decoding accuracy of each label
/// of a recording, the ceiling on what a one-sample intervention on it can carry.
/// </summary>
internal static class DecodeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A recording: .h5, .hdf5, .nwb or .csv (default layouts; see src/NeuroMas/Recordings/README.md)." };
        var variable = new Option<string[]>("--variable") { Description = "Labels to decode (default: every label).", AllowMultipleArgumentsPerToken = true };
        var folds = new Option<int>("--folds") { Description = "Trial-grouped folds.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the trial-to-fold assignment.", DefaultValueFactory = _ => 1 };
        var command = new Command("decode", "Cross-validated linear decoding accuracy of a recording's labels from single samples (trial-grouped folds).")
            { file, variable, folds, seed };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new InputException($"{path}: expected a recording file, found none");
            var recording = RecordingFile.Load(path);
            var names = parse.GetValue(variable) is { Length: > 0 } chosen ? chosen : recording.Labels.Keys.ToArray();
            Console.WriteLine("variable,classes,accuracy,chance,folds");
            foreach (var name in names)
            {
                var r = LinearDecoder.CrossValidatedAccuracy(recording, name, parse.GetValue(folds), parse.GetValue(seed));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name},{r.Classes},{r.Accuracy:F4},{r.ChanceLevel:F4},{r.Folds}"));
            }
            return 0;
        });
        return command;
    }
}
