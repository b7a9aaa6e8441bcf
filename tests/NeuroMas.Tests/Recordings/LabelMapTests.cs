using Microsoft.Extensions.Configuration;
using NeuroMas.Recordings;
using static NeuroMas.Tests.Recordings.RecordingFixtures;

namespace NeuroMas.Tests.Recordings;

public class LabelMapTests
{
    private static Recording TrialsTime(LabelMap map) =>
        Hdf5RecordingReader.Load(Path("trials_time.h5"), new Hdf5ReadOptions(), map);

    private static Recording Plain(LabelMap map) =>
        Hdf5RecordingReader.Load(Path("plain.h5"), new Hdf5ReadOptions(), map);

    [Test]
    public void StringValues_MapOntoTheCausalVariable()
    {
        var recording = TrialsTime(EpochToPhase);
        Assert.That(recording.Labels.Keys, Is.EquivalentTo(new[] { "count", "phase", "objects" }));
        Assert.That(recording.Labels["phase"], Is.EqualTo(Expected().Phase));
        Assert.That(recording.Fields["phase"], Is.EqualTo("/labels/epoch"));
    }

    [Test]
    public void NumericLabels_PassThrough_UnderTheirOwnName()
    {
        var recording = Plain(new LabelMap());
        Assert.That(recording.Labels["count"], Is.EqualTo(Expected().Count));
        Assert.That(recording.Labels["phase"], Is.EqualTo(Expected().Phase));
    }

    [Test]
    public void NumericValues_CanBeRenamedAndRemapped()
    {
        var map = new LabelMap
        {
            Names = { ["phase"] = "response" },
            Values = { ["phase"] = new() { ["-1"] = "0", ["1"] = "1" } },
        };
        var recording = Plain(map);
        Assert.That(recording.Labels.ContainsKey("phase"), Is.False);
        Assert.That(recording.Labels["response"], Is.EqualTo(Expected().Phase.Select(p => p > 0 ? 1 : 0)));
    }

    [Test]
    public void ValueMissingFromTheMap_IsRefused_NamingIt()
    {
        var map = new LabelMap
        {
            Names = { ["epoch"] = "phase" },
            Values = { ["epoch"] = new() { ["sample"] = "-1" } },
        };
        var error = Assert.Throws<InputException>(() => TrialsTime(map));
        Assert.That(error!.Message, Does.Contain("/labels/epoch has 'response' at sample 2"));
    }

    [Test]
    public void TextLabel_WithoutAValueMap_IsRefused()
    {
        var error = Assert.Throws<InputException>(() => TrialsTime(new LabelMap()));
        Assert.That(error!.Message, Does.Contain("/labels/epoch has 'sample' at sample 0").And.Contain("expected an integer"));
    }

    [Test]
    public void MapKey_NamingNoLabelOfTheFile_IsRefused()
    {
        var error = Assert.Throws<InputException>(() => Plain(new LabelMap { Names = { ["epch"] = "phase" } }));
        Assert.That(error!.Message, Does.Contain("names 'epch'"));
    }

    [Test]
    public void TwoLabels_OntoOneVariable_AreRefused()
    {
        var error = Assert.Throws<InputException>(() => Plain(new LabelMap { Names = { ["objects"] = "count" } }));
        Assert.That(error!.Message, Does.Contain("maps onto 'count'"));
    }

    [Test]
    public void LabelNamedLikeTheRecordingsOwnParts_IsRefused()
    {
        var error = Assert.Throws<InputException>(() => Plain(new LabelMap { Names = { ["objects"] = "trial" } }));
        Assert.That(error!.Message, Does.Contain("/labels/objects would become the variable 'trial'"));
    }

    [Test]
    public void ValueMapTarget_ThatIsNotAnInteger_IsRefused()
    {
        var map = new LabelMap { Values = { ["phase"] = new() { ["-1"] = "demo", ["1"] = "1" } } };
        var error = Assert.Throws<InputException>(() => Plain(map));
        Assert.That(error!.Message, Does.Contain("Values[phase][-1] is 'demo'"));
    }

    [Test]
    public void LabelMap_BindsFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["labels:names:epoch"] = "phase",
                ["labels:values:epoch:sample"] = "-1",
                ["labels:values:epoch:response"] = "1",
            })
            .Build();
        var map = configuration.GetSection("labels").Get<LabelMap>(o => o.ErrorOnUnknownConfiguration = true);
        Assert.That(map, Is.Not.Null);
        Assert.That(TrialsTime(map!).Labels["phase"], Is.EqualTo(Expected().Phase));
    }
}
