using NeuroMas.Alignment;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models.Imported;

/// <summary>
/// The alignment trainer uses imported networks unchanged. (Training DAS and MAS to convergence on them takes
/// minutes: <c>dotnet run -c Release --project examples/ImportedMas -- das gru.pt</c>, see README.)
/// </summary>
public class ImportedAlignmentTests
{
    [TestCase("lstm2.safetensors")]
    [TestCase("ref-gru.pt")]
    [TestCase("gru-script.pt")]
    public void IdentityMapsWithAFullSwap_ReproduceTheSourcesBehaviour(string file)
    {
        using var scope = NewDisposeScope();
        using var network = TorchFixtures.Load(file);
        var system = new NetworkSystem("n", network);
        var options = new AlignmentOptions
        {
            Method = AlignmentMethod.Mas,
            SubspaceSize = network.StateWidth,
            TrainPairs = 100,
            ValidationPairs = 50,
            TestPairs = 50,
            BatchSize = 32,
            MaxSteps = 5,
            ValidateEvery = 5,
            Seed = 1,
            ZScore = false,
        };
        using var trainer = new AlignmentTrainer([system, system], TorchFixtures.Task, options);
        foreach (var map in trainer.Maps) map.load_state_dict(new OrthogonalMap(network.StateWidth, randomStart: false).state_dict());
        var data = trainer.Data(0, 1, 2);
        var intervened = trainer.Intervene(0, 1, data.SourceStates, data.TargetStates);
        Assert.That(intervened.allclose(data.SourceStates, atol: 1e-5), Is.True);
        var fromSource = network.InterventionLogits(data.Tokens, data.Positions, data.SourceStates, data.Steps);
        var fromSwap = network.InterventionLogits(data.Tokens, data.Positions, intervened, data.Steps);
        var fromTarget = network.InterventionLogits(data.Tokens, data.Positions, data.TargetStates, data.Steps);
        Assert.That(fromSwap.allclose(fromSource, atol: 1e-4), Is.True, "a full swap carries the source's state");
        Assert.That((fromSwap - fromTarget).abs().max().item<float>(), Is.GreaterThan(1e-3f), "and that differs from the target's own");
    }

    [Test]
    public void TrainingSteps_OnAnImportedNetwork_LowerTheLoss()
    {
        using var network = TorchFixtures.Load("ref-gru.pt");
        var options = new AlignmentOptions
        {
            Method = AlignmentMethod.Das,
            SubspaceSize = 8,
            TrainPairs = 256,
            ValidationPairs = 50,
            TestPairs = 50,
            BatchSize = 64,
            Seed = 1,
            LearningRate = 1e-2,
        };
        using var trainer = new AlignmentTrainer([new NetworkSystem("n", network)], TorchFixtures.Task, options);
        foreach (var d in trainer.TrainedDirections) trainer.Data(d.Source, d.Target, 0);
        using var optimizer = optim.Adam(trainer.Maps.SelectMany(m => m.parameters()), options.LearningRate);
        var random = new Random(1);
        var losses = Enumerable.Range(0, 30).Select(_ => trainer.TrainStep(optimizer, random)).ToList();
        Assert.That(losses.Skip(25).Average(), Is.LessThan(losses.Take(5).Average()));
    }
}
