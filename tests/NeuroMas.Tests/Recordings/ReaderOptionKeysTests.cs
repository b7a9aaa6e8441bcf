using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NeuroMas.Protocols;
using NeuroMas.Recordings;

namespace NeuroMas.Tests.Recordings;

/// <summary>Reader options bind from snake_case keys, and old or mistyped spellings fail with a suggestion.</summary>
public class ReaderOptionKeysTests
{
    private static readonly Type[] OptionTypes =
    [
        typeof(RecordingReadOptions), typeof(Hdf5ReadOptions), typeof(NwbReadOptions), typeof(CsvReadOptions),
        typeof(KilosortReadOptions), typeof(Suite2pReadOptions), typeof(EventsTableOptions), typeof(LabelMap),
    ];

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static IEnumerable<TestCaseData> Properties() =>
        OptionTypes.SelectMany(t => t.GetProperties().Where(p => p.CanWrite).Select(p => new TestCaseData(p).SetArgDisplayNames($"{t.Name}.{p.Name}")));

    [TestCaseSource(nameof(Properties))]
    public void EveryReaderOption_HasASnakeCaseKey(PropertyInfo property)
    {
        var snake = Regex.Replace(property.Name, "(?<!^)([A-Z])", "_$1").ToLowerInvariant();
        Assert.That(ConfigSchema.KeyOf(property), Is.EqualTo(snake));
    }

    [TestCase("hdf5:activityPath", "hdf5.activityPath: unknown key; did you mean activity_path?")]
    [TestCase("hdf5:ActivityPath", "hdf5.ActivityPath: unknown key; did you mean activity_path?")]
    [TestCase("csv:unitPrefix", "csv.unitPrefix: unknown key; did you mean unit_prefix?")]
    [TestCase("nwb:window_stpo", "nwb.window_stpo: unknown key; did you mean window_stop?")]
    [TestCase("kilosort:events:labelColumns", "kilosort.events.labelColumns: unknown key; did you mean label_columns?")]
    [TestCase("suite2p:framerate", "suite2p.framerate: unknown key; did you mean frame_rate?")]
    public void OldOrMistypedKey_FailsWithTheNearestKnownKey(string key, string expected)
    {
        var problems = ConfigSchema.Check(Config((key, "x")), typeof(RecordingReadOptions));
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith(expected));
    }

    [Test]
    public void FarFromEveryKey_GetsNoSuggestion()
    {
        var problems = ConfigSchema.Check(Config(("hdf5:zzzzzzzz", "x")), typeof(RecordingReadOptions));
        Assert.That(problems.Single(), Does.Contain("unknown key; expected one of").And.Not.Contain("did you mean"));
    }

    [Test]
    public void SnakeCaseKeys_BindEveryReader()
    {
        var config = Config(("hdf5:activity_path", "/x"), ("hdf5:lengths_path", "/lengths"), ("csv:unit_prefix", "cell"),
            ("csv:decimal", ","), ("csv:separator", ";"), ("nwb:samples_path", "/intervals/steps"), ("nwb:unit_values:0", "good"),
            ("nwb:outside_observed", "exclude"), ("nwb:spikes", "rate"), ("kilosort:events:label_columns:0", "count"),
            ("kilosort:sample_rate", "20000"), ("suite2p:frame_rate", "30"), ("suite2p:activity_file", "spks.npy"));
        Assert.That(ConfigSchema.Check(config, typeof(RecordingReadOptions)), Is.Empty);
        var options = config.Get<RecordingReadOptions>()!;
        Assert.That(options.Hdf5.ActivityPath, Is.EqualTo("/x"));
        Assert.That(options.Hdf5.LengthsPath, Is.EqualTo("/lengths"));
        Assert.That(options.Csv!.UnitPrefix, Is.EqualTo("cell"));
        Assert.That((options.Csv.Decimal, options.Csv.Separator), Is.EqualTo((',', ';')));
        Assert.That(options.Nwb.SamplesPath, Is.EqualTo("/intervals/steps"));
        Assert.That(options.Nwb.UnitValues, Is.EqualTo(new[] { "good" }));
        Assert.That((options.Nwb.OutsideObserved, options.Nwb.Spikes), Is.EqualTo((OutsideObserved.Exclude, SpikeMeasure.Rate)));
        Assert.That(options.Kilosort.Events.LabelColumns, Is.EqualTo(new[] { "count" }));
        Assert.That(options.Kilosort.SampleRate, Is.EqualTo(20000));
        Assert.That((options.Suite2p.FrameRate, options.Suite2p.ActivityFile), Is.EqualTo(((double?)30, "spks.npy")));
    }
}
