using NeuroMas.Recordings;

namespace NeuroMas.Simulation;

/// <summary>
/// The one owner of a simulated recording's ground-truth layout: an HDF5 recording (plain layout) with the observation
/// that made it in <c>/ground_truth/observation</c> (W <c>[d, units]</c>) and <c>/ground_truth/bias</c> (b, one row).
/// </summary>
public static class GroundTruthFile
{
    public const string ObservationPath = "/ground_truth/observation";
    public const string BiasPath = "/ground_truth/bias";

    /// <summary>Writes the recording and its observation atomically.</summary>
    public static void Write(string path, SimulatedRecording simulated, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var bias = new float[1, simulated.Bias.Length];
        for (var i = 0; i < simulated.Bias.Length; i++) bias[0, i] = simulated.Bias[i];
        var extra = new Dictionary<string, float[,]> { [ObservationPath] = simulated.Observation, [BiasPath] = bias };
        Hdf5RecordingWriter.Write(path, simulated.Recording, extra, attributes);
    }

    /// <summary>The observation W <c>[d, units]</c> and bias b <c>[units]</c> of a simulated recording.</summary>
    public static (float[,] Observation, float[] Bias) Read(string path) =>
        (Hdf5Arrays.ReadMatrix(path, ObservationPath), Hdf5Arrays.ReadVector(path, BiasPath));
}
