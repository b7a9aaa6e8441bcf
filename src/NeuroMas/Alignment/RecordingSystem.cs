using NeuroMas.Recordings;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// A causally inaccessible system: recorded samples, found by their causal state (every variable of the
/// causal model). It can give a state for a causal state (a recorded sample with those labels, or their
/// mean) but cannot be run from an edited state.
/// </summary>
public sealed class RecordingSystem : IInaccessibleSystem, IDisposable
{
    private readonly Dictionary<string, int[]>[] _pools;
    private readonly Dictionary<string, int[]> _rows;
    private readonly Dictionary<string, int>[] _meanIndex;
    private readonly Tensor[] _means;
    private readonly Tensor _activity;
    private readonly Tensor _unitMean;
    private readonly Tensor _unitScale;
    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly PrincipalComponents? _projection;
    private readonly Tensor? _scores;
    private readonly float[]? _scoreValues;

    /// <param name="split">Which trials train, validate and test; <see cref="TrialSplit.Default"/> when null.</param>
    /// <param name="components">
    /// When above 0, the PCA front end (<see cref="PrincipalComponents"/>, protocol key <c>pca</c>): the system's samples are the
    /// scores on this many principal components of the standardised training trials, and its width is that count.
    /// </param>
    /// <remarks>
    /// The system holds no copy of the activity: its tensor shares the recording's array, and samples are standardised when
    /// drawn (<see cref="SamplesAt"/>), so a recording of 10⁶ samples × 1,024 units takes its 4 GB once, not three times. With
    /// <c>pca</c> it holds the scores, <c>[samples, N]</c>.
    /// </remarks>
    public RecordingSystem(string name, Recording recording, ICausalModel model, TrialSplit? split = null, int components = 0)
    {
        Split = split ?? TrialSplit.Default;
        if (components < 0) throw new InputException($"{recording.Source}: pca: expected 0 (off) or a number of components, found {components}");
        var missing = model.Variables.Where(v => !recording.Labels.ContainsKey(v)).ToList();
        if (missing.Count > 0)
            throw new InputException($"{recording.Source}: labels: expected the causal variables {string.Join(", ", model.Variables)}, found no {string.Join(", ", missing)}");
        recording.Validate(model.AcceptsLabel);
        Name = name;
        Recording = recording;
        Model = model;
        _activity = from_array(recording.Activity);
        // Every map and the CL loss see the recording in standardised units, fitted on training trials only: a recording in
        // Hz, z-scored or scaled by 100 is the same recording (the CL loss's squared error would otherwise be in the file's units).
        var training = Enumerable.Range(0, recording.Samples).Where(i => Split.Of(recording.Trial[i]) == 0).Select(i => (long)i).ToArray();
        if (training.Length < 2) training = [.. Enumerable.Range(0, recording.Samples).Select(i => (long)i)];
        var (mean, deviation) = Alignment.UnitStatistics.OfRows(_activity, training);
        _unitMean = mean;
        _unitScale = where(deviation > 1e-12, deviation, ones_like(deviation)).DetachFromDisposeScope();
        deviation.Dispose();
        (_mean, _scale) = (_unitMean.data<float>().ToArray(), _unitScale.data<float>().ToArray());
        if (components > 0)
        {
            using (var fitted = Standardized(tensor(training)))
                _projection = PrincipalComponents.Fit(fitted, components, recording.Source);
            using (var chunks = NewDisposeScope())
                _scores = cat(Alignment.UnitStatistics.Chunks(recording.Samples).Select(c => Standardize(_activity[c.Start..c.End])).ToList(), 0)
                    .DetachFromDisposeScope();
            _scoreValues = _scores.data<float>().ToArray();
        }
        _rows = Enumerable.Range(0, recording.Samples)
            .GroupBy(StateOf)
            .ToDictionary(g => g.Key, g => g.ToArray());
        // Held-out trials: test pairs draw recorded samples only from trials that training never sees.
        _pools = Enumerable.Range(0, 3).Select(split => _rows.ToDictionary(kv => kv.Key,
            kv => kv.Value.Where(i => Split.Of(recording.Trial[i]) == split).ToArray())).ToArray();
        // Per split, the mean of each causal state's samples in that split's trials (a held-out latent never averages training noise).
        _meanIndex = _pools.Select(pool => pool.Where(kv => kv.Value.Length > 0).Select((kv, i) => (kv.Key, i)).ToDictionary(x => x.Key, x => x.i)).ToArray();
        using var scope = NewDisposeScope();
        _means = _pools.Select(pool => pool.Values.Where(rows => rows.Length > 0).ToList() switch
        {
            [] => zeros(0, Width),
            var groups => stack(groups.Select(MeanOf).ToList()),
        }).Select(t => t.MoveToOuterDisposeScope()).ToArray();
    }

    /// <summary>
    /// The mean standardised sample of some rows <c>[d]</c>, its temporaries freed at once: of a long recording, the rows of
    /// all states together are the whole activity (held in one scope, the means took twice the recording again).
    /// </summary>
    private Tensor MeanOf(int[] rows)
    {
        using var scope = NewDisposeScope();
        return SamplesAt(tensor(rows.Select(r => (long)r).ToArray())).mean([0]).MoveToOuterDisposeScope();
    }

    public string Name { get; }
    public Recording Recording { get; }

    /// <summary>Which trials train, validate and test.</summary>
    public TrialSplit Split { get; }
    public ICausalModel Model { get; }

    /// <summary>
    /// Samples <c>[rows, d]</c> in standardised units (each unit's training-trial mean and deviation; with <c>pca</c> the
    /// component scores), standardised as they are drawn.
    /// </summary>
    public Tensor SamplesAt(Tensor rows) => _scores is { } scores ? scores.index_select(0, rows) : Standardized(rows);

