using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

/// <summary>Validation on scored tokens only against the teacher-forced logits of every step (the earlier computation).</summary>
public class BehaviourObjectiveTests
{
    [Test]
    public void Validate_GivesTheLossAndAccuracyOfTheFullTeacherForcedRun()
    {
        using var scope = NewDisposeScope();
        var networks = Path.Combine(Cli.CliRunner.Root, "datasets", "networks");
        var (a, _) = Checkpoint.Load(Path.Combine(networks, "gru-seed1.nmck"));
        var (b, _) = Checkpoint.Load(Path.Combine(networks, "gru-seed2.nmck"));
        using (a)
        using (b)
        {
            ISystem[] systems = [new NetworkSystem("gru1", a), new NetworkSystem("gru2", b)];
            var options = new AlignmentOptions { Method = AlignmentMethod.Mas, SubspaceSize = 16, TrainPairs = 50, ValidationPairs = 300, TestPairs = 10, Variable = "count" };
            using var trainer = new AlignmentTrainer(systems, TaskCatalog.Get("multi-object"), options);
            var data = trainer.Data(0, 1, 1);
            // A full swap of gru1's state into gru2: a change the network answers partly right and partly wrong.
            Tensor Intervene(Tensor rows) => data.SourceStates.index_select(0, rows);
            var (sum, accuracy) = BehaviourObjective.Validate(b, data, Intervene, chunk: 128);

            var (expectedSum, expected) = (0.0, default(Accuracy));
            foreach (var rows in BehaviourObjective.Chunks(data.Count, 128))
            {
                var logits = b.InterventionLogits(data.Tokens.index_select(0, rows), data.Positions.index_select(0, rows), Intervene(rows), data.Steps);
                expectedSum += nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), data.LossTargets.index_select(0, rows).reshape(-1),
                    ignore_index: Vocabulary.Pad, reduction: nn.Reduction.Sum).item<float>();
                expected += Accuracy.Score(logits.argmax(-1), data.Targets.index_select(0, rows), data.Mask.index_select(0, rows));
            }
            Assert.That(expected.Trial * data.Count, Is.InRange(5.0, data.Count - 5.0), "the check needs pairs both right and wrong");
            Assert.That(accuracy, Is.EqualTo(expected));
            Assert.That(sum, Is.EqualTo(expectedSum).Within(1e-4).Percent);
        }
    }
}
