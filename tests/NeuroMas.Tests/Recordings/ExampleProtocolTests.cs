using Microsoft.Extensions.Configuration;
using NeuroMas.Protocols;
using NeuroMas.Recordings;
using NeuroMas.Tests.Cli;

namespace NeuroMas.Tests.Recordings;

/// <summary>
/// Each protocols/examples/*.yaml reads its shipped example recording with its reader keys, and
/// gets the samples and labels of sim-gru4.h5 it was written from (first 60 trials, 16 units).
/// The system keys are bound here to <see cref="RecordingReadOptions"/> directly, as SystemSpec does.
/// </summary>
public class ExampleProtocolTests
{
    private static readonly string[] ReaderKeys = ["hdf5", "nwb", "csv", "kilosort", "suite2p", "labels"];

    private static IEnumerable<string> Protocols() =>
        Directory.GetFiles(Path.Combine(CliRunner.Root, "protocols", "examples"), "*.yaml").Select(Path.GetFileName).OfType<string>();

    [Test]
    public void EveryNewLayout_HasAnExampleProtocol() =>
        Assert.That(Protocols(), Is.SupersetOf(new[] { "padded-trials.yaml", "nwb-intervals.yaml", "kilosort.yaml", "suite2p.yaml", "spreadsheet-csv.yaml" }));

    [TestCaseSource(nameof(Protocols))]
    public void ExampleProtocol_ReadsTheSimulatedRecordingItWasWrittenFrom(string name)
    {
        var file = Path.Combine(CliRunner.Root, "protocols", "examples", name);
        var config = new ConfigurationBuilder().AddYamlFile(file).Build();
        var system = config.GetSection("systems").GetChildren().Single(s => s["recording"] is not null);
        var readerKeys = system.AsEnumerable(makePathsRelative: true)
            .Where(kv => kv.Value is not null && ReaderKeys.Contains(kv.Key.Split(':')[0], StringComparer.OrdinalIgnoreCase));
        var reader = new ConfigurationBuilder().AddInMemoryCollection(readerKeys).Build();
        Assert.That(ConfigSchema.Check(reader, typeof(RecordingReadOptions)), Is.Empty);
        var options = reader.Get<RecordingReadOptions>() ?? new RecordingReadOptions();

        var recording = RecordingFile.Load(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, system["recording"]!)), options);
        var sim = Hdf5RecordingReader.Load(Path.Combine(CliRunner.Root, "datasets", "recordings", "sim-gru4.h5"), new Hdf5ReadOptions(), new LabelMap());
        var expected = sim.Where(i => sim.Trial[i] < 60);
        Assert.That(recording.Samples, Is.EqualTo(expected.Samples));
        Assert.That(recording.Units, Is.EqualTo(16));
        Assert.That(recording.Trial, Is.EqualTo(expected.Trial));
        Assert.That(recording.Step, Is.EqualTo(expected.Step));
        Assert.That(recording.Labels["count"], Is.EqualTo(expected.Labels["count"]));
        Assert.That(recording.Labels["phase"], Is.EqualTo(expected.Labels["phase"]));
        if (name is "padded-trials.yaml" or "suite2p.yaml")
        {
            for (var i = 0; i < expected.Samples; i += 97)
                Assert.That(recording.Row(i), Is.EqualTo(expected.Row(i).Take(16)), $"sample {i}");
        }
    }
}
