using NeuroMas.Models.Imported;
using NeuroMas.Tasks;

namespace NeuroMas.Tests.Models.Imported;

/// <summary>An imported network (e.g. a lab's TorchScript LM) is given the prompt tokens of a language-model task.</summary>
public class LanguageTokenMapTests
{
    private static NetworkSpec Spec(IEnumerable<string> names) => new()
    {
        Vocabulary = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i),
    };

    private static readonly string[] PromptTokens =
        ["B", "E", "D0", "D1", "D2", "count:", ";", "answer:", .. Enumerable.Range(0, 11).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    [Test]
    public void LanguageTask_MapsEveryPromptToken_OverTheLanguageVocabulary()
    {
        var ids = ImportedLayout.TokenIds("lm.pt", Spec(PromptTokens), TaskCatalog.Get("lm-count", 10), 64, 64);
        Assert.That(ids, Has.Count.EqualTo(Vocabulary.LanguageSize));
        Assert.That(ids[Vocabulary.Answer], Is.EqualTo(Array.IndexOf(PromptTokens, "answer:")));
        Assert.That(ids[Vocabulary.Number(7)], Is.EqualTo(Array.IndexOf(PromptTokens, "7")));
        Assert.That(ids[Vocabulary.Number(11)], Is.EqualTo(-1), "a number the network has no token for");
    }

    [Test]
    public void MissingPromptToken_AndALanguageTokenForANumericTask_AreOneLineEach()
    {
        Assert.That(() => ImportedLayout.TokenIds("lm.pt", Spec(PromptTokens.Where(t => t != ";")), TaskCatalog.Get("lm-count", 10), 64, 64),
            Throws.TypeOf<InputException>().With.Message.StartsWith("lm.pt: vocabulary: expected ids for every token task lm-count uses").And.Message.EndsWith("found none for ;"));
        Assert.That(() => ImportedLayout.TokenIds("gru.pt", Spec(["B", "T", "E", "R", "D0", "D1", "D2", "answer:"]), TaskCatalog.Get("multi-object"), 64, 64),
            Throws.TypeOf<InputException>().With.Message.EqualTo("gru.pt: vocabulary.answer:: expected a token of task multi-object (ids below 9), found a language-model token"));
    }
}
