using NeuroMas.Recordings;
using static NeuroMas.Tests.Recordings.RecordingFixtures;

namespace NeuroMas.Tests.Recordings;

public class RecordingTests
{
    private static Recording Plain() =>
        Hdf5RecordingReader.Load(Path("plain.h5"), new Hdf5ReadOptions(), new LabelMap());

    private static string[] Tuples(Recording r) =>
        Enumerable.Range(0, r.Samples)
            .Select(i => string.Join(",", r.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value[i])))
            .ToArray();

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ShuffleLabels_KeepsLabelTuplesTogether(int seed)
    {
        var recording = Plain();
        var shuffled = recording.ShuffleLabels(seed);
        Assert.That(Tuples(shuffled), Is.EquivalentTo(Tuples(recording)));
        Assert.That(shuffled.Activity, Is.SameAs(recording.Activity));
        Assert.That(shuffled.Trial, Is.EqualTo(recording.Trial));
        Assert.That(shuffled.Step, Is.EqualTo(recording.Step));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ShuffleLabels_ChangesTheAssignment(int seed)
    {
        var recording = Plain();
        var before = Tuples(recording);
        var after = Tuples(recording.ShuffleLabels(seed));
        var moved = before.Zip(after).Count(p => p.First != p.Second);
        // About 20 distinct tuples, 8 samples each: a random permutation keeps ~1/20 in place.
        Assert.That(moved, Is.GreaterThan(recording.Samples / 2));
    }

    [Test]
    public void ShuffleLabels_IsReproducibleForASeed_AndDiffersAcrossSeeds()
    {
        var recording = Plain();
        var first = recording.ShuffleLabels(7).Labels["count"];
        var again = recording.ShuffleLabels(7).Labels["count"];
        var other = recording.ShuffleLabels(8).Labels["count"];
        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void Select_TakesTheRowsInTheOrderGiven()
    {
        var recording = Plain();
        var selected = recording.Select([5, 0, 5]);
        Assert.That(selected.Samples, Is.EqualTo(3));
        Assert.That(selected.Row(0), Is.EqualTo(recording.Row(5)));
        Assert.That(selected.Row(1), Is.EqualTo(recording.Row(0)));
        Assert.That(selected.Labels["count"], Is.EqualTo(new[] { recording.Labels["count"][5], recording.Labels["count"][0], recording.Labels["count"][5] }));
        Assert.That(selected.Trial, Is.EqualTo(new[] { 1, 0, 1 }));
        Assert.That(selected.Step, Is.EqualTo(new[] { 1, 0, 1 }));
        Assert.That(selected.Source, Is.EqualTo(recording.Source));
    }

    [Test]
    public void Where_KeepsOnlyTheChosenSamples()
    {
        var recording = Plain();
        var even = recording.Where(i => recording.Trial[i] % 2 == 0);
        Assert.That(even.Samples, Is.EqualTo(Trials / 2 * Steps));
        Assert.That(even.Trial, Is.All.Matches<int>(t => t % 2 == 0));
        Assert.That(even.Row(Steps), Is.EqualTo(recording.Row(2 * Steps)));
    }

    [Test]
    public void Select_RowOutsideTheRecording_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Plain().Select([160]));
    }

    [Test]
    public void Validate_NamesFileAndDatasets_ForALengthMismatch()
    {
        var recording = new Recording("rec.h5", new float[120, 96],
            new Dictionary<string, int[]> { ["count"] = new int[118] }, new int[120], new int[120],
            new Dictionary<string, string> { ["activity"] = "/activity", ["count"] = "/labels/count" });
        var error = Assert.Throws<InputException>(() => recording.Validate());
        Assert.That(error!.Message, Is.EqualTo("rec.h5: /activity has shape [120, 96] but /labels/count has 118 rows"));
    }

    [Test]
    public void Validate_NamesTheFirstNonFiniteSampleAndUnit()
    {
        var activity = new float[6, 4];
        activity[3, 2] = float.PositiveInfinity;
        activity[5, 0] = float.NaN;
        var recording = new Recording("rec.csv", activity, new Dictionary<string, int[]>(), [0, 0, 1, 1, 2, 2], [0, 1, 0, 1, 0, 1]);
        var error = Assert.Throws<InputException>(() => recording.Validate());
        Assert.That(error!.Message, Is.EqualTo("rec.csv: activity has +Inf at sample 3 (trial 1, step 1), unit 2: expected finite values"));
    }

    [Test]
    public void Validate_RefusesALabelTheCausalModelCannotRepresent()
    {
        var recording = new Recording("rec.h5", new float[3, 2],
            new Dictionary<string, int[]> { ["count"] = [0, 4, -1], ["phase"] = [-1, 1, 1] }, [0, 0, 0], [0, 1, 2]);
        var error = Assert.Throws<InputException>(() => recording.Validate(Representable));
        Assert.That(error!.Message, Does.Contain("count = -1 at sample 2 (trial 0, step 2)"));
    }

    [Test]
    public void Validate_RefusesAnEmptyRecording()
    {
        var recording = new Recording("rec.h5", new float[0, 3], new Dictionary<string, int[]>(), [], []);
        Assert.Throws<InputException>(() => recording.Validate());
    }
}
