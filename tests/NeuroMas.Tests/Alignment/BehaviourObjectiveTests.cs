using NeuroMas.Alignment;
using NeuroMas.Models;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

/// <summary>
/// Validation and the training loss on scored tokens only, against the teacher-forced logits of every step and libtorch's
/// cross-entropy (the earlier computation; the training loss now goes through the fused read-out, <see cref="ReadoutHead"/>).
/// </summary>
public class BehaviourObjectiveTests
{
    [Test]
    public void Loss_AndItsGradient_MatchTheTeacherForcedCrossEntropyOfEveryStep()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        WithShippedGrus(trainPairs: 200, validationPairs: 10, (b, trainer) =>
        {
            var (fromA, fromB) = (trainer.Data(0, 1, 0), trainer.Data(1, 1, 0));
            long[] Rows(int n) => [.. Enumerable.Range(0, 64).Select(i => (long)(i * 7 % n))];
            var (rowsA, rowsB) = (Rows(fromA.Count), Rows(fromB.Count));
            // Partial swaps, so the network is neither all right nor all wrong.
            Tensor States(DirectionData d, long[] rows) =>
                (0.5 * d.SourceStates.index_select(0, tensor(rows)) + 0.5 * d.TargetStates.index_select(0, tensor(rows))).detach().requires_grad_(true);
            var (statesA, statesB) = (States(fromA, rowsA), States(fromB, rowsB));
            var loss = BehaviourObjective.Loss(b, [(statesA, fromA, rowsA), (statesB, fromB, rowsB)]);
            var gradient = autograd.grad([loss], [statesA, statesB]);

            Tensor Reference(Tensor states, DirectionData d, long[] rows)
            {
                var index = tensor(rows);
                var logits = b.InterventionLogits(d.Tokens.index_select(0, index), d.Positions.index_select(0, index), states, d.Steps);
                var mask = d.Mask.index_select(0, index).reshape(-1);
                return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2])[mask], d.Targets.index_select(0, index).reshape(-1)[mask]);
            }
            var (referenceA, referenceB) = (statesA.detach().clone().requires_grad_(true), statesB.detach().clone().requires_grad_(true));
            var expected = Reference(referenceA, fromA, rowsA) + Reference(referenceB, fromB, rowsB);
            var expectedGradient = autograd.grad([expected], [referenceA, referenceB]);

            Assert.That(loss.item<float>(), Is.EqualTo(expected.item<float>()).Within(1e-5).Percent);
            for (var i = 0; i < 2; i++)
            {
                var scale = expectedGradient[i].abs().max().item<float>();
                Assert.That(scale, Is.GreaterThan(0f));
                Assert.That((gradient[i] - expectedGradient[i]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-4 * scale), $"gradient of direction {i}");
            }
        });
    }

    [Test]
    public void Validate_GivesTheLossAndAccuracyOfTheFullTeacherForcedRun()
    {
        using var scope = NewDisposeScope();
        WithShippedGrus(trainPairs: 50, validationPairs: 300, (b, trainer) =>
        {
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
        });
    }

    /// <summary>MAS between the two shipped GRUs (k = 16, <c>count</c>): runs <paramref name="test"/> on gru2 and the trainer.</summary>
    private static void WithShippedGrus(int trainPairs, int validationPairs, Action<TaskNetwork, AlignmentTrainer> test)
    {
        var networks = Path.Combine(Cli.CliRunner.Root, "datasets", "networks");
        var (a, _) = Checkpoint.Load(Path.Combine(networks, "gru-seed1.nmck"));
        var (b, _) = Checkpoint.Load(Path.Combine(networks, "gru-seed2.nmck"));
        using (a)
        using (b)
        {
            ISystem[] systems = [new NetworkSystem("gru1", a), new NetworkSystem("gru2", b)];
            var options = new AlignmentOptions { Method = AlignmentMethod.Mas, SubspaceSize = 16, TrainPairs = trainPairs, ValidationPairs = validationPairs, TestPairs = 10, Variable = "count" };
            using var trainer = new AlignmentTrainer(systems, TaskCatalog.Get("multi-object"), options);
            test(b, trainer);
        }
    }
}
