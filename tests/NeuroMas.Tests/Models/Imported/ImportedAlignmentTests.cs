using NeuroMas.Alignment;
using NeuroMas.Models;

namespace NeuroMas.Tests.Models.Imported;

/// <summary>Alignment methods run on imported networks unchanged: DAS finds each trained network's count.</summary>
public class ImportedAlignmentTests
{
    [TestCase("gru.pt", 16)]
    [TestCase("lstm.pt", 16)]
    public void Das_FindsCount_InAnImportedNetwork(string file, int k)
    {
        using var network = TorchFixtures.Load(file);
        var options = new AlignmentOptions
        {
            Method = "das", Variable = "count", SubspaceSize = k, TrainPairs = 3000, ValidationPairs = 300, TestPairs = 500,
            BatchSize = 128, MaxSteps = 600, ValidateEvery = 50, Patience = 4, TargetIia = 0.99, Seed = 1, LearningRate = 3e-3,
        };
        using var trainer = new AlignmentTrainer([new AlignmentSystem(file, network)], TorchFixtures.Task, options);
        var result = trainer.Train();
        var iia = result.Scores.Single(s => s.Trained && s.Condition == "intervention").Iia;
        TestContext.Out.WriteLine($"{file}: DAS count k={k}: IIA {iia:0.000} after {result.Steps} steps, {result.Seconds:0.0} s");
        Assert.That(iia, Is.GreaterThanOrEqualTo(0.95));
    }
}