    /// <summary>Rows of the activity in standardised units, before any projection <c>[rows, units]</c>.</summary>
    private Tensor Standardized(Tensor rows)
    {
        using var scope = NewDisposeScope();
        return ((_activity.index_select(0, rows) - _unitMean) / _unitScale).MoveToOuterDisposeScope();
    }

    /// <summary>The PCA front end's components, or null when the system sees every unit.</summary>
    public PrincipalComponents? Projection => _projection;

    /// <summary>Activity in the file's units <c>[n, units]</c> → the standardised units of <see cref="SamplesAt"/> (projected with <c>pca</c>).</summary>
    public Tensor Standardize(Tensor activity)
    {
        using var scope = NewDisposeScope();
        var standardized = (activity - _unitMean) / _unitScale;
        return (_projection is null ? standardized : _projection.Project(standardized)).MoveToOuterDisposeScope();
    }

    /// <summary>Standardised units → the file's units <c>[n, units]</c> (with <c>pca</c>: the activity within the components' span).</summary>
    public Tensor Unstandardize(Tensor samples) => (_projection is null ? samples : _projection.Reconstruct(samples)) * _unitScale + _unitMean;

    /// <summary>
    /// The recording as the maps see it: the file's recording, or with <c>pca</c> the component scores as units (same labels,
    /// trials and steps), so a decoding ceiling measures what the projection keeps.
    /// </summary>
    public Recording Seen() => _projection is null ? Recording
        : new Recording(Recording.Source, ToMatrix(_scores!), Recording.Labels, Recording.Trial, Recording.Step, Recording.Fields,
            Recording.DroppedSamples, [.. Recording.Notes, $"first {_projection.Count} principal components of {Recording.Units} units"]);

    private static float[,] ToMatrix(Tensor samples)
    {
        var (rows, columns) = ((int)samples.shape[0], (int)samples.shape[1]);
        var matrix = new float[rows, columns];
        var flat = samples.contiguous().data<float>().ToArray();
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(float));
        return matrix;
    }

    /// <summary>Mean activity per distinct causal state over one split's trials <c>[states, units]</c>; rows by <see cref="MeanRow"/>.</summary>
    public Tensor Means(int split) => _means[split];

    public int Width => _projection?.Count ?? Recording.Units;

    /// <summary>Distinct causal states the recording holds.</summary>
    public int States => _rows.Count;

    /// <summary>
    /// A random recorded sample of one split (0 train: 60% of trials, 1 validation: 20%, 2 test: 20%, by trial id) whose labels
    /// equal <paramref name="state"/>, so held-out scores never reuse a recorded sample (and its noise) seen in training.
    /// </summary>
    public int? Pick(int[] state, Random random, int split) =>
        _pools[split].TryGetValue(CausalStates.Key(state), out var rows) && rows.Length > 0 ? rows[random.Next(rows.Length)] : null;

    /// <summary>
    /// The recorded sample of one split whose labels equal <paramref name="state"/> and whose activity is closest
    /// (Euclidean) to sample <paramref name="row"/>: the state most like that sample but for its labels; null when none.
    /// </summary>
    public int? Nearest(int[] state, int row, int split)
    {
        if (!_pools[split].TryGetValue(CausalStates.Key(state), out var rows) || rows.Length == 0) return null;
        var (best, bestDistance, width) = (rows[0], double.MaxValue, Width);
        // Standardised as SamplesAt standardises (same float operations), without a standardised copy of the recording;
        // the sample compared against once, not once per candidate.
        float Value(int sample, int u) => _scoreValues is { } scores
            ? scores[sample * width + u]
            : (Recording.Activity[sample, u] - _mean[u]) / _scale[u];
        var from = new float[width];
        for (var u = 0; u < width; u++) from[u] = Value(row, u);
        foreach (var candidate in rows)
        {
            var distance = 0.0;
            for (var u = 0; u < width && distance < bestDistance; u++)
            {
                var d = Value(candidate, u) - from[u];
                distance += d * d;
            }
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return best;
    }

    /// <summary>The row of <see cref="Means"/> for <paramref name="state"/> in one split, or null when none of its samples has it.</summary>
    public int? MeanRow(int[] state, int split) => _meanIndex[split].TryGetValue(CausalStates.Key(state), out var i) ? i : null;

    /// <summary>
    /// Per-unit mean and standard deviation over all samples (<paramref name="task"/> and <paramref name="seed"/> are not
    /// needed); with <c>pca</c> one common deviation for every component, so the map's z-score does not whiten them.
    /// </summary>
    public (Tensor Mean, Tensor Scale) UnitStatistics(ITask task, int seed) =>
        _scores is { } scores ? Alignment.UnitStatistics.Isotropic(scores) : Alignment.UnitStatistics.OfStandardized(_activity, _unitMean, _unitScale);

    /// <summary>The key of a recorded sample's causal state.</summary>
    public int TrialOf(int sample) => Recording.Trial[sample];

    public string StateOf(int sample) => CausalStates.Key(Model.Variables.Select(v => Recording.Labels[v][sample]));

    /// <summary>A new system over the same activity with labels shuffled across samples; the caller disposes it.</summary>
    /// <remarks>The projection is refitted on the same activity and training trials, so it is the same projection.</remarks>
    public IInaccessibleSystem WithShuffledLabels(int seed) => new RecordingSystem(Name, Recording.ShuffleLabels(seed), Model, Split, _projection?.Count ?? 0);

    public void Dispose()
    {
        _activity.Dispose();
        _scores?.Dispose();
        _unitMean.Dispose();
        _unitScale.Dispose();
        _projection?.Dispose();
        foreach (var m in _means) m.Dispose();
    }
}
