namespace NeuroMas.Recordings;

/// <summary>
/// Reads a recording from a suite2p plane folder: each cell's trace averaged over the frames in
/// the window of each events-table row (one row per sample).
/// </summary>
public static class Suite2pRecordingReader
{
    /// <summary>Whether <paramref name="folder"/> looks like a suite2p plane folder (has <c>iscell.npy</c> or <c>F.npy</c>).</summary>
    public static bool IsSuite2pFolder(string folder) =>
        File.Exists(Path.Combine(folder, "iscell.npy")) || File.Exists(Path.Combine(folder, "F.npy"));

    /// <summary>
    /// Loads <paramref name="folder"/>: activity <c>[events rows, cells]</c>, cells in ROI order,
    /// frame <c>f</c> at <c>first_frame_time + f / frame_rate</c> seconds; a sample is the mean of
    /// the frames in <c>[start, stop)</c>. The result has passed <see cref="Recording.Validate"/>.
    /// </summary>
    /// <exception cref="InputException">One line naming the file and field.</exception>
    public static Recording Load(string folder, Suite2pReadOptions options, LabelMap map)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InputException($"{folder}: Suite2pReadOptions: {string.Join("; ", problems)}");
        if (!Directory.Exists(folder))
            throw new InputException($"{folder}: folder not found");

        var tracesPath = Path.Combine(folder, options.ActivityFile);
        var traces = NpyArray.Read(tracesPath);
        if (traces.Shape.Length != 2)
            throw new InputException($"{tracesPath}: has shape {traces.ShapeText}: expected [rois, frames]");
        var (rois, frames) = ((int)traces.Shape[0], (int)traces.Shape[1]);
        var cells = Enumerable.Range(0, rois).ToArray();
        var notes = new List<string>();
        if (options.CellsOnly)
        {
            var iscellPath = Path.Combine(folder, "iscell.npy");
            var iscell = NpyArray.Read(iscellPath);
            if (iscell.Shape.Length is not (1 or 2) || iscell.Shape[0] != rois)
                throw new InputException($"{iscellPath}: has shape {iscell.ShapeText} but {options.ActivityFile} has {rois} ROIs: expected [{rois}, 2]");
            var width = iscell.Shape.Length == 2 ? (int)iscell.Shape[1] : 1;
            cells = cells.Where(r => iscell.Values[r * width] == 1).ToArray();
            if (cells.Length == 0)
                throw new InputException($"{iscellPath}: column 0 has no 1: expected at least one ROI classified as a cell (or suite2p.cells_only: false)");
            notes.Add($"kept {cells.Length} of {rois} ROIs classified as cells (iscell.npy)");
        }

        var events = EventsTable.Read(folder, options.Events);
        var rate = options.FrameRate!.Value;
        var activity = new float[events.Starts.Length, cells.Length];
        for (var i = 0; i < events.Starts.Length; i++)
        {
            var (lo, hi) = (FirstFrame(events.Starts[i], options, frames), FirstFrame(events.Stops[i], options, frames));
            if (hi <= lo)
                throw new InputException(
                    $"{events.Path}: the window [{events.Starts[i]}, {events.Stops[i]}) s at {events.Locate(i)} holds no frame of {options.ActivityFile} ({frames} frames from {options.FirstFrameTime} s at {rate} Hz): expected windows inside the imaging");
            for (var c = 0; c < cells.Length; c++)
            {
                var sum = 0.0;
                for (var f = lo; f < hi; f++)
                {
                    var x = traces.Values[(long)cells[c] * frames + f];
                    if (!double.IsFinite(x))
                        throw new InputException($"{tracesPath}: has {x} at ROI {cells[c]}, frame {f}, inside the window of {events.Locate(i)}: expected finite values");
                    sum += x;
                }
                activity[i, c] = (float)(sum / (hi - lo));
            }
        }
        notes.Add($"{options.ActivityFile} averaged over the frames of each window at {rate} Hz");
        return events.ToRecording(folder, activity, map, $"{options.ActivityFile} (ROIs [{string.Join(", ", cells.Take(8))}{(cells.Length > 8 ? ", …" : "")}])", notes);
    }

    /// <summary>The first frame at or after <paramref name="t"/> seconds, clamped to <c>[0, frames]</c>.</summary>
    private static int FirstFrame(double t, Suite2pReadOptions options, int frames)
    {
        // Frame times t0 + f / rate may differ from a window edge in the last bits: allow 1e-6 of a frame.
        var f = Math.Ceiling((t - options.FirstFrameTime) * options.FrameRate!.Value - 1e-6);
        return (int)Math.Clamp(f, 0, frames);
    }
}
