namespace NeuroMas.Recordings;

/// <summary>
/// Recorded population activity of an inaccessible system: one row per sample, one column per
/// unit, with the causal state of the task at each sample (one int per causal variable, named as
/// the causal model names it), the trial the sample belongs to and its step within the trial.
/// Arrays are shared, not copied: treat them as read-only. Made by the readers
/// (<see cref="Hdf5RecordingReader"/>, <see cref="NwbRecordingReader"/>,
/// <see cref="CsvRecordingReader"/>) or directly.
/// </summary>
public sealed class Recording
{
    /// <param name="source">The file the data came from (named in every error message).</param>
    /// <param name="activity">Activity, shape <c>[samples, units]</c>.</param>
    /// <param name="labels">Per causal variable, one value per sample: <c>[samples]</c>.</param>
    /// <param name="trial">Trial id per sample, <c>[samples]</c>.</param>
    /// <param name="step">Step (time index within the trial) per sample, <c>[samples]</c>.</param>
    /// <param name="fields">Where each part came from in the file, for messages: keys
    /// <c>activity</c>, <c>trial</c>, <c>step</c> and each variable name; values such as
    /// <c>/labels/count</c>. Missing keys are named by the key itself.</param>
    /// <param name="droppedSamples">Samples of the file the reader left out (padding after a
    /// trial's end, windows excluded by option), so a caller can report them.</param>
    /// <param name="notes">What the reader did beyond the plain layout, one line each (units
    /// selected, padding dropped), for inspect and validate output.</param>
    public Recording(string source, float[,] activity, IReadOnlyDictionary<string, int[]> labels,
        int[] trial, int[] step, IReadOnlyDictionary<string, string>? fields = null,
        int droppedSamples = 0, IReadOnlyList<string>? notes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(droppedSamples);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(step);
        Source = source;
        Activity = activity;
        Labels = labels;
        Trial = trial;
        Step = step;
        Fields = fields ?? new Dictionary<string, string>();
        DroppedSamples = droppedSamples;
        Notes = notes ?? [];
    }

    /// <summary>Samples in the file that the reader did not keep (padding, excluded windows); 0 for plain layouts.</summary>
    public int DroppedSamples { get; }

    /// <summary>What the reader did beyond the plain layout, one line each (e.g. "dropped 37 padded samples").</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The file the recording was read from.</summary>
    public string Source { get; }

    /// <summary>Activity, shape <c>[samples, units]</c>.</summary>
    public float[,] Activity { get; }

    /// <summary>Causal variable name → value per sample, each <c>[samples]</c>.</summary>
    public IReadOnlyDictionary<string, int[]> Labels { get; }

    /// <summary>Trial id per sample, <c>[samples]</c>.</summary>
    public int[] Trial { get; }

    /// <summary>Step within the trial per sample, <c>[samples]</c>.</summary>
    public int[] Step { get; }

    /// <summary>Where each part came from in the file (dataset path or column), for messages.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>Number of samples (rows of <see cref="Activity"/>).</summary>
    public int Samples => Activity.GetLength(0);

    /// <summary>Number of units (columns of <see cref="Activity"/>).</summary>
    public int Units => Activity.GetLength(1);

