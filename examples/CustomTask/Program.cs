using CustomTask;
using NeuroMas.Models;
using NeuroMas.Tasks;

// Brings a lab's own task into NeuroMas: register it, and protocols, `neuromas train` in a host
// that registers it, and the pair sampler can all use it by name.
//   dotnet run --project examples/CustomTask [-- --train]
TaskCatalog.Register("parity", () => new ParityTask());
var task = TaskCatalog.Get("parity");
var random = new Random(1);
for (var i = 0; i < 3; i++) Console.WriteLine($"natural:        {task.Sample(random)}");

// Swap `parity` from a source into a target at the trigger and let the causal model run on.
foreach (var pair in PairSampler.Sample(task, new PairSamplerOptions { Count = 3, Seed = 2, Variable = "parity" }))
    Console.WriteLine($"counterfactual: {pair.Target} --(parity {pair.SourceState[0]} at {pair.TargetPosition})--> {pair.Counterfactual}");

if (args.Contains("--train"))
{
    var (network, result) = NetworkTrainer.Train(new TrainingOptions
    {
        Task = "parity",
        MaxCount = 10,
        Network = new NetworkOptions { Width = 32 },
        MaxSteps = 1500,
        ValidateEvery = 100,
    });
    using (network)
        Console.WriteLine($"trained a GRU on parity: {result.Steps} steps, validation trial accuracy {result.ValidationTrialAccuracy:0.000}");
}
