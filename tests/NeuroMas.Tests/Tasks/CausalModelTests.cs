using NeuroMas.Tasks;

namespace NeuroMas.Tests.Tasks;

public class CausalModelTests
{
    private static readonly NumericTask MultiObject = new(NumericTaskKind.MultiObject);
    private static ICausalModel Model => MultiObject.CausalModel;

    private static TaskSequence Sequence(string tokens) =>
        TaskSequence.Replay(Model, Vocabulary.Parse(tokens), out var reason) ?? throw new AssertionException(reason!);

    [Test]
    public void SettingCountToFive_AtTheTriggerOfAOneObjectSequence_GivesFiveResponsesThenEnd()
    {
        var target = Sequence("B D0 T R E");
        var source = Sequence("B D0 D1 D2 D0 D1 T R R R R R E");
        // State after the source's fifth demo token: count 5 (demo phase); swap only `count`.
        var pair = Counterfactuals.TryBuild(Model, source, 5, target, 2, [CountUpDownModel.Count], 64)!;
        Assert.That(pair.IntervenedState, Is.EqualTo(new[] { 5, CountUpDownModel.ResponsePhase }));
        Assert.That(pair.Counterfactual.ToString(), Is.EqualTo("B D0 T R R R R R E"));
        Assert.That(pair.Counterfactual.Scored, Is.EqualTo(new[] { false, false, false, true, true, true, true, true, true }));
    }

    [Test]
    public void FullSwap_FromDemoPhaseSourceIntoResponsePhaseTarget_SendsTheTargetBackToCountingUp()
    {
        var source = Sequence("B D0 D1 D2 T R R R E");
        var target = Sequence("B D1 D1 D1 D1 T R R R R E");
        // Source after its second demo token: count 2, demo phase. Target after its first response token.
        var pair = Counterfactuals.TryBuild(Model, source, 2, target, 6, [CountUpDownModel.Count, CountUpDownModel.Phase], 64)!;
        Assert.That(pair.IntervenedState, Is.EqualTo(new[] { 2, CountUpDownModel.DemoPhase }));
        // Back in the demo phase the model counts demo tokens up again...
        Assert.That(Model.Step(pair.IntervenedState, Vocabulary.Demo2), Is.EqualTo(new[] { 3, CountUpDownModel.DemoPhase }));
        Assert.That(Model.Predict(pair.IntervenedState), Is.Null, "the environment, not the system, supplies the next token");
        // ...and with no demonstration left the environment presents the trigger, then it responds twice.
        Assert.That(pair.Counterfactual.ToString(), Is.EqualTo("B D1 D1 D1 D1 T R T R R E"));
    }

    [Test]
    public void CountSwap_IntoDemoPhaseTarget_KeepsCountingTheTargetsRemainingDemonstration()
    {
        var source = Sequence("B D0 D0 D0 T R R R E");
        var target = Sequence("B D2 D2 D2 D2 T R R R R E");
        var pair = Counterfactuals.TryBuild(Model, source, 3, target, 1, [CountUpDownModel.Count], 64)!;
        Assert.That(pair.Counterfactual.ToString(), Is.EqualTo("B D2 D2 D2 D2 T R R R R R R E"));
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(7)]
    public void FullSwap_BetweenIdenticalStates_IsANoOp(int position)
    {
        var sequence = Sequence("B D0 D1 D2 D0 T R R R R E");
        var pair = Counterfactuals.TryBuild(Model, sequence, position, sequence, position, [0, 1], 64)!;
        Assert.That(pair.Counterfactual.Tokens, Is.EqualTo(sequence.Tokens));
        Assert.That(pair.Counterfactual.Scored, Is.EqualTo(sequence.Scored));
    }

    [Test]
    public void EveryGeneratedSequence_IsOneTheCausalModelAccepts()
    {
        foreach (var name in TaskCatalog.Names)
        {
            var task = TaskCatalog.Get(name);
            var random = new Random(3);
            for (var i = 0; i < 200; i++)
            {
                var s = task.Sample(random);
                Assert.That(TaskSequence.Replay(task.CausalModel, s.Tokens, out var reason), Is.Not.Null, $"{name}: {s}: {reason}");
                Assert.That(s.Tokens[0], Is.EqualTo(Vocabulary.Begin));
                Assert.That(s.Length, Is.LessThanOrEqualTo(task.MaxLength));
            }
        }
    }

    [TestCase("B D0 T R R E")]
    [TestCase("B D0 D1 T R E")]
    [TestCase("B D0 T E")]
    [TestCase("B D0 T R")]
    public void Replay_RejectsSequencesThatBreakTheModel(string tokens) =>
        Assert.That(TaskSequence.Replay(Model, Vocabulary.Parse(tokens), out _), Is.Null);

    [TestCase("multi-object-modulo", 5, 1)]
    [TestCase("multi-object-modulo", 8, 0)]
    [TestCase("single-object-square", 3, 9)]
    [TestCase("same-object-rounding", 4, 3)]
    [TestCase("same-object-rounding", 5, 6)]
    [TestCase("single-object", 7, 7)]
    public void Variants_SetTheResponseCount(string name, int demonstrated, int responses)
    {
        var task = (NumericTask)TaskCatalog.Get(name, maxCount: 8);
        var s = task.Sample(new Random(1), demonstrated);
        var responseToken = task.Kind == NumericTaskKind.SameObject ? Vocabulary.Demo : Vocabulary.Response;
        Assert.That(s.Tokens.Skip(s.TriggerIndex + 1).Count(t => t == responseToken), Is.EqualTo(responses));
        Assert.That(s.Tokens[^1], Is.EqualTo(Vocabulary.End));
    }

    [Test]
    public void SameObjectTask_RespondsWithTheDemoToken()
    {
        var s = ((NumericTask)TaskCatalog.Get("same-object")).Sample(new Random(1), 3);
        Assert.That(s.ToString(), Is.EqualTo("B D D D T D D D E"));
    }

    [Test]
    public void UnknownTask_IsAnInputErrorNamingTheKnownTasks()
    {
        var e = Assert.Throws<InputException>(() => TaskCatalog.Get("multi-objects"));
        Assert.That(e!.Message, Does.Contain("multi-object").And.Contain("found 'multi-objects'"));
    }
}
