namespace NeuroMas.Tests.Cli;

/// <summary>
/// <c>validate</c> on one protocol naming every malformed fixture (each with the reader options that would read the
/// good version of its layout): exit 2, every problem in one pass with its key path, each the same words the run would
/// give, and nothing trained.
/// </summary>
public class ValidateMalformedFixturesTests
{
    private const string EpochToPhase = "    labels:\n      names: {epoch: phase}\n      values: {epoch: {sample: -1, response: 1}}\n";

    private const string Events = "{path: events.csv, step_column: step, label_columns: [count, epoch, objects]}";

    /// <summary>Fixture (under Recordings/Fixtures), its system keys, and a fragment of the message it must get.</summary>
    private static readonly (string File, string Keys, string Fragment)[] Malformed =
    [
        ("bad/truncated.h5", "", "cannot read"),
        ("bad/missing_activity.h5", "", "dataset /activity not found"),
        ("bad/mismatched_lengths.h5", "", "/activity has shape [160, 12] but /labels/count has 158 rows"),
        ("bad/nan_activity.h5", "", "/activity has NaN at sample 17 (trial 4, step 1), unit 3"),
        ("bad/phase_seven.h5", "", "phase = 7"),
        ("bad/padded_nan_inside.h5", "    hdf5: {lengths_path: /lengths}\n" + EpochToPhase, "inside the trial's 2 valid steps"),
        ("bad/missing_epoch.nwb", "    nwb: {label_columns: [count, epoch, objects], window_start: 0.0, window_stop: 0.1, window_stride: 0.2, windows: 4}\n" + EpochToPhase,
            "dataset /intervals/trials/epoch not found"),
        ("bad/steps_outside_obs.nwb", "    nwb: {samples_path: /intervals/steps, step_column: step, label_columns: [count, epoch, objects], unit_column: quality, unit_values: [good]}\n" + EpochToPhase,
            "is outside unit 4's observed time"),
        ("bad/steps_missing_trial.nwb", "    nwb: {samples_path: /intervals/steps, step_column: step, label_columns: [count, epoch, objects], unit_column: quality, unit_values: [good]}\n" + EpochToPhase,
            "trial column /intervals/steps/trial not found"),
        ("bad/ragged.csv", "    csv: {unit_prefix: u, label_columns: [count, phase, objects]}\n", "line 13 has 16 fields but the header has 17"),
        ("bad/nonnumeric.csv", "    csv: {unit_prefix: u, label_columns: [count, phase, objects]}\n", "column u3: expected a finite number, found 'abc'"),
        ("spreadsheet.csv", "    csv: {unit_prefix: u, label_columns: [count, phase, objects]}\n", "looks ';'-separated with decimal commas"),
        ("bad/suite2p_nan", $"    suite2p: {{frame_rate: 100, events: {Events}}}\n" + EpochToPhase, "has NaN at ROI 2, frame 322"),
    ];

    private string _folder = "";

    [OneTimeSetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-malformed-" + Guid.NewGuid().ToString("N")));

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static string Fixture(string name) => Path.Combine(CliRunner.Root, "tests", "NeuroMas.Tests", "Recordings", "Fixtures", name);

    private string Protocol(string name, IEnumerable<(string File, string Keys, string Fragment)> recordings)
    {
        var systems = string.Concat(recordings.Select((r, i) => $"  - name: rec{i}\n    recording: {Fixture(r.File)}\n{r.Keys}"));
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, $"""
            task: multi-object
            systems:
              - name: gru
                checkpoint: {Path.Combine(CliRunner.Root, "datasets", "networks", "gru-seed1.nmck")}
            {systems.TrimEnd()}
            methods: [clmas]
            clmas_networks: [gru]
            variables: [count]
            subspace_sizes: [4]
            seeds: [1]
            max_steps: 5
            output: {Path.Combine(_folder, "out-" + Path.GetFileNameWithoutExtension(name))}
            """);
        return path;
    }

    [Test]
    public void Validate_ListsEveryMalformedFixture_InOnePass_AndTheRunGivesTheSameWords_BeforeTraining()
    {
        var protocol = Protocol("all.yaml", Malformed);
        var (exit, _, err) = CliRunner.Run(_folder, "validate", protocol);
        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Is.EqualTo($"error: {protocol}: {Malformed.Length} problem(s)"));
        for (var i = 0; i < Malformed.Length; i++)
        {
            var line = lines.SingleOrDefault(l => l.StartsWith($"systems[{i + 1}].recording: ", StringComparison.Ordinal));
            Assert.That(line, Is.Not.Null, $"{Malformed[i].File} is listed: {err}");
            Assert.That(line, Does.Contain(Malformed[i].Fragment), Malformed[i].File);
        }

        (exit, var stdout, var runErr) = CliRunner.Run(_folder, "run", protocol);
        Assert.That(exit, Is.EqualTo(2), runErr);
        var runLines = runErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(runLines, Has.Length.EqualTo(1), "the run's error is one line");
        foreach (var problem in lines.Skip(1)) Assert.That(runLines[0], Does.Contain(problem), "the run says what validate said");
        Assert.That(stdout, Does.Not.Contain("training"));
        Assert.That(Directory.Exists(Path.Combine(_folder, "out-all", "runs")), Is.False, "nothing ran");
    }

    [TestCase(3)]
    [TestCase(11)]
    public void OneMalformedFixture_RunAndValidate_SayTheSameOneLine(int which)
    {
        var protocol = Protocol($"one{which}.yaml", [Malformed[which]]);
        var (exit, _, validateErr) = CliRunner.Run(_folder, "validate", protocol);
        Assert.That(exit, Is.EqualTo(2));
        var problem = validateErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1];
        (exit, _, var runErr) = CliRunner.Run(_folder, "run", protocol);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(runErr.Trim(), Is.EqualTo($"error: {protocol}: {problem}"));
    }
}
