// Alignment on networks trained in PyTorch (the test fixtures made by
// tests/NeuroMas.Tests/Models/Fixtures/make_torch_fixtures.py), on count, k = 16:
//   dotnet run -c Release --project examples/ImportedMas -- mas [maxSteps]         MAS: shipped GRU seed 1 and the PyTorch GRU
//   dotnet run -c Release --project examples/ImportedMas -- das gru.pt [maxSteps]  DAS on one imported network (gru.pt, lstm.pt, ...)
// Prints the IIA of every direction (MAS's cross directions say whether the two networks share a causal count).
using System.Globalization;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Models.Imported;
using NeuroMas.Tasks;

var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "NeuroMas.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run inside the repository");
var fixtures = Path.Combine(root, "tests", "NeuroMas.Tests", "Models", "Fixtures");
// The PyTorch networks were trained on counts 1..10; the shipped GRU (1..20) covers them.
var task = TaskCatalog.Get("multi-object", maxCount: 10);
var mode = args.Length > 0 ? args[0] : "mas";
var file = mode == "das" && args.Length > 1 ? args[1] : "gru.pt";
var steps = int.Parse(args.Length > (mode == "das" ? 2 : 1) ? args[^1] : "3000", CultureInfo.InvariantCulture);
var spec = Path.GetFileNameWithoutExtension(file) + ".yaml";
using var imported = ImportedNetworks.Load(Path.Combine(fixtures, file), Path.Combine(fixtures, spec), task);
var systems = new List<ISystem> { new NetworkSystem("pytorch-" + Path.GetFileNameWithoutExtension(file), imported) };
TaskNetwork? native = null;
if (mode == "mas")
{
    native = Checkpoint.Load(Path.Combine(root, "datasets", "networks", "gru-seed1.nmck")).Network;
    systems.Insert(0, new NetworkSystem("gru-seed1", native));
}
var options = new AlignmentOptions
{
    Method = NeuroMas.Choice.Parse<AlignmentMethod>(mode, "mode"),
    Variable = "count",
    SubspaceSize = 16,
    MaxSteps = steps,
    TrainPairs = 5000,
    ValidationPairs = 500,
    TestPairs = 1000,
    Seed = 1,
};
using (native)
using (var trainer = new AlignmentTrainer(systems, task, options))
{
    var result = trainer.Train(new Progress<AlignmentProgress>(p => Console.Error.Write($"\rstep {p.Step}: validation IIA {p.ValidationIia:0.000}   ")));
    Console.Error.WriteLine();
    foreach (var s in result.Scores)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.SourceName} -> {s.TargetName} ({s.Condition}): IIA {s.Iia:0.000} ({s.Pairs} pairs)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}, count, k = 16: {result.Steps} steps, {result.Seconds:0} s, {result.SecondsPerStep:0.000} s/step"));
}
NativeExit.Now(0);
