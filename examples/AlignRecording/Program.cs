using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Recordings;
using NeuroMas.Results;
using NeuroMas.Tasks;

// Uses the library directly: load a recording, align it against a frozen network with CLMAS, export CSV.
//   dotnet run --project examples/AlignRecording [-- <steps>]
var root = FindRoot();
var steps = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
var task = TaskCatalog.Get("multi-object");

var recording = RecordingFile.Load(Path.Combine(root, "datasets/recordings/sim-gru4.h5"));
Console.WriteLine($"recording: {recording.Samples} samples × {recording.Units} units");
var (network, _) = Checkpoint.Load(Path.Combine(root, "datasets/networks/gru-seed1.nmck"));
using (network)
using (var brain = new RecordingSystem("recording", recording, task.CausalModel))
using (var trainer = new AlignmentTrainer([new NetworkSystem("gru1", network), brain], task, new AlignmentOptions
{
    Method = AlignmentMethod.Clmas,
    Variable = "count",
    SubspaceSize = 16,
    MaxSteps = steps,
    TrainPairs = 2000,
    ValidationPairs = 200,
    TestPairs = 500,
    ClWeight = 0.85,
}))
{
    var result = trainer.Train();
    var rows = result.Scores.Select(s => new ResultRow("example", "clmas", s.SourceName, s.TargetName, "count", result.SubspaceSize, 1,
        result.Steps, s.Trained, s.Condition, "iia", s.Iia)).ToList();
    foreach (var r in rows) Console.WriteLine($"{r.Source} → {r.Target} ({r.Condition}): IIA {r.Value:0.000}");
    var output = Path.Combine(Path.GetTempPath(), "neuromas-example.csv");
    ResultsCsv.Write(output, rows);
    Console.WriteLine($"wrote {output}");
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeuroMas.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
