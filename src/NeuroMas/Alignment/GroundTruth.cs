using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// What is known about a simulated recording: the network it was recorded from and the linear observation
/// <c>x = h·W + b</c>. An intervened recording state x̃ maps back to that network as
/// <c>h̃ = h + (x̃ − x)·W⁺</c> (the change, through the pseudo-inverse; what W cannot see of h is kept),
/// and running the network from h̃ gives the true IIA of directions into the "inaccessible" system.
/// </summary>
public sealed class GroundTruth : IDisposable
{
    public GroundTruth(AlignmentSystem network, float[,] observation, float[] bias)
    {
        var (d, units) = (observation.GetLength(0), observation.GetLength(1));
        if (d != network.Width)
            throw new InputException($"ground truth: observation has {d} rows but the network {network.Name} has width {network.Width}");
        System = network;
        var flat = new float[d * units];
        Buffer.BlockCopy(observation, 0, flat, 0, flat.Length * sizeof(float));
        Observation = tensor(flat, [d, units]);
        Bias = tensor(bias);
        Inverse = linalg.pinv(Observation);
    }

    /// <summary>The network the recording was simulated from.</summary>
    public AlignmentSystem System { get; }

    /// <summary>W <c>[d, units]</c>.</summary>
    public Tensor Observation { get; }

    /// <summary>b <c>[units]</c>.</summary>
    public Tensor Bias { get; }

    /// <summary>W⁺ <c>[units, d]</c>.</summary>
    public Tensor Inverse { get; }

    /// <summary>Noise-free recording of network states <c>[n, d]</c> → <c>[n, units]</c>.</summary>
    public Tensor Record(Tensor states) => states.matmul(Observation) + Bias;

    /// <summary>The network state whose recording moved from x to x̃.</summary>
    public Tensor Back(Tensor states, Tensor recorded, Tensor intervened) => states + (intervened - recorded).matmul(Inverse);

    public void Dispose()
    {
        Observation.Dispose();
        Bias.Dispose();
        Inverse.Dispose();
    }
}
