using NeuroMas.Models;
using NeuroMas.Recordings;
using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Simulation;

/// <summary>A simulated recording with the observation that made it (the ground truth).</summary>
/// <param name="Observation">The linear observation map W <c>[d, units]</c>: units = f(h·W + b) + noise.</param>
/// <param name="Bias">b <c>[units]</c>.</param>
public sealed record SimulatedRecording(Recording Recording, float[,] Observation, float[] Bias);

/// <summary>
/// Simulates recorded population activity from a task network (docs/method.md, "Words": a network
/// standing in for an inaccessible system): N units read the hook-site state through a random linear map, an optional
/// nonlinearity, and Gaussian or Poisson noise; every state of fresh task sequences is a sample,
/// labelled with the causal model's variables.
/// </summary>
public static class RecordingSimulator
{
    public static SimulatedRecording Simulate(TaskNetwork network, ITask task, SimulationOptions options, string source)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new InputException(string.Join("; ", problems));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var generator = new TorchSharp.torch.Generator((ulong)options.Seed);
        var (picked, rows, labels) = NaturalSamples(network, task, options.Trials, options.Seed);
        var d = network.StateWidth;
        var observation = randn(d, options.Units, generator: generator) / Math.Sqrt(d);
        var bias = zeros(options.Units);
        var signal = Apply(options.Nonlinearity, picked.matmul(observation) + bias);
        var activity = options.Noise switch
        {
            "gaussian" => signal + randn(signal.shape, generator: generator) * (signal.std(0, keepdim: true) * options.NoiseLevel),
            "poisson" => poisson(nn.functional.softplus(signal) * options.Gain, generator),
            _ => signal,
        };
        var recording = new Recording(source, ToArray(activity), labels, rows.Select(r => r.Trial).ToArray(), rows.Select(r => r.Step).ToArray());
        return new SimulatedRecording(recording, ToArray(observation), bias.data<float>().ToArray());
    }

    /// <summary>
    /// A network's own hook-site states as a recording (a network treated as inaccessible): every state of
    /// <paramref name="trials"/> fresh natural sequences is a sample, its units the state's dimensions, labelled with the
    /// causal model's variables. No observation, no noise: what an intervention changes is the network's state itself.
    /// </summary>
    public static Recording States(TaskNetwork network, ITask task, int trials, int seed, string source)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (picked, rows, labels) = NaturalSamples(network, task, trials, seed);
        return new Recording(source, ToArray(picked), labels, rows.Select(r => r.Trial).ToArray(), rows.Select(r => r.Step).ToArray());
    }

    /// <summary>
    /// The hook-site states <c>[samples, d]</c> at every position but the last of <paramref name="trials"/> fresh natural
    /// sequences drawn with <paramref name="seed"/>, with each sample's (trial, step) and causal labels.
    /// </summary>
    private static (Tensor States, List<(int Trial, int Step)> Rows, Dictionary<string, int[]> Labels) NaturalSamples(TaskNetwork network, ITask task, int trials, int seed)
    {
        var random = new Random(seed);
        var sequences = Enumerable.Range(0, trials).Select(_ => task.Sample(random)).ToList();
        using var batch = SequenceBatch.From(sequences, task.MaxLength);
        var states = network.HookStates(batch.Tokens);
        var rows = new List<(int Trial, int Step)>();
        for (var i = 0; i < sequences.Count; i++)
            for (var t = 0; t < sequences[i].Length - 1; t++) rows.Add((i, t));
        var index = tensor(rows.Select(r => (long)(r.Trial * states.shape[1] + r.Step)).ToArray());
        var picked = states.reshape(-1, network.StateWidth).index_select(0, index);
        var labels = task.CausalModel.Variables.Select((v, k) => (v, rows.Select(r => sequences[r.Trial].States[r.Step][k]).ToArray()))
            .ToDictionary(x => x.v, x => x.Item2);
        return (picked, rows, labels);
    }

    private static Tensor Apply(string nonlinearity, Tensor x) => nonlinearity switch
    {
        "relu" => nn.functional.relu(x),
        "softplus" => nn.functional.softplus(x),
        "tanh" => x.tanh(),
        _ => x,
    };

    internal static float[,] ToArray(Tensor matrix)
    {
        var (n, m) = ((int)matrix.shape[0], (int)matrix.shape[1]);
        var flat = matrix.contiguous().data<float>().ToArray();
        var result = new float[n, m];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }
}
