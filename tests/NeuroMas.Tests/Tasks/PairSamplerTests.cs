using NeuroMas.Tasks;

namespace NeuroMas.Tests.Tasks;

public class PairSamplerTests
{
    private static readonly ITask Task = TaskCatalog.Get("multi-object");

    [Test]
    public void SameSeed_GivesTheSamePairs_AndAnotherSeedOthers()
    {
        var a = PairSampler.Sample(Task, new PairSamplerOptions { Count = 50, Seed = 4 });
        var b = PairSampler.Sample(Task, new PairSamplerOptions { Count = 50, Seed = 4 });
        var c = PairSampler.Sample(Task, new PairSamplerOptions { Count = 50, Seed = 5 });
        Assert.That(a.Select(p => p.Counterfactual.ToString()), Is.EqualTo(b.Select(p => p.Counterfactual.ToString())));
        Assert.That(a.Select(p => p.Counterfactual.ToString()), Is.Not.EqualTo(c.Select(p => p.Counterfactual.ToString())));
    }

    [TestCase("count")]
    [TestCase("phase")]
    [TestCase("all")]
    public void Pairs_KeepTheTargetPrefix_TakeTheSwappedVariablesFromTheSource_AndStayInDistribution(string variable)
    {
        var indices = Counterfactuals.VariableIndices(Task.CausalModel, variable);
        foreach (var p in PairSampler.Sample(Task, new PairSamplerOptions { Count = 300, Seed = 2, Variable = variable }))
        {
            Assert.That(p.Counterfactual.Tokens.Take(p.TargetPosition + 1), Is.EqualTo(p.Target.Tokens.Take(p.TargetPosition + 1)));
            for (var v = 0; v < 2; v++)
                Assert.That(p.IntervenedState[v], Is.EqualTo(indices.Contains(v) ? p.SourceState[v] : p.TargetState[v]));
            Assert.That(p.Counterfactual.States.All(Task.InDistribution), Is.True);
            Assert.That(p.Counterfactual.Tokens[^1], Is.EqualTo(Vocabulary.End));
            Assert.That(p.Counterfactual.Length, Is.LessThanOrEqualTo(Task.MaxLength));
        }
    }

    [Test]
    public void CountPairs_OftenChangeTheBehaviour()
    {
        var pairs = PairSampler.Sample(Task, new PairSamplerOptions { Count = 500, Seed = 1 });
        var changed = pairs.Count(p => !p.Counterfactual.Tokens.SequenceEqual(p.Target.Tokens));
        Assert.That(changed, Is.GreaterThan(350), "most count swaps must change what the target should do");
    }
}
