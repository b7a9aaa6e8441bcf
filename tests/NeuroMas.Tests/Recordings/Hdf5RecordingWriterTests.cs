using NeuroMas.Recordings;
using PureHDF;

namespace NeuroMas.Tests.Recordings;

/// <summary>The HDF5 writer's files read back through the reader and PureHDF unchanged.</summary>
public class Hdf5RecordingWriterTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() =>
        _directory = Directory.CreateTempSubdirectory("neuromas-h5writer-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>A recording with fractional activity, negative labels and non-contiguous trial ids.</summary>
    internal static Recording Synthetic(int samples = 300, int units = 7, int seed = 3)
    {
        var random = new Random(seed);
        var activity = new float[samples, units];
        for (var i = 0; i < samples; i++)
            for (var u = 0; u < units; u++)
                activity[i, u] = (float)(random.NextDouble() * 20 - 10) / 3f;
        var labels = new Dictionary<string, int[]>
        {
            ["count"] = Enumerable.Range(0, samples).Select(i => i % 9).ToArray(),
            ["phase"] = Enumerable.Range(0, samples).Select(i => i % 4 < 2 ? -1 : 1).ToArray(),
        };
        var trial = Enumerable.Range(0, samples).Select(i => 100 + 3 * (i / 4)).ToArray();
        var step = Enumerable.Range(0, samples).Select(i => i % 4).ToArray();
        return new Recording("synthetic", activity, labels, trial, step);
    }

    [Test]
    public void Write_ThenRead_GivesIdenticalActivityLabelsTrialAndStep()
    {
        var recording = Synthetic();
        var path = Path.Combine(_directory, "rec.h5");
        Hdf5RecordingWriter.Write(path, recording);
        var back = Hdf5RecordingReader.Load(path, new Hdf5ReadOptions(), new LabelMap());
        Assert.That(back.Activity, Is.EqualTo(recording.Activity));
        Assert.That(back.Labels.Keys, Is.EquivalentTo(recording.Labels.Keys));
        foreach (var (name, values) in recording.Labels)
            Assert.That(back.Labels[name], Is.EqualTo(values), name);
        Assert.That(back.Trial, Is.EqualTo(recording.Trial));
        Assert.That(back.Step, Is.EqualTo(recording.Step));
    }

    [Test]
    public void Write_ThenRead_GivesTheFixtureBack_WhenActivitySpansSeveralChunks()
    {
        // 40,000 rows of 12 float32 units exceed one 256 KiB chunk, so chunk boundaries are crossed.
        var fixture = RecordingFixtures.Loaders["hdf5-plain"]();
        var rows = Enumerable.Range(0, 40_000).Select(i => i % fixture.Samples).ToArray();
        var recording = fixture.Select(rows);
        var path = Path.Combine(_directory, "big.h5");
        Hdf5RecordingWriter.Write(path, recording);
        var back = Hdf5RecordingReader.Load(path, new Hdf5ReadOptions(), new LabelMap());
        Assert.That(back.Activity, Is.EqualTo(recording.Activity));
        Assert.That(back.Labels["count"], Is.EqualTo(recording.Labels["count"]));
    }

    [Test]
    public void Write_StoresTheLayoutAsFloat32AndInt32_Compressed()
    {
        var path = Path.Combine(_directory, "rec.h5");
        Hdf5RecordingWriter.Write(path, Synthetic(samples: 4000, units: 20));
        using var file = H5File.OpenRead(path);
        var activity = file.Dataset("/activity");
        Assert.That(activity.Type.Class, Is.EqualTo(H5DataTypeClass.FloatingPoint));
        Assert.That(activity.Type.Size, Is.EqualTo(4));
        Assert.That(activity.Space.Dimensions, Is.EqualTo(new ulong[] { 4000, 20 }));
        foreach (var vector in new[] { "/trial", "/step", "/labels/count", "/labels/phase" })
        {
            var dataset = file.Dataset(vector);
            Assert.That(dataset.Type.Class, Is.EqualTo(H5DataTypeClass.FixedPoint), vector);
            Assert.That(dataset.Type.Size, Is.EqualTo(4), vector);
            Assert.That(dataset.Space.Dimensions, Is.EqualTo(new ulong[] { 4000 }), vector);
        }
        // Random fractional activity barely compresses, but the integer vectors do.
        Assert.That(new FileInfo(path).Length, Is.LessThan(4000 * 20 * 4 + 4 * 4000 * 4 / 2));
    }

    [Test]
    public void ExtraDatasetsAndAttributes_AreReadableWithPureHdf()
    {
        var observation = new float[7, 3];
        for (var i = 0; i < 7; i++)
            for (var j = 0; j < 3; j++)
                observation[i, j] = i * 0.5f - j;
        var path = Path.Combine(_directory, "rec.h5");
        Hdf5RecordingWriter.Write(path, Synthetic(),
            new Dictionary<string, float[,]> { ["/ground_truth/observation"] = observation, ["/ground_truth/bias"] = new float[1, 7] },
            new Dictionary<string, string> { ["checkpoint"] = "gru-seed5.nmck", ["noise"] = "gaussian 0.1" });
        using var file = H5File.OpenRead(path);
        var dataset = file.Dataset("/ground_truth/observation");
        Assert.That(dataset.Space.Dimensions, Is.EqualTo(new ulong[] { 7, 3 }));
        Assert.That(dataset.Read<float[,]>(), Is.EqualTo(observation));
        Assert.That(file.Dataset("/ground_truth/bias").Space.Dimensions, Is.EqualTo(new ulong[] { 1, 7 }));
        Assert.That(file.Attribute("checkpoint").Read<string>(), Is.EqualTo("gru-seed5.nmck"));
        Assert.That(file.Attribute("noise").Read<string>(), Is.EqualTo("gaussian 0.1"));
    }

    [Test]
    public void Write_ReplacesAnExistingFile_AndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_directory, "rec.h5");
        File.WriteAllText(path, "not hdf5");
        Hdf5RecordingWriter.Write(path, Synthetic(samples: 8));
        Assert.That(Hdf5RecordingReader.Load(path, new Hdf5ReadOptions(), new LabelMap()).Samples, Is.EqualTo(8));
        Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { path }));
    }

    [TestCase("/activity")]
    [TestCase("/labels/count")]
    [TestCase("/trial/inside")]
    [TestCase("relative/path")]
    public void ExtraDatasetPath_ThatCollidesOrIsRelative_IsRefused(string extra)
    {
        var path = Path.Combine(_directory, "rec.h5");
        Assert.Throws<ArgumentException>(() => Hdf5RecordingWriter.Write(path, Synthetic(),
            new Dictionary<string, float[,]> { [extra] = new float[2, 2] }));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void RecordingWithNaN_IsNotWritten()
    {
        var recording = Synthetic(samples: 8);
        recording.Activity[5, 2] = float.NaN;
        var path = Path.Combine(_directory, "rec.h5");
        var error = Assert.Throws<InputException>(() => Hdf5RecordingWriter.Write(path, recording));
        Assert.That(error!.Message, Does.Contain("NaN at sample 5 (trial ").And.Contain("), unit 2"));
        Assert.That(File.Exists(path), Is.False);
    }
}
