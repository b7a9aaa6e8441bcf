using NeuroMas.Models;
using NeuroMas.Models.Imported;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models.Imported;

/// <summary>Imported networks compute what PyTorch computed, for every layout and for TorchScript.</summary>
public class ImportedNetworkTests
{
    private static IEnumerable<TestCaseData> Fixtures() => TorchFixtures.All.Select(f => new TestCaseData(f.File).SetName($"{{m}}({f.File})"));

    private static IEnumerable<TestCaseData> TrainedFixtures() => TorchFixtures.Trained.Select(f => new TestCaseData(f).SetName($"{{m}}({f})"));

    [TestCaseSource(nameof(Fixtures))]
    public void HookStatesAndLogits_EqualPyTorchs(string file)
    {
        using var scope = NewDisposeScope();
        using var network = TorchFixtures.Load(file);
        var expected = TorchFixtures.Expected(TorchFixtures.All.First(f => f.File == file).Expected);
        var tokens = expected["tokens"];
        var states = network.HookStates(tokens);
        Assert.That(states.shape, Is.EqualTo(expected["states"].shape));
        Assert.That((states - expected["states"]).abs().max().item<float>(), Is.LessThan(1e-5f), "hook states");

        var logits = network.call(tokens);
        var ids = ((IReadOnlyList<int>?)(network as ImportedRecurrentNetwork)?.Imported.TokenIds) ?? VocabularyOf(file);
        var compared = 0;
        for (var ours = 0; ours < Vocabulary.Size; ours++)
        {
            if (ids[ours] < 0) continue;
            var diff = (logits[.., .., ours] - expected["logits"][.., .., ids[ours]]).abs().max().item<float>();
            Assert.That(diff, Is.LessThan(1e-5f), $"logits of {Vocabulary.Name(ours)}");
            compared++;
        }
        Assert.That(compared, Is.GreaterThanOrEqualTo(8));
    }

    [TestCaseSource(nameof(TrainedFixtures))]
    public void FreeRunningTrialAccuracy_IsWhatPyTorchMeasured(string file)
    {
        using var network = TorchFixtures.Load(file);
        var expected = TorchFixtures.Expected(TorchFixtures.All.First(f => f.File == file).Expected)["trial_accuracy"].item<double>();
        var sequences = TorchFixtures.EvalSequences();
        var accuracy = NetworkEvaluator.Evaluate(network, sequences);
        Assert.That(accuracy.Trial, Is.EqualTo(expected).Within(1.0 / sequences.Count + 1e-9), "within one trial of PyTorch's");
        Assert.That(accuracy.Trial, Is.GreaterThanOrEqualTo(0.99));
    }

    [Test]
    public void ImportedCheckpoint_LoadsBackTheSameNetwork()
    {
        using var scope = NewDisposeScope();
        using var network = (ImportedRecurrentNetwork)TorchFixtures.Load("ref-gru.pt");
        var path = Path.Combine(Path.GetTempPath(), $"nm-imported-{Guid.NewGuid():N}.nmck");
        try
        {
            Checkpoint.Save(path, network, new CheckpointInfo { Network = network.Options, Imported = network.Imported });
            var (loaded, info) = Checkpoint.Load(path);
            using (loaded)
            {
                Assert.That(info.Network.Architecture, Is.EqualTo("imported"));
                var tokens = TorchFixtures.Expected("ref-gru")["tokens"];
                Assert.That(loaded.HookStates(tokens).allclose(network.HookStates(tokens), atol: 0), Is.True);
                Assert.That(loaded.call(tokens).allclose(network.call(tokens), atol: 0), Is.True);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ScriptedNetwork_PassesGradientsIntoTheReplacementState()
    {
        using var scope = NewDisposeScope();
        using var network = TorchFixtures.Load("gru-script.pt");
        var tokens = TorchFixtures.Expected("gru-script")["tokens"];
        var positions = full(tokens.shape[0], 3L);
        var replacement = network.HookStates(tokens)[.., 5].detach().requires_grad_(true);
        network.InterventionLogits(tokens, positions, replacement, 4).sum().backward();
        Assert.That(replacement.grad, Is.Not.Null);
        Assert.That(replacement.grad!.abs().sum().item<float>(), Is.GreaterThan(0f));
    }

    private static List<int> VocabularyOf(string file)
    {
        var spec = NetworkSpecLoader.Load(TorchFixtures.PathOf(TorchFixtures.All.First(f => f.File == file).Spec));
        var ids = Enumerable.Repeat(-1, Vocabulary.Size).ToList();
        foreach (var (name, id) in spec.Vocabulary) ids[Vocabulary.Id(name)] = id;
        return ids;
    }
}
