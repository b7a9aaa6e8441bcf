using NeuroMas.Models;
using NeuroMas.Models.Imported;
using NeuroMas.Tasks;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models.Imported;

/// <summary>The PyTorch fixtures made by Models/Fixtures/make_torch_fixtures.py: networks, their specs and what PyTorch computed.</summary>
internal static class TorchFixtures
{
    /// <summary>Every imported fixture: (weights file, spec, expected-outputs name).</summary>
    public static readonly (string File, string Spec, string Expected)[] All =
    [
        ("gru.pt", "gru.yaml", "gru"),
        ("gru.safetensors", "gru.yaml", "gru"),
        ("lstm.pt", "lstm.yaml", "lstm"),
        ("ref-gru.pt", "ref-gru.yaml", "ref-gru"),
        ("gru2.pt", "gru2.yaml", "gru2"),
        ("ref-lstm.safetensors", "ref-lstm.yaml", "ref-lstm"),
        ("lstm2.safetensors", "lstm2.yaml", "lstm2"),
        ("gru-script.pt", "gru-script.yaml", "gru-script"),
    ];

    /// <summary>The fixtures PyTorch trained, whose free-running accuracy it measured.</summary>
    public static readonly string[] Trained = ["gru.pt", "gru.safetensors", "lstm.pt", "ref-gru.pt", "gru-script.pt"];

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static ITask Task => TaskCatalog.Get("multi-object", maxCount: 10);

    public static TaskNetwork Load(string file)
    {
        var (_, spec, _) = All.First(f => f.File == file);
        return ImportedNetworks.Load(PathOf(file), PathOf(spec), Task);
    }

    /// <summary>tokens <c>[6, 23]</c>, states <c>[6, 23, S]</c>, logits <c>[6, 23, network vocabulary]</c>, trial_accuracy <c>[1]</c>.</summary>
    public static Dictionary<string, Tensor> Expected(string name) => Safetensors.LoadStateDict(PathOf(name + ".expected.safetensors"));

    /// <summary>The evaluation sequences PyTorch measured its free-running accuracy on.</summary>
    public static List<TaskSequence> EvalSequences()
    {
        using var tokens = Safetensors.LoadStateDict(PathOf("eval-sequences.safetensors"))["tokens"];
        var rows = tokens.to_type(ScalarType.Int32).data<int>().ToArray();
        var time = (int)tokens.shape[1];
        var task = Task;
        return Enumerable.Range(0, (int)tokens.shape[0])
            .Select(b => rows.Skip(b * time).Take(time).Where(t => t != Vocabulary.Pad).ToArray())
            .Select(t => TaskSequence.Replay(task.CausalModel, t, out var reason) ?? throw new InvalidOperationException(reason))
            .ToList();
    }
}
