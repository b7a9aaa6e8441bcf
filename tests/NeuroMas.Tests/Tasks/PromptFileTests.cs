using NeuroMas.Tasks;

namespace NeuroMas.Tests.Tasks;

public class PromptFileTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => _folder = Directory.CreateTempSubdirectory("neuromas-prompts-").FullName;

    [TearDown]
    public void CleanUp() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "prompts.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static ITask Count => TaskCatalog.Get("lm-count", 10);

    [Test]
    public void GoodFile_GivesItsPrompts_WithAnswersAndCausalStates()
    {
        var path = Write("prompt,answer,count,phase\ncount: D0 D2 ; answer:,2,2,1\ncount: D1 D1 D1 D0 ; answer:,4,4,1\n");
        var task = PromptFile.Read(path, Count);
        Assert.That(task.Sequences.Select(s => s.ToString()), Is.EqualTo(new[] { "B count: D0 D2 ; answer: 2 E", "B count: D1 D1 D1 D0 ; answer: 4 E" }));
        Assert.That(task.Sequences[1].States[^3], Is.EqualTo(new[] { 4, PromptCountModel.AnswerPhase }));
        Assert.That(task.CausalModel, Is.SameAs(Count.CausalModel).Or.InstanceOf<PromptCountModel>());
        var random = new Random(1);
        Assert.That(Enumerable.Range(0, 50).Select(_ => task.Sample(random).Length).Distinct().Order(), Is.EqualTo(new[] { 8, 10 }), "draws every prompt");
        var pairs = PairSampler.Sample(task, new PairSamplerOptions { Count = 20, SwapToken = Vocabulary.Answer });
        Assert.That(pairs.All(p => p.Counterfactual.Tokens[^2] == Vocabulary.Number(p.SourceState[0])), Is.True);
    }

    [Test]
    public void WrappedTask_ChecksAnswersByItsOwnRule()
    {
        var path = Write("prompt,answer\ncount: D0 D0 D0 D0 ; answer:,1\n");
        Assert.That(PromptFile.Read(path, TaskCatalog.Get("lm-count-wrap3", 10)).Sequences, Has.Count.EqualTo(1));
        Assert.That(() => PromptFile.Read(path, Count), Throws.TypeOf<InputException>()
            .With.Message.EqualTo($"{path}: row 2, answer: expected 4 (what the causal model of lm-count answers), found '1'"));
    }

    [TestCase("prompt,reply\ncount: D0 ; answer:,1\n", "header: expected a column 'answer' (prompt, answer and causal labels of lm-count (count, phase)), found prompt, reply")]
    [TestCase("prompt,answer,colour\ncount: D0 ; answer:,1,red\n", "header: expected columns prompt, answer and causal labels of lm-count (count, phase), found 'colour'")]
    [TestCase("prompt,answer\ncount: D0 ; answer:\n", "row 2: expected 2 fields (prompt, answer), found 1")]
    [TestCase("prompt,answer\ncount: D0 D9 ; answer:,2\n", "row 2, prompt: expected token names (e.g. count: D0 ; answer:), found 'D9'")]
    [TestCase("prompt,answer\ncount: D0 D1 ;,2\n", "row 2, prompt: expected a prompt after which the system answers (ending e.g. in answer:), found one that waits for more input")]
    [TestCase("prompt,answer,count\ncount: D0 D1 ; answer:,2,3\n", "row 2, count: expected 2 (the causal state after 'answer:'), found '3'")]
    [TestCase("prompt,answer\n", "rows: expected at least one prompt, found only the header")]
    [TestCase("", "header: expected columns prompt, answer[, causal labels], found an empty file")]
    public void BadFile_IsOneLine_NamingFileFieldExpectedAndFound(string text, string message)
    {
        var path = Write(text);
        Assert.That(() => PromptFile.Read(path, Count), Throws.TypeOf<InputException>().With.Message.EqualTo($"{path}: {message}"));
    }
}
