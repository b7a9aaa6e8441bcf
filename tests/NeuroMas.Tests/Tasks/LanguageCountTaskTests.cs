using NeuroMas.Tasks;

namespace NeuroMas.Tests.Tasks;

public class LanguageCountTaskTests
{
    [Test]
    public void Prompt_ListsTheObjects_AndAnswersTheirNumber()
    {
        var task = TaskCatalog.Get("lm-count", 12);
        var random = new Random(5);
        for (var n = 1; n <= 12; n++)
        {
            var s = ((LanguageCountTask)task).Sample(random, n);
            var text = s.ToString().Split(' ');
            Assert.That(text[..2], Is.EqualTo(new[] { "B", "count:" }));
            Assert.That(text[2..(2 + n)], Is.All.Matches<string>(t => t is "D0" or "D1" or "D2"));
            Assert.That(text[(2 + n)..], Is.EqualTo(new[] { ";", "answer:", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "E" }));
            // Only the answer and E are the system's own tokens.
            Assert.That(s.Scored.Select((x, i) => x ? i : -1).Where(i => i >= 0), Is.EqualTo(new[] { s.Length - 2, s.Length - 1 }));
        }
    }

    [Test]
    public void CausalState_AfterEveryToken_CountsTheObjectsSoFar_AndAnswerSwitchesPhase()
    {
        var task = new LanguageCountTask(1, 8);
        var s = task.Sample(new Random(2), 5);
        for (var t = 0; t < 2; t++) Assert.That(s.States[t], Is.EqualTo(new[] { 0, PromptCountModel.PromptPhase }));
        for (var k = 1; k <= 5; k++) Assert.That(s.States[1 + k], Is.EqualTo(new[] { k, PromptCountModel.PromptPhase }), $"after object {k}");
        var answer = Array.IndexOf(s.Tokens, Vocabulary.Answer);
        Assert.That(s.States[answer - 1], Is.EqualTo(new[] { 5, PromptCountModel.PromptPhase }), "after ;");
        Assert.That(s.States[answer], Is.EqualTo(new[] { 5, PromptCountModel.AnswerPhase }), "after answer:");
        Assert.That(s.States[answer + 1], Is.EqualTo(new[] { 5, PromptCountModel.AnsweredPhase }), "after the number");
    }

    [TestCase(3, 3)]
    [TestCase(10, 10)]
    [TestCase(11, 1)]
    [TestCase(17, 7)]
    [TestCase(20, 10)]
    public void Wrap10_AgreesWithCounting_UpToTen_AndWrapsAbove(int count, int answer)
    {
        var task = (LanguageCountTask)TaskCatalog.Get("lm-count-wrap10", 20);
        var s = task.Sample(new Random(1), count);
        Assert.That(s.Tokens[^2], Is.EqualTo(Vocabulary.Number(answer)));
        Assert.That(task.Answer(count), Is.EqualTo(count <= 10 ? new LanguageCountTask(1, 20).Answer(count) : answer));
    }

    [Test]
    public void StepwisePairs_SwapAtAnswer_AndTheCounterfactualSaysTheSourceCount()
    {
        var task = TaskCatalog.Get("lm-count", 10);
        var pairs = PairSampler.Sample(task, new PairSamplerOptions { Count = 200, Seed = 3, SwapToken = Vocabulary.Answer });
        foreach (var p in pairs)
        {
            Assert.That(p.Source.Tokens[p.SourcePosition], Is.EqualTo(Vocabulary.Answer));
            Assert.That(p.Target.Tokens[p.TargetPosition], Is.EqualTo(Vocabulary.Answer));
            var sourceCount = p.Source.Tokens.Count(t => t is Vocabulary.Demo0 or Vocabulary.Demo1 or Vocabulary.Demo2);
            Assert.That(p.Counterfactual.Tokens[(p.TargetPosition + 1)..], Is.EqualTo(new[] { Vocabulary.Number(sourceCount), Vocabulary.End }));
            Assert.That(p.Counterfactual.Tokens[..(p.TargetPosition + 1)], Is.EqualTo(p.Target.Tokens[..(p.TargetPosition + 1)]));
        }
        Assert.That(pairs.Count(p => p.Counterfactual.Tokens.SequenceEqual(p.Target.Tokens)), Is.LessThan(pairs.Count / 4), "most pairs change the answer");
    }

    [Test]
    public void PairsMidPrompt_CarryTheSourceCount_PlusTheTargetsRemainingObjects()
    {
        var task = TaskCatalog.Get("lm-count", 10);
        foreach (var p in PairSampler.Sample(task, new PairSamplerOptions { Count = 300, Seed = 4 }).Where(p => p.TargetState[PromptCountModel.Phase] == PromptCountModel.PromptPhase))
        {
            var remaining = p.Target.Tokens[(p.TargetPosition + 1)..].Count(t => t is Vocabulary.Demo0 or Vocabulary.Demo1 or Vocabulary.Demo2);
            Assert.That(p.Counterfactual.Tokens[^2], Is.EqualTo(Vocabulary.Number(p.SourceState[PromptCountModel.Count] + remaining)), p.Counterfactual.ToString());
        }
    }

    [Test]
    public void SwapToken_MissingFromTheTask_IsAnInputError()
    {
        var e = Assert.Throws<InputException>(() => PairSampler.Sample(TaskCatalog.Get("multi-object"), new PairSamplerOptions { Count = 5, SwapToken = Vocabulary.Answer }));
        Assert.That(e!.Message, Does.StartWith("swap_at: expected a token").And.Contain("answer:"));
    }

    [TestCase("lm-count-wrap0")]
    [TestCase("lm-count-wrapx")]
    public void BadWrap_IsAnInputError(string name) =>
        Assert.That(() => TaskCatalog.Get(name), Throws.TypeOf<InputException>().With.Message.Contains("lm-count-wrap<w>"));
}
