using System.Globalization;
using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Recordings;
using NeuroMas.Simulation;
using NeuroMas.Tasks;
using static TorchSharp.torch;

// Why does the counterfactual-latent (CL) loss not reach the true IIA its ceiling allows? This compares, on the same
// held-out recording→recording pairs of the shipped recording, three interventions into the recording:
//   none     the target left alone;
//   clmas    the recording's CLMAS map (trained here against GRU seed 1, cl_weight 0.85, k = 16, orthogonal or linear);
//   causal   GRU seed 4's own causal subspace (DAS with its behaviour, k = 16), carried into recording space
//            through the known observation: the intervention that really swaps the variable;
//   latent   the counterfactual latent itself (the ceiling: a perfect CL fit).
// For each: the CL loss against the mean counterfactual latent, and the true IIA (GRU seed 4 run from the state mapped
// back), over all pairs and split by whether source and target are in the same phase.
//   dotnet run -c Release --project examples/ClObjectiveCheck [-- <max steps, default 2500> [<recording of GRU seed 4> [<variable: count (default) or all> [<CLMAS map: orthogonal (default) or linear>]]]]
// (another recording: e.g. `./neuromas record datasets/networks/gru-seed4.nmck --units 256 --trials 600 --seed 2 --no-csv --out r256.h5`)
var root = FindRoot();
var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2500;
set_num_threads(1);
var task = TaskCatalog.Get("multi-object");
var file = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(root, "datasets/recordings/sim-gru4.h5");
var variable = args.Length > 2 ? args[2] : "count";
var map = args.Length > 3 ? Enum.Parse<MapKind>(args[3], ignoreCase: true) : MapKind.Orthogonal;
var recording = RecordingFile.Load(file);
var (gru4, _) = Checkpoint.Load(Path.Combine(root, "datasets/networks/gru-seed4.nmck"));
var (gru1, _) = Checkpoint.Load(Path.Combine(root, "datasets/networks/gru-seed1.nmck"));
var source = new NetworkSystem("gru4", gru4);
var (observation, bias) = GroundTruthFile.Read(file);
using var truth = GroundTruth.Fit(source, observation, bias, task);
using var brain = new RecordingSystem("recording", recording, task.CausalModel);
var training = new AlignmentOptions { Method = AlignmentMethod.Das, Variable = variable, SubspaceSize = 16, MaxSteps = steps, Threads = 1 };

Console.WriteLine($"training DAS on gru4 and CLMAS gru1 × recording, at most {steps} steps each ...");
using var das = new AlignmentTrainer([source], task, training);
var dasResult = das.Train();
using var clmas = new AlignmentTrainer([new NetworkSystem("gru1", gru1), brain], task, training with { Method = AlignmentMethod.Clmas, Map = map });
var clmasResult = clmas.Train();
Console.WriteLine($"DAS on gru4: IIA {dasResult.Scores.First(s => s.Condition == "intervention").Iia:0.000} ({dasResult.Steps} steps); " +
    $"CLMAS recording→gru1: IIA {clmasResult.Scores.First(s => s.Condition == "intervention").Iia:0.000} ({clmasResult.Steps} steps)");

// Held-out pairs whose counterfactual state the test trials of the recording hold.
var pairs = PairSampler.Sample(task, new PairSamplerOptions { Count = 1000, Seed = 77, Variable = variable })
    .Where(p => brain.MeanRow(p.IntervenedState, 2) is not null).ToList();
using var noGrad = no_grad();
var hs = source.StatesAt(pairs.Select(p => p.Source).ToList(), pairs.Select(p => p.SourcePosition).ToList(), task.MaxLength);
var ht = source.StatesAt(pairs.Select(p => p.Target).ToList(), pairs.Select(p => p.TargetPosition).ToList(), task.MaxLength);
// The trainer sees the recording in standardised units (training trials' unit statistics); the ground truth in the file's.
var (xs, xt) = (brain.Standardize(truth.Record(hs)), brain.Standardize(truth.Record(ht)));
var latents = brain.Means(2).index_select(0, tensor(pairs.Select(p => (long)brain.MeanRow(p.IntervenedState, 2)!.Value).ToArray()));
var interventions = new (string Name, Tensor State)[]
{
    ("none", xt),
    ("clmas", clmas.Intervene(1, 1, xs, xt)),
    ("causal", brain.Standardize(truth.Record(das.Intervene(0, 0, hs, ht)))),
    ("latent", latents),
};
Console.WriteLine("intervention,cl_loss,cl_cosine,cl_mse,true_iia,true_iia_same_phase,true_iia_cross_phase");
foreach (var (name, state) in interventions)
{
    var loss = LatentData.Loss(state, latents).item<float>();
    var cosine = nn.functional.cosine_similarity(state, latents, 1).mean().item<float>();
    var mse = (state - latents).pow(2).mean().item<float>();
    double Iia(Func<CounterfactualPair, bool> keep)
    {
        var rows = pairs.Select((p, i) => (p, i)).Where(x => keep(x.p)).Select(x => (long)x.i).ToArray();
        using var index = tensor(rows);
        using var data = DirectionData.Build(rows.Select(i => pairs[(int)i]).ToList(), task.MaxLength, hs.index_select(0, index), ht.index_select(0, index));
        using var back = truth.Back(ht.index_select(0, index), brain.Unstandardize(xt.index_select(0, index)), brain.Unstandardize(state.index_select(0, index)));
        return BehaviourObjective.Score(gru4, data, r => back.index_select(0, r)).Trial;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name},{loss:0.0000},{cosine:0.0000},{mse:0.0000},{Iia(_ => true):0.000},{Iia(p => p.SourceState[1] == p.TargetState[1]):0.000},{Iia(p => p.SourceState[1] != p.TargetState[1]):0.000}"));
}
gru4.Dispose();
gru1.Dispose();

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeuroMas.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
