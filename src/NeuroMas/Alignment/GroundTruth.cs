using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>
/// What is known about a simulated recording: the network it was recorded from and the linear observation
/// <c>x = h·W + b</c>. An intervened recording state x̃ maps back to that network as <c>h̃ = h + (x̃ − x)·R</c>,
/// and running the network from h̃ gives the true IIA of directions into the "inaccessible" system.
/// </summary>
/// <remarks>
/// R is the least-squares inverse of the observation on the states the network actually takes: fitted on
/// (x, h) pairs of natural task sequences, ridge-regularised, it is the network state change that best explains a
/// recording change. Where the recording has fewer units than the network has dimensions, W alone cannot be
/// inverted, and its pseudo-inverse W⁺ (the minimum-norm change) would drop every part of a state change that
/// falls in W's null space, even one the recording determines because the network's states occupy a
/// low-dimensional subspace. With as many units as dimensions, and no regularisation, R = W⁺ on that subspace.
/// </remarks>
public sealed class GroundTruth : IDisposable
{
    /// <summary>Ridge penalty relative to the mean per-unit variance of the noise-free recording.</summary>
    public const double RelativeRidge = 1e-4;

    /// <param name="network">The network the recording was simulated from.</param>
    /// <param name="observation">W <c>[d, units]</c>.</param>
    /// <param name="bias">b <c>[units]</c>.</param>
    /// <param name="naturalStates">States of that network on natural sequences <c>[n, d]</c>, to fit the inverse on.</param>
    public GroundTruth(IAccessibleSystem network, float[,] observation, float[] bias, Tensor naturalStates)
    {
        var (d, units) = (observation.GetLength(0), observation.GetLength(1));
        if (d != network.Width)
            throw new InputException($"ground truth: observation has {d} rows but the network {network.Name} has width {network.Width}");
        System = network;
        var flat = new float[d * units];
        Buffer.BlockCopy(observation, 0, flat, 0, flat.Length * sizeof(float));
        Observation = tensor(flat, [d, units]);
        Bias = tensor(bias);
        using var scope = NewDisposeScope();
        var states = naturalStates.to(float64);
        var centred = states - states.mean([0]);
        var recorded = centred.matmul(Observation.to(float64));
        var gram = recorded.t().matmul(recorded);
        var ridge = RelativeRidge * gram.trace() / units;
        Inverse = linalg.solve(gram + ridge * eye(units, dtype: float64), recorded.t().matmul(centred)).to(float32).MoveToOuterDisposeScope();
    }

    /// <summary>The ground truth of a recording of <paramref name="network"/>, its inverse fitted on 1,000 natural sequences of <paramref name="task"/>.</summary>
    public static GroundTruth Fit(IAccessibleSystem network, float[,] observation, float[] bias, Tasks.ITask task)
    {
        using var natural = network.NaturalStates(task, 1000, seed: 4_242);
        return new GroundTruth(network, observation, bias, natural);
    }

    /// <summary>The network the recording was simulated from.</summary>
    public IAccessibleSystem System { get; }

    /// <summary>
    /// The ground truth of a network treated as inaccessible through its own states (docs/method.md, "What must come out true"'s validation case): the
    /// observation is the identity, so an intervened state is the network's state as it is.
    /// </summary>
    public static GroundTruth Identity(IAccessibleSystem network) => new(network, network.Width);

    private GroundTruth(IAccessibleSystem network, int width)
    {
        System = network;
        Observation = eye(width);
        Bias = zeros(width);
        Inverse = eye(width);
    }

    /// <summary>W <c>[d, units]</c>.</summary>
    public Tensor Observation { get; }

    /// <summary>b <c>[units]</c>.</summary>
    public Tensor Bias { get; }

    /// <summary>R <c>[units, d]</c>: recording change → network state change.</summary>
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
