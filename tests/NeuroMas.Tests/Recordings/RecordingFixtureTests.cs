using NeuroMas.Recordings;
using static NeuroMas.Tests.Recordings.RecordingFixtures;

namespace NeuroMas.Tests.Recordings;

/// <summary>One synthetic recording, written by h5py in every layout, read back by every reader.</summary>
public class RecordingFixtureTests
{
    private static IEnumerable<TestCaseData> Pairs()
    {
        var names = Loaders.Keys.ToList();
        for (var i = 0; i < names.Count; i++)
            for (var j = i + 1; j < names.Count; j++)
                yield return new TestCaseData(names[i], names[j]);
    }

    private static IEnumerable<string> Names() => Loaders.Keys;

    [TestCaseSource(nameof(Pairs))]
    public void SameRecording_ReadsIdentically_FromEveryLayout(string first, string second)
    {
        var a = Loaders[first]();
        var b = Loaders[second]();
        Assert.That(b.Activity, Is.EqualTo(a.Activity), "activity");
        Assert.That(b.Labels.Keys, Is.EquivalentTo(a.Labels.Keys), "label names");
        foreach (var (name, values) in a.Labels)
            Assert.That(b.Labels[name], Is.EqualTo(values), $"label {name}");
        Assert.That(b.Trial, Is.EqualTo(a.Trial), "trial");
        Assert.That(b.Step, Is.EqualTo(a.Step), "step");
    }

    [TestCaseSource(nameof(Names))]
    public void EveryLayout_HoldsTheSyntheticRecording(string name)
    {
        var recording = Loaders[name]();
        var (activity, count, phase, objects) = Expected();
        Assert.That(recording.Samples, Is.EqualTo(Trials * Steps));
        Assert.That(recording.Units, Is.EqualTo(Units));
        Assert.That(recording.Activity, Is.EqualTo(activity));
        Assert.That(recording.Labels["count"], Is.EqualTo(count));
        Assert.That(recording.Labels["phase"], Is.EqualTo(phase));
        Assert.That(recording.Labels["objects"], Is.EqualTo(objects));
        Assert.That(recording.Trial, Is.EqualTo(Enumerable.Range(0, Trials * Steps).Select(i => i / Steps)));
        Assert.That(recording.Step, Is.EqualTo(Enumerable.Range(0, Trials * Steps).Select(i => i % Steps)));
        var source = name.Split('-')[0] switch { "csv" => ".csv", "nwb" => ".nwb", "hdf5" => ".h5", "kilosort" => "kilosort", _ => "plane0" };
        Assert.That(recording.Source, Does.EndWith(source));
    }

    [TestCaseSource(nameof(Names))]
    public void EveryLayout_PassesTheCausalModelCheck(string name)
    {
        var recording = Loaders[name]();
        Assert.DoesNotThrow(() => recording.Validate(Representable));
    }

    [Test]
    public void NwbSpikeWindows_CountOnlyTheSpikesInsideThem()
    {
        // A 0.2 s window 0 reaches the distractor spike every unit fires at event + 0.15 s.
        var wide = NwbRecordingReader.Load(Path("session.nwb"), NwbSpikes with { WindowStop = 0.2 }, EpochToPhase);
        var (activity, _, _, _) = Expected();
        for (var i = 0; i < wide.Samples; i++)
        {
            for (var u = 0; u < Units; u++)
            {
                var extra = i % Steps == 0 ? 1 : 0;
                Assert.That(wide.Activity[i, u], Is.EqualTo(activity[i, u] + extra), $"sample {i}, unit {u}");
            }
        }
    }

    [Test]
    public void Hdf5LabelPaths_ReadOnlyTheLabelsNamed()
    {
        var options = new Hdf5ReadOptions { LabelPaths = { ["count"] = "/labels/count" } };
        var recording = Hdf5RecordingReader.Load(Path("plain.h5"), options, new LabelMap());
        Assert.That(recording.Labels.Keys, Is.EquivalentTo(new[] { "count" }));
        Assert.That(recording.Fields["count"], Is.EqualTo("/labels/count"));
    }

    [Test]
    public void Hdf5WithoutTrialAndStep_GivesEachSampleItsOwnTrial()
    {
        var options = new Hdf5ReadOptions { TrialPath = null, StepPath = null };
        var recording = Hdf5RecordingReader.Load(Path("plain.h5"), options, new LabelMap());
        Assert.That(recording.Trial, Is.EqualTo(Enumerable.Range(0, recording.Samples)));
        Assert.That(recording.Step, Is.All.EqualTo(0));
    }

    [Test]
    public void CsvUnitColumns_AreTakenInTheOrderNamed()
    {
        var options = Csv with { UnitPrefix = null, UnitColumns = ["u11", "u0"] };
        var recording = CsvRecordingReader.Load(Path("recording.csv"), options, new LabelMap());
        var (activity, _, _, _) = Expected();
        Assert.That(recording.Units, Is.EqualTo(2));
        Assert.That(recording.Row(5), Is.EqualTo(new[] { activity[5, 11], activity[5, 0] }));
    }
}
