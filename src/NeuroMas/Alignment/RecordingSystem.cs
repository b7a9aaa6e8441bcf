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
    private readonly float[] _standardized;
    private readonly Tensor _unitMean;
    private readonly Tensor _unitScale;
    private readonly PrincipalComponents? _projection;

    /// <param name="split">Which trials train, validate and test; <see cref="TrialSplit.Default"/> when null.</param>
    /// <param name="components">
    /// When above 0, the PCA front end (<see cref="PrincipalComponents"/>, protocol key <c>pca</c>): the system's samples are the
    /// scores on this many principal components of the standardised training trials, and its width is that count.
    /// </param>
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
        var flat = new float[recording.Samples * recording.Units];
        Buffer.BlockCopy(recording.Activity, 0, flat, 0, flat.Length * sizeof(float));
        // Every map and the CL loss see the recording in standardised units, fitted on training trials only: a recording in
        // Hz, z-scored or scaled by 100 is the same recording (the CL loss's squared error would otherwise be in the file's units).
        using (var raw = tensor(flat, [recording.Samples, recording.Units]))
        {
            var training = Enumerable.Range(0, recording.Samples).Where(i => Split.Of(recording.Trial[i]) == 0).Select(i => (long)i).ToArray();
            using var fit = training.Length > 1 ? raw.index_select(0, tensor(training)) : raw.alias();
            _unitMean = fit.mean([0]).DetachFromDisposeScope();
            using var deviation = fit.std(0, unbiased: false);
            _unitScale = where(deviation > 1e-12, deviation, ones_like(deviation)).DetachFromDisposeScope();
            var standardized = (raw - _unitMean) / _unitScale;
            if (components > 0)
            {
                using var fitted = training.Length > 1 ? standardized.index_select(0, tensor(training)) : standardized.alias();
                _projection = PrincipalComponents.Fit(fitted, components, recording.Source);
                standardized = _projection.Project(standardized);
            }
            Samples = standardized.DetachFromDisposeScope();
        }
        _standardized = Samples.contiguous().data<float>().ToArray();
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
            var groups => stack(groups.Select(rows => Samples.index_select(0, tensor(rows.Select(r => (long)r).ToArray())).mean([0])).ToList()),
        }).Select(t => t.MoveToOuterDisposeScope()).ToArray();
    }

    public string Name { get; }
    public Recording Recording { get; }

    /// <summary>Which trials train, validate and test.</summary>
    public TrialSplit Split { get; }
    public ICausalModel Model { get; }

    /// <summary>Recorded activity in standardised units (each unit's training-trial mean and deviation) <c>[samples, units]</c>.</summary>
    public Tensor Samples { get; }

    /// <summary>The PCA front end's components, or null when the system sees every unit.</summary>
    public PrincipalComponents? Projection => _projection;

    /// <summary>Activity in the file's units <c>[n, units]</c> → the standardised units of <see cref="Samples"/> (projected with <c>pca</c>).</summary>
    public Tensor Standardize(Tensor activity)
    {
        var standardized = (activity - _unitMean) / _unitScale;
        return _projection is null ? standardized : _projection.Project(standardized);
    }

    /// <summary>Standardised units → the file's units <c>[n, units]</c> (with <c>pca</c>: the activity within the components' span).</summary>
    public Tensor Unstandardize(Tensor samples) => (_projection is null ? samples : _projection.Reconstruct(samples)) * _unitScale + _unitMean;

    /// <summary>
    /// The recording as the maps see it: the file's recording, or with <c>pca</c> the component scores as units (same labels,
    /// trials and steps), so a decoding ceiling measures what the projection keeps.
    /// </summary>
    public Recording Seen() => _projection is null ? Recording
        : new Recording(Recording.Source, ToMatrix(Samples), Recording.Labels, Recording.Trial, Recording.Step, Recording.Fields,
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

    public int Width => (int)Samples.shape[1];

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
        foreach (var candidate in rows)
        {
            var distance = 0.0;
            for (var u = 0; u < width && distance < bestDistance; u++)
            {
                var d = _standardized[candidate * width + u] - _standardized[row * width + u];
                distance += d * d;
            }
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return best;
    }

    /// <summary>The row of <see cref="Means"/> for <paramref name="state"/> in one split, or null when none of its samples has it.</summary>
    public int? MeanRow(int[] state, int split) => _meanIndex[split].TryGetValue(CausalStates.Key(state), out var i) ? i : null;

    /// <summary>Per-unit mean and standard deviation over all samples (<paramref name="task"/> and <paramref name="seed"/> are not needed).</summary>
    public (Tensor Mean, Tensor Scale) UnitStatistics(ITask task, int seed) => Alignment.UnitStatistics.Of(Samples);

    /// <summary>The key of a recorded sample's causal state.</summary>
    public int TrialOf(int sample) => Recording.Trial[sample];

    public string StateOf(int sample) => CausalStates.Key(Model.Variables.Select(v => Recording.Labels[v][sample]));

    /// <summary>A new system over the same activity with labels shuffled across samples; the caller disposes it.</summary>
    /// <remarks>The projection is refitted on the same activity and training trials, so it is the same projection.</remarks>
    public IInaccessibleSystem WithShuffledLabels(int seed) => new RecordingSystem(Name, Recording.ShuffleLabels(seed), Model, Split, _projection?.Count ?? 0);

    public void Dispose()
    {
        Samples.Dispose();
        _unitMean.Dispose();
        _unitScale.Dispose();
        _projection?.Dispose();
        foreach (var m in _means) m.Dispose();
    }
}
