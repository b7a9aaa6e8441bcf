using System.CommandLine;

namespace NeuroMas.Cli;

/// <summary>Commands beyond train and eval, registered in one place.</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> All() =>
        [Commands.RunCommand.Create(), Commands.ValidateCommand.Create(), Commands.PlanCommand.Create(), Commands.CollectCommand.Create(), Commands.ImportCommand.Create(), Commands.RecordCommand.Create(), Commands.InspectCommand.Create(), Commands.DecodeCommand.Create()];
}
