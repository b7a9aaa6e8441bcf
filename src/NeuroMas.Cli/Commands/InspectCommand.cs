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
            var spec = protocol is null ? null : RecordingSpec(protocol, path, parse.GetValue(systemOption));
            Console.Write(RecordingInspector.Describe(path));
            if (protocol is not null && spec is not null)
            {
                var model = TaskCatalog.Get(protocol.Options.Task, protocol.Options.MaxCount).CausalModel;
                Console.WriteLine();
                Console.Write(Path.GetExtension(path).Equals(".nwb", StringComparison.OrdinalIgnoreCase)
                    ? RecordingInspector.DescribeMapping(NwbRecordingReader.Load(path, spec.Nwb, new LabelMap()), spec.Labels, model.IsRepresentable)
                    : RecordingInspector.DescribeMapping(path, spec.Labels, model.IsRepresentable));
            }
            return 0;
        });
        return command;
    }

    /// <summary>The protocol's recording system for <paramref name="path"/>: by name, else by file, else the only one.</summary>
    private static SystemSpec RecordingSpec(LoadedProtocol protocol, string path, string? name)
    {
        var recordings = protocol.Options.Systems.Select((s, i) => (Spec: s, Name: ProtocolValidator.SystemName(protocol, i)))
            .Where(s => s.Spec.Recording is not null).ToList();
        if (name is not null)
            return recordings.FirstOrDefault(s => s.Name == name).Spec
                ?? throw new InputException($"{protocol.Path}: systems: expected a recording system named '{name}', found [{string.Join(", ", recordings.Select(s => s.Name))}]");
        var full = Path.GetFullPath(path);
        var same = recordings.Where(s => Path.GetFullPath(protocol.Resolve(s.Spec.Recording!)) == full).ToList();
        if (same.Count == 1) return same[0].Spec;
        if (recordings.Count == 1) return recordings[0].Spec;
        throw new InputException($"{protocol.Path}: systems: expected one recording system for {path}, found {recordings.Count} (choose one with --system)");
    }
}
