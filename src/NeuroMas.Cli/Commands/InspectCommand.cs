using System.CommandLine;
using NeuroMas.Protocols;
using NeuroMas.Recordings;
using NeuroMas.Tasks;

namespace NeuroMas.Cli.Commands;

/// <summary>
/// <c>neuromas inspect</c>: what a recording file holds (datasets, shapes, label values and counts) and, given a
/// protocol, how that protocol's label map turns its labels into causal variables.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A recording: .h5, .hdf5, .nwb or .csv." };
        var protocolOption = new Option<string?>("--protocol") { Description = "Also show how this protocol's labels map (names and values) turns the file's labels into causal variables." };
        var systemOption = new Option<string?>("--system") { Description = "With --protocol: the recording system to use (default: the one whose recording is this file, or the only one)." };
        var command = new Command("inspect", "Describe a recording file: datasets with shapes and types, samples, units, trials, label values and counts.")
            { file, protocolOption, systemOption };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            // The protocol is checked first, so a wrong one fails before anything is printed.
            var protocol = parse.GetValue(protocolOption) is { } protocolPath ? ProtocolLoader.Load(protocolPath) : null;
            var system = protocol is null ? null : ProtocolRecording.Find(protocol, path, parse.GetValue(systemOption));
            if (protocol is null || system is null)
            {
                Console.Write(Directory.Exists(path)
                    ? RecordingInspector.DescribeAsRead(path, new RecordingReadOptions(), "default reader options")
                    : RecordingInspector.Describe(path));
                return 0;
            }
            var model = TaskCatalog.Get(protocol.Options.Task, protocol.Options.MaxCount).CausalModel;
            if (!Directory.Exists(path))
            {
                Console.Write(RecordingInspector.Describe(path));
                Console.WriteLine();
            }
            var spec = system.Value.Spec;
            // A plain layout shows each file value (text too) → causal value; otherwise what the run will read: the
            // system's own reader options, then its label map.
            Console.Write(PlainLayout(path, spec)
                ? RecordingInspector.DescribeMapping(path, spec.Labels, model.AcceptsLabel)
                : RecordingInspector.DescribeAsRead(path, spec.ReadOptions(), $"as system '{system.Value.Name}' of {protocol.Path} reads it", spec.Labels, model.AcceptsLabel));
            return 0;
        });
        return command;
    }

    /// <summary>A file the protocol reads with the default layout, as <see cref="RecordingInspector.Describe"/> did.</summary>
    private static bool PlainLayout(string path, SystemSpec spec)
    {
        var none = new Dictionary<string, string>();
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => spec.Csv is null,
            ".h5" or ".hdf5" => spec.Hdf5.LabelPaths.Count == 0 && spec.Hdf5 with { LabelPaths = none } == new Hdf5ReadOptions { LabelPaths = none },
            _ => false,
        };
    }
}
