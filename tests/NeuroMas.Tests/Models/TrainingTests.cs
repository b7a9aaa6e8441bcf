using NeuroMas;
using NeuroMas.Models;
using NeuroMas.Tasks;

namespace NeuroMas.Tests.Models;

public class TrainingTests
{
    [Test]
    public void SmallGru_LearnsASmallCountingTask_AndFreeRunningAgreesWithTeacherForcing()
    {
        var options = new TrainingOptions
        {
            Task = "single-object",
            MaxCount = 4,
            Network = new NetworkOptions { Architecture = "gru", Width = 32 },
            BatchSize = 64,
            LearningRate = 3e-3,
            MaxSteps = 600,
            ValidateEvery = 50,
            ValidationSize = 200,
            Seed = 1,
        };
        var (network, result) = NetworkTrainer.Train(options);
        using (network)
        {
            var task = TaskCatalog.Get("single-object", 4);
            var random = new Random(99);
            var fresh = Enumerable.Range(0, 300).Select(_ => task.Sample(random)).ToList();
            var free = NetworkEvaluator.Evaluate(network, fresh);
            using var batch = SequenceBatch.From(fresh);
            var forced = NetworkEvaluator.EvaluateTeacherForced(network, batch);
            Assert.That(free.Trial, Is.GreaterThanOrEqualTo(0.95), $"after {result.Steps} steps");
            Assert.That(free.Trial, Is.EqualTo(forced.Trial), "a trial is right free-running exactly when it is right teacher-forced");
            Assert.That(result.History, Is.Not.Empty);
        }
    }

    [TestCase(-1, 1.0, "lr-half-life: expected >= 0 (0 = constant), found -1")]
    [TestCase(100, 1.5, "target-accuracy: expected in (0, 1], found 1.5")]
    [TestCase(100, 0.0, "target-accuracy: expected in (0, 1], found 0")]
    public void BadScheduleOrTarget_IsRefusedByName(int halfLife, double target, string expected)
    {
        var options = new TrainingOptions { LearningRateHalfLife = halfLife, TargetAccuracy = target };
        Assert.That(options.Validate(), Is.EqualTo(new[] { expected }));
        Assert.That(() => NetworkTrainer.Train(options), Throws.InstanceOf<InputException>().With.Message.EqualTo(expected));
    }

    [Test]
    public void UntrainedNetwork_FailsTheTask()
    {
        using var network = TestNetworks.Create("gru");
        var accuracy = NetworkEvaluator.Evaluate(network, TestNetworks.Sequences(100, 5));
        Assert.That(accuracy.Trial, Is.LessThan(0.1));
    }
}