    /// <summary>A copy of one sample's activity, shape <c>[units]</c>.</summary>
    public float[] Row(int sample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, Samples);
        var row = new float[Units];
        for (var u = 0; u < row.Length; u++)
            row[u] = Activity[sample, u];
        return row;
    }

    /// <summary>
    /// The samples at <paramref name="rows"/>, in that order (repeats allowed); activity, labels,
    /// trial and step are copied together.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside <c>[0, Samples)</c>.</exception>
    public Recording Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows)
        {
            if (r < 0 || r >= Samples)
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"row outside [0, {Samples})");
        }
        var activity = new float[rows.Count, Units];
        for (var i = 0; i < rows.Count; i++)
            for (var u = 0; u < Units; u++)
                activity[i, u] = Activity[rows[i], u];
        var labels = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (name, values) in Labels)
            labels[name] = Take(values, rows);
        return new Recording(Source, activity, labels, Take(Trial, rows), Take(Step, rows), Fields, DroppedSamples, Notes);
    }

    /// <summary>Only the units (columns) <paramref name="units"/>, in that order: a subsample of the recorded population.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A unit is outside <c>[0, Units)</c>.</exception>
    public Recording SelectUnits(IReadOnlyList<int> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        foreach (var u in units)
        {
            if (u < 0 || u >= Units)
                throw new ArgumentOutOfRangeException(nameof(units), u, $"unit outside [0, {Units})");
        }
        var activity = new float[Samples, units.Count];
        for (var i = 0; i < Samples; i++)
            for (var u = 0; u < units.Count; u++)
                activity[i, u] = Activity[i, units[u]];
        return new Recording(Source, activity, Labels, Trial, Step, Fields, DroppedSamples, [.. Notes, $"{units.Count} of {Units} units"]);
    }

    /// <summary>The samples for which <paramref name="keep"/> (given the sample index) is true, in order.</summary>
    public Recording Where(Func<int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return Select(Enumerable.Range(0, Samples).Where(keep).ToArray());
    }

    /// <summary>
    /// The shuffled-label control: the same activity, trial and step, with the label tuples
    /// permuted across samples by one seeded permutation. All variables move together, so a
    /// sample receives the whole causal state of another sample and the joint label distribution
    /// is kept; only its link to the activity is broken.
    /// </summary>
    public Recording ShuffleLabels(int seed)
    {
        var permutation = Enumerable.Range(0, Samples).ToArray();
        var random = new Random(seed);
        for (var i = permutation.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }
        var labels = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (name, values) in Labels)
            labels[name] = Take(values, permutation);
        return new Recording(Source, Activity, labels, Trial, Step, Fields, DroppedSamples, Notes);
    }

    /// <summary>
    /// Checks the recording and throws the first problem as a one-line
    /// <see cref="InputException"/> naming the file and field: lengths of labels, trial and step
    /// against the rows of the activity, at least one sample and unit, NaN or infinite activity
    /// (first bad sample and unit), and, when <paramref name="isRepresentable"/> is given, label
    /// values the causal model cannot represent (variable, value and sample).
    /// </summary>
    /// <param name="isRepresentable">(variable, value) → whether the causal model has that state;
    /// null skips this check (the readers call it so, the caller passes the causal model's).</param>
    public void Validate(Func<string, int, bool>? isRepresentable = null)
    {
        var activity = Field("activity");
        var shape = $"[{Samples}, {Units}]";
        if (Samples == 0 || Units == 0)
            throw new InputException($"{Source}: {activity} has shape {shape}: expected at least one sample and one unit");
        CheckLength("trial", Trial.Length, activity, shape);
        CheckLength("step", Step.Length, activity, shape);
        foreach (var (name, values) in Labels)
            CheckLength(name, values.Length, activity, shape);

        for (var i = 0; i < Samples; i++)
        {
            for (var u = 0; u < Units; u++)
            {
                var x = Activity[i, u];
                if (!float.IsFinite(x))
                {
                    var where = Trial.Length == Samples && Step.Length == Samples ? $" (trial {Trial[i]}, step {Step[i]})" : "";
                    throw new InputException(
                        $"{Source}: {activity} has {(float.IsNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf")} at sample {i}{where}, unit {u}: expected finite values");
                }
            }
        }

        if (isRepresentable is null)
            return;
        foreach (var (name, values) in Labels)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!isRepresentable(name, values[i]))
                    throw new InputException(
                        $"{Source}: {Field(name)} has {name} = {values[i]} at sample {i} (trial {Trial[i]}, step {Step[i]}), which the causal model cannot represent");
            }
        }
    }

    private void CheckLength(string key, int length, string activity, string shape)
    {
        if (length != Samples)
            throw new InputException($"{Source}: {activity} has shape {shape} but {Field(key)} has {length} rows");
    }

    private string Field(string key) => Fields.TryGetValue(key, out var f) ? f : key;

    private static int[] Take(int[] values, IReadOnlyList<int> rows)
    {
        var result = new int[rows.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = values[rows[i]];
        return result;
    }
}
