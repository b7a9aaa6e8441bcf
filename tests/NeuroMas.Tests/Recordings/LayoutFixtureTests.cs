using System.Text;
using System.Text.RegularExpressions;
using NeuroMas.Recordings;
using PureHDF;
using static NeuroMas.Tests.Recordings.RecordingFixtures;

namespace NeuroMas.Tests.Recordings;

/// <summary>
/// The lab layouts of make_layout_fixtures.py: padded trials, per-sample NWB tables, Kilosort and
/// suite2p folders, checked against plain.h5 and against counts numpy made independently.
/// </summary>
public class LayoutFixtureTests
{
    private static Recording Plain() => Hdf5RecordingReader.Load(Path("plain.h5"), new Hdf5ReadOptions(), new LabelMap());

    private static IEnumerable<TestCaseData> PaddedLayouts()
    {
        yield return new TestCaseData("padded.h5", new Hdf5ReadOptions { LengthsPath = "/lengths" }).SetArgDisplayNames("lengths");
        yield return new TestCaseData("padded_mask.h5", new Hdf5ReadOptions { MaskPath = "/mask" }).SetArgDisplayNames("mask");
        yield return new TestCaseData("padded.h5", new Hdf5ReadOptions { Padded = true }).SetArgDisplayNames("trailing-nan");
    }

    [TestCaseSource(nameof(PaddedLayouts))]
    public void PaddedTrials_ReadAsTheSameSamplesOfThePlainLayout(string file, Hdf5ReadOptions options)
    {
        var padded = Hdf5RecordingReader.Load(Path(file), options, EpochToPhase);
        var plain = Plain();
        var expected = plain.Where(i => plain.Step[i] < Length(plain.Trial[i]));
        Assert.That(padded.Samples, Is.EqualTo(Enumerable.Range(0, Trials).Sum(Length)));
        Assert.That(padded.Activity, Is.EqualTo(expected.Activity));
        Assert.That(padded.Trial, Is.EqualTo(expected.Trial));
        Assert.That(padded.Step, Is.EqualTo(expected.Step));
        foreach (var name in new[] { "count", "phase", "objects" })
            Assert.That(padded.Labels[name], Is.EqualTo(expected.Labels[name]), name);
        // 40 trials × 5 stored steps, minus the valid ones.
        Assert.That(padded.DroppedSamples, Is.EqualTo(Trials * (Steps + 1) - padded.Samples));
        Assert.That(padded.Notes.Single(), Does.StartWith($"dropped {padded.DroppedSamples} padded samples of {Trials * (Steps + 1)}"));
    }

    [Test]
    public void StepsTableSpikeCounts_EqualNumpysIndependentCount_WithGapSpikesInTheFile()
    {
        var all = NwbRecordingReader.Load(Path("steps.nwb"), NwbSteps with { UnitColumn = null, UnitValues = [] }, EpochToPhase);
        var (shape, counts) = ReadInt64Npy(Path("steps_counts.npy"));
        Assert.That(shape, Is.EqualTo(new[] { Trials * Steps, Units + 2 }));
        Assert.That(all.Units, Is.EqualTo(Units + 2));
        for (var i = 0; i < all.Samples; i++)
            for (var u = 0; u < all.Units; u++)
                Assert.That(all.Activity[i, u], Is.EqualTo((float)counts[i * all.Units + u]), $"sample {i}, unit {u}");
        // Spikes outside every window (in the gaps, on window stops) exist and were not counted.
        using var file = H5File.OpenRead(Path("steps.nwb"));
        var spikes = file.Dataset("/units/spike_times").Space.Dimensions[0];
        Assert.That((long)spikes, Is.GreaterThan(counts.Sum() + Trials * Steps * (Units + 2)));
    }

    [Test]
    public void StepsTableUnitColumn_KeepsOnlyTheGoodUnits()
    {
        var good = NwbRecordingReader.Load(Path("steps.nwb"), NwbSteps, EpochToPhase);
        Assert.That(good.Units, Is.EqualTo(Units));
        Assert.That(good.Notes, Does.Contain("kept 12 of 14 units (quality in [good])"));
    }

    [Test]
    public void StepsTableRates_AreCountsOverEachWindowsLength()
    {
        var rates = NwbRecordingReader.Load(Path("steps.nwb"), NwbSteps with { Spikes = SpikeMeasure.Rate }, EpochToPhase);
        var (activity, _, _, _) = Expected();
        for (var i = 0; i < rates.Samples; i++)
        {
            var (start, stop) = Window(i);
            for (var u = 0; u < Units; u++)
                Assert.That(rates.Activity[i, u], Is.EqualTo((float)(activity[i, u] / (stop - start))), $"sample {i}, unit {u}");
        }
    }

    [Test]
    public void WindowsOutsideObsIntervals_AreExcludedWhenAsked()
    {
        var options = NwbSteps with { OutsideObserved = OutsideObserved.Exclude };
        var recording = NwbRecordingReader.Load(Path("bad/steps_outside_obs.nwb"), options, EpochToPhase);
        var plain = Plain();
        // Unit 4 is observed until 30 s: trials 29..39 start after it.
        var expected = plain.Where(i => plain.Trial[i] < 29);
        Assert.That(recording.Samples, Is.EqualTo(29 * Steps));
        Assert.That(recording.DroppedSamples, Is.EqualTo(11 * Steps));
        Assert.That(recording.Activity, Is.EqualTo(expected.Activity));
        Assert.That(recording.Labels["count"], Is.EqualTo(expected.Labels["count"]));
    }

    [Test]
    public void KilosortFolder_CountsEqualNumpysCountFromTheSavedFiles()
    {
        var recording = Loaders["kilosort"]();
        var (shape, counts) = ReadInt64Npy(Path("kilosort/expected_counts.npy"));
        Assert.That(shape, Is.EqualTo(new[] { recording.Samples, recording.Units }));
        for (var i = 0; i < recording.Samples; i++)
            for (var u = 0; u < recording.Units; u++)
                Assert.That(recording.Activity[i, u], Is.EqualTo((float)counts[i * recording.Units + u]), $"sample {i}, unit {u}");
        Assert.That(recording.Notes[0], Does.StartWith("kept 12 clusters (group in [good] from cluster_group.tsv) at 30000 Hz"));
    }

    [Test]
    public void KilosortFolder_WithEveryCluster_HasTheMuaAndNoiseUnitsToo()
    {
        var options = new RecordingReadOptions { Kilosort = new() { Events = Events, Groups = [] }, Labels = EpochToPhase };
        Assert.That(RecordingFile.Load(Path("kilosort"), options).Units, Is.EqualTo(Units + 2));
    }

    [Test]
    public void Suite2pFolder_WithEveryRoi_HasTheNonCellsToo()
    {
        var options = new RecordingReadOptions { Suite2p = new() { Events = Events, FrameRate = 100, CellsOnly = false }, Labels = EpochToPhase };
        Assert.That(RecordingFile.Load(Path("suite2p/plane0"), options).Units, Is.EqualTo(Units + 2));
    }

    /// <summary>A second, minimal .npy reader (little-endian int64, C order) so the expected counts do not pass through the reader under test.</summary>
    private static (int[] Shape, long[] Values) ReadInt64Npy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.That(header, Does.Contain("'descr': '<i8'").And.Contain("'fortran_order': False"));
        var shape = Regex.Match(header, @"'shape': \(([^)]*)\)").Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var values = new long[shape.Aggregate(1, (a, b) => a * b)];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * sizeof(long));
        return (shape, values);
    }
}
