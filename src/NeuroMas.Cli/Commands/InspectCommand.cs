using System.CommandLine;
using NeuroMas.Recordings;

namespace NeuroMas.Cli.Commands;

/// <summary><c>neuromas inspect</c>: what a recording file holds (datasets, shapes, label values and counts).</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A recording: .h5, .hdf5, .nwb or .csv." };
        var command = new Command("inspect", "Describe a recording file: datasets with shapes and types, samples, units, trials, label values and counts.") { file };
        command.SetAction(parse =>
        {
            Console.Write(RecordingInspector.Describe(parse.GetValue(file)!));
            return 0;
        });
        return command;
    }
}
