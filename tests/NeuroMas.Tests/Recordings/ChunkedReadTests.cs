using NeuroMas;
using NeuroMas.Recordings;
using PureHDF;
using PureHDF.VOL.Native;
using static NeuroMas.Tests.Recordings.RecordingFixtures;

namespace NeuroMas.Tests.Recordings;

/// <summary>
/// The chunk-parallel HDF5 read (<see cref="H5ChunkScatter"/>) on files h5py wrote with partial chunks on both edges,
/// several filters and byte orders (Fixtures/make_chunk_fixtures.py): every element lands where it belongs.
/// </summary>
public class ChunkedReadTests
{
    private static readonly string[] LittleEndian = ["gzip", "shuffle-gzip-fletcher", "uncompressed", "wide-chunks", "auto"];

    private static string FilePath(string name) => Path(System.IO.Path.Combine("chunks", name + ".h5"));

    /// <summary>The plain recording's activity plus (sample · 12 + unit) / 4096: every element distinct, exact in float32.</summary>
    private static float[,] Distinct()
    {
        var activity = Expected().Activity;
        for (var i = 0; i < activity.GetLength(0); i++)
            for (var u = 0; u < activity.GetLength(1); u++)
                activity[i, u] = (float)(activity[i, u] + (i * Units + u) / 4096.0);
        return activity;
    }

    [TestCaseSource(nameof(LittleEndian))]
    public void ChunkedActivity_IsReadChunkByChunk_WithEveryElementInPlace(string name)
    {
        using var file = H5File.OpenRead(FilePath(name));
        var dataset = (NativeDataset)file.Dataset("/activity");
        var values = new float[Trials * Steps, Units];

        Assert.That(H5ChunkScatter.TryRead(dataset, values), Is.True, "the chunk-parallel path applies");
        Assert.That(values, Is.EqualTo(Distinct()));
    }

    [Test]
    public void BigEndianActivity_IsAOneLineInputError_NamingTheFile()
    {
        // PureHDF 2.2 reads no big-endian data; the reader says so in one line instead of misreading the bytes.
        var error = Assert.Throws<InputException>(() => RecordingFile.Load(FilePath("big-endian")));
        Assert.That(error!.Message, Does.Contain("big-endian.h5").And.Contain("/activity").And.Contain("order"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [TestCaseSource(nameof(LittleEndian))]
    public void Reader_GivesTheSameRecordingAsThePlainFile_PlusTheDistinctOffsets(string name)
    {
        var recording = RecordingFile.Load(FilePath(name));
        var (_, count, phase, _) = Expected();

        Assert.That(recording.Activity, Is.EqualTo(Distinct()));
        Assert.That(recording.Labels["count"], Is.EqualTo(count));
        Assert.That(recording.Labels["phase"], Is.EqualTo(phase));
    }
}
