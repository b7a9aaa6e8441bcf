using System.CommandLine;
using System.Globalization;
using NeuroMas.Decoding;
using NeuroMas.Protocols;
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
        var file = new Argument<string?>("file")
        {
            Description = "A recording: .h5, .hdf5, .nwb, .csv or a Kilosort/suite2p folder (default layouts unless --protocol; see src/NeuroMas/Recordings/README.md). With --protocol: default the system's own recording.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var protocolOption = new Option<string?>("--protocol") { Description = "Read the recording as this protocol does: its recording system's reader options and label map." };
        var systemOption = new Option<string?>("--system") { Description = "With --protocol: the recording system (default: the one whose recording is the file, or the only one)." };
        var variable = new Option<string[]>("--variable") { Description = "Labels to decode (default: every label).", AllowMultipleArgumentsPerToken = true };
        var folds = new Option<int>("--folds") { Description = "Trial-grouped folds.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the trial-to-fold assignment.", DefaultValueFactory = _ => 1 };
        var threads = CommonOptions.Threads();
        var command = new Command("decode", "Cross-validated linear decoding accuracy of a recording's labels from single samples (trial-grouped folds).")
            { file, protocolOption, systemOption, variable, folds, seed, threads };
        command.SetAction(parse =>
        {
            var protocol = parse.GetValue(protocolOption) is { } protocolPath ? ProtocolLoader.Load(protocolPath) : null;
            var system = protocol is null ? null : ProtocolRecording.Find(protocol, parse.GetValue(file), parse.GetValue(systemOption));
            var path = parse.GetValue(file)
                ?? (system is { } s ? protocol!.Resolve(s.Spec.Recording!) : throw new InputException("decode: expected a recording file (or --protocol), found none"));
            // One thread is often faster on a shared machine: each fit is thousands of small products.
            if (parse.GetValue(threads) is > 0 and var n) TorchSharp.torch.set_num_threads(n);
            if (!File.Exists(path) && !Directory.Exists(path)) throw new InputException($"{path}: expected a recording file, found none");
            var recording = RecordingFile.Load(path, system?.Spec.ReadOptions());
            var names = parse.GetValue(variable) is { Length: > 0 } chosen ? chosen : recording.Labels.Keys.ToArray();
            Console.WriteLine("variable,classes,accuracy,chance,folds");
            var k = parse.GetValue(folds);
            for (var v = 0; v < names.Length; v++)
            {
                var name = names[v];
                var progress = FoldProgress(names.Length * k, v * k, name);
                var r = LinearDecoder.CrossValidatedAccuracy(recording, name, k, parse.GetValue(seed), progress);
                ClearProgress(progress);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name},{r.Classes},{r.Accuracy:F4},{r.ChanceLevel:F4},{r.Folds}"));
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Fold progress on stderr, only on a terminal: stdout is the CSV (often piped), and logs want no carriage returns.
    /// </summary>
    private static FoldReport? FoldProgress(int total, int before, string name) =>
        Terminal.Interactive && !Console.IsErrorRedirected
            ? new FoldReport(done => Console.Error.Write($"\rdecode {name}: fold {before + done}/{total}   "))
            : null;

    private static void ClearProgress(FoldReport? progress)
    {
        if (progress is not null) Console.Error.Write("\r\u001b[2K");
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> posts to the thread pool, out of order).</summary>
    private sealed class FoldReport(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
