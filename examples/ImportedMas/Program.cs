// MAS between a shipped NeuroMas GRU and a GRU trained in PyTorch (the test fixture made by
// tests/NeuroMas.Tests/Models/Fixtures/make_torch_fixtures.py), on count, k = 16:
//   dotnet run -c Release --project examples/ImportedMas [-- maxSteps]
// Prints the IIA of every direction (the cross directions say whether the two networks share a causal count).
using System.Globalization;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Models.Imported;
using NeuroMas.Tasks;

var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "NeuroMas.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run inside the repository");
var fixtures = Path.Combine(root, "tests", "NeuroMas.Tests", "Models", "Fixtures");
// The PyTorch GRU was trained on counts 1..10; the shipped GRU on 1..20 covers them.
var task = TaskCatalog.Get("multi-object", maxCount: 10);
var (native, _) = Checkpoint.Load(Path.Combine(root, "datasets", "networks", "gru-seed1.nmck"));
using var imported = ImportedNetworks.Load(Path.Combine(fixtures, "gru.pt"), Path.Combine(fixtures, "gru.yaml"), task);
using (native)
{
    var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3000;
    var options = new AlignmentOptions { Method = "mas", Variable = "count", SubspaceSize = 16, MaxSteps = steps, TrainPairs = 5000, ValidationPairs = 500, TestPairs = 1000, Seed = 1 };
    using var trainer = new AlignmentTrainer([new AlignmentSystem("gru-seed1", native), new AlignmentSystem("pytorch-gru", imported)], task, options);
    var result = trainer.Train(new Progress<AlignmentProgress>(p => Console.Error.Write($"\rstep {p.Step}: validation IIA {p.ValidationIia:0.000}   ")));
    Console.Error.WriteLine();
    foreach (var s in result.Scores.Where(s => s.Condition == "intervention"))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.SourceName} -> {s.TargetName}: IIA {s.Iia:0.000} ({s.Pairs} pairs)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Steps} steps, {result.Seconds:0} s"));
}
