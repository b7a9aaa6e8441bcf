using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models;

/// <summary>
/// A tiny causal transformer LM on the count prompts: it learns them, a fine-tune from its checkpoint learns the wrapped
/// rule while still answering the shared probe prompts, and stepwise MAS at <c>answer:</c> aligns it with itself.
/// </summary>
public class LanguageModelTests
{
    private string _folder = null!;
    private TaskNetwork _lm = null!;
    private string _checkpoint = null!;

    // The hook site is the residual stream after the last block: in a model this small, a block after the swap at answer:
    // recomputes the count from the prompt by attention and undoes a swap at an earlier layer (measured: IIA 0.37 at any k).
    private static TrainingOptions Tiny(string task) => new()
    {
        Task = task,
        MaxCount = 6,
        Network = new NetworkOptions { Architecture = "transformer", Width = 32, Layers = 2, Heads = 2, HookLayer = 2 },
        BatchSize = 64,
        LearningRate = 3e-3,
        MaxSteps = 800,
        ValidateEvery = 50,
        ValidationSize = 200,
        Seed = 1,
        Threads = 1,
    };

    [OneTimeSetUp]
    public void TrainTinyLm()
    {
        _folder = Directory.CreateTempSubdirectory("neuromas-lm-").FullName;
        (_lm, _) = NetworkTrainer.Train(Tiny("lm-count"));
        _checkpoint = Path.Combine(_folder, "lm.nmck");
        Checkpoint.Save(_checkpoint, _lm, new CheckpointInfo { Network = _lm.Options, Task = "lm-count", MaxCount = 6 });
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        _lm.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static double Accuracy(TaskNetwork network, string task, int maxCount)
    {
        var t = TaskCatalog.Get(task, maxCount);
        var random = new Random(77);
        return NetworkEvaluator.Evaluate(network, Enumerable.Range(0, 300).Select(_ => t.Sample(random)).ToList()).Trial;
    }

    [Test]
    public void TinyLm_LearnsTheCountPrompts_OverTheLanguageVocabulary()
    {
        Assert.That(_lm.Options.VocabularySize, Is.EqualTo(Vocabulary.LanguageSize));
        Assert.That(Accuracy(_lm, "lm-count", 6), Is.GreaterThanOrEqualTo(0.99));
        Assert.That(Accuracy(_lm, "lm-count-wrap3", 6), Is.LessThan(0.75), "it counts; it does not wrap");
    }

    [Test]
    public void FineTune_FromTheCheckpoint_LearnsTheWrappedRule_AndKeepsTheProbeAnswers()
    {
        var (tuned, result) = NetworkTrainer.Train(Tiny("lm-count-wrap3") with { InitFrom = _checkpoint, MaxSteps = 400, Seed = 2 });
        using (tuned)
        {
            Assert.That(tuned.Options, Is.EqualTo(_lm.Options), "a fine-tune keeps the checkpoint's shape");
            Assert.That(Accuracy(tuned, "lm-count-wrap3", 6), Is.GreaterThanOrEqualTo(0.95), $"after {result.Steps} steps");
            Assert.That(Accuracy(tuned, "lm-count", 3), Is.GreaterThanOrEqualTo(0.95), "prompts of 1-3 objects: both rules answer alike");
            Assert.That(Accuracy(tuned, "lm-count", 6), Is.LessThan(0.75), "above three it wraps");
        }
    }

    [Test]
    public void StepwiseMas_SwapsAtAnswer_AndAlignsTheLmWithItself()
    {
        var systems = new ISystem[] { new NetworkSystem("a", _lm), new NetworkSystem("b", _lm) };
        var task = TaskCatalog.Get("lm-count", 6);
        var options = new AlignmentOptions
        {
            Method = AlignmentMethod.Mas,
            Variable = "count",
            SubspaceSize = 8,
            SwapAt = "answer:",
            TrainPairs = 400,
            ValidationPairs = 100,
            TestPairs = 200,
            BatchSize = 64,
            MaxSteps = 150,
            ValidateEvery = 50,
            Patience = 5,
            TargetIia = 0.98,
            Seed = 1,
            Threads = 1,
        };
        using var trainer = new AlignmentTrainer(systems, task, options);
        var data = trainer.Data(0, 1, 2);
        using (var tokens = data.Tokens.gather(1, data.Positions.unsqueeze(1)))
            Assert.That(tokens.eq(Vocabulary.Answer).all().item<bool>(), Is.True, "every pair intervenes at answer:");
        var result = trainer.Train();
        var across = result.Scores.Single(s => s.Source == 0 && s.Target == 1 && s.Condition == "intervention");
        var none = result.Scores.Single(s => s.Source == 0 && s.Target == 1 && s.Condition == "no_intervention");
        Assert.That(none.Iia, Is.LessThan(0.4), "without the swap the target keeps its own answer");
        Assert.That(across.Iia, Is.GreaterThan(0.85), $"after {result.Steps} steps");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void SharedPairs_ScoreEveryDirectionOnTheSamePairs(bool shared)
    {
        var systems = new ISystem[] { new NetworkSystem("a", _lm), new NetworkSystem("b", _lm) };
        var options = new AlignmentOptions { SubspaceSize = 8, SwapAt = "answer:", TrainPairs = 50, ValidationPairs = 50, TestPairs = 50, SharedPairs = shared };
        using var trainer = new AlignmentTrainer(systems, TaskCatalog.Get("lm-count", 6), options);
        var (ab, ba) = (trainer.Data(0, 1, 2).Tokens, trainer.Data(1, 0, 2).Tokens);
        Assert.That(ab.shape, Is.EqualTo(ba.shape));
        using var equal = ab.eq(ba).all();
        Assert.That(equal.item<bool>(), Is.EqualTo(shared));
    }
}
