using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NeuroMas.Models;
using NeuroMas.Tasks;

namespace NeuroMas.Protocols;

/// <summary>One network's free-running accuracy on the protocol's task (its probe set), as written to <c>networks.csv</c>.</summary>
public sealed record ProbeAccuracy(string System, string Group, string TrainedOn, int Sequences, double Trial, double Token);

/// <summary>
/// The networks a protocol trains itself (<see cref="ProtocolOptions.Networks"/>): where each one's checkpoint lives, the
/// hash that keys it, training the missing ones in order (a fine-tune after what it starts from), and the probe-set
/// accuracy of every network system.
/// </summary>
public static class ProtocolNetworks
{
    /// <summary>Bumped when training changes what the same keys produce, so old checkpoints are not reused.</summary>
    private const string Version = "1";

    /// <summary>The entry called <paramref name="name"/>, or null.</summary>
    public static TrainedNetworkSpec? Find(ProtocolOptions options, string name) => options.Networks.FirstOrDefault(n => n.Name == name);

    /// <summary>
    /// The SHA-256 of an entry's keys and, for a fine-tune, of the hash of the entry it starts from: what its weights depend
    /// on (threads excepted, as for runs).
    /// </summary>
    public static string Hash(ProtocolOptions options, string name)
    {
        var index = options.Networks.FindIndex(n => n.Name == name);
        if (index < 0) throw new InputException($"networks: expected an entry named '{name}', found none");
        var spec = options.Networks[index];
        if (spec.From is { } from && options.Networks.FindIndex(n => n.Name == from) is var parentIndex && (parentIndex < 0 || parentIndex >= index))
            throw new InputException($"networks[{index}].from: expected the name of an earlier entry, found '{from}'");
        var parent = spec.From is null ? "" : Hash(options, spec.From);
        var keys = ProtocolWriter.Scalars(spec with { Name = null, From = null }).Select(kv => $"{kv.Key}={kv.Value}");
        var text = string.Join("\n", keys.Append($"from={parent}").Append($"version={Version}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Where the entry's checkpoint is: <c>&lt;output&gt;/networks/&lt;name&gt;-&lt;hash[..10]&gt;.nmck</c>.</summary>
    public static string CheckpointPath(ProtocolOptions options, string name) =>
        Path.Combine(options.Output, "networks", $"{name}-{Hash(options, name)[..10]}.nmck");

    /// <summary>
    /// Trains every entry whose checkpoint is missing, in order; each is written atomically, so an interrupted protocol
    /// keeps the networks it finished. Returns the names trained now.
    /// </summary>
    public static IReadOnlyList<string> TrainMissing(ProtocolOptions options, Action<string>? report = null, CancellationToken cancel = default)
    {
        var trained = new List<string>();
        foreach (var spec in options.Networks)
        {
            if (cancel.IsCancellationRequested) break;
            var name = spec.Name!;
            var path = CheckpointPath(options, name);
            if (File.Exists(path)) continue;
            var from = spec.From is null ? null : CheckpointPath(options, spec.From);
            var training = spec.Training(from, options.Training.Threads);
            report?.Invoke(spec.From is null ? $"training network {name} on {spec.Task}" : $"fine-tuning network {name} from {spec.From} on {spec.Task}");
            var (network, result) = NetworkTrainer.Train(training, cancel: cancel);
            using (network)
            {
                if (cancel.IsCancellationRequested) break;
                Checkpoint.Save(path, network, new CheckpointInfo
                {
                    Network = network.Options,
                    Task = spec.Task,
                    MaxCount = spec.MaxCount,
                    Seed = spec.Seed,
                    Training = ProtocolWriter.Scalars(spec).ToDictionary(kv => kv.Key, kv => kv.Value),
                    ValidationTrialAccuracy = result.ValidationTrialAccuracy,
                    Steps = result.Steps,
                    Seconds = result.Seconds,
                });
            }
            report?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"network {name}: {result.Steps} steps in {result.Seconds:0} s, validation trial accuracy {result.ValidationTrialAccuracy:0.0000} on {spec.Task}"));
            trained.Add(name);
        }
        return trained;
    }

    /// <summary>
    /// Free-running accuracy of each network on <paramref name="sequences"/> fresh sequences of <paramref name="task"/> (one
    /// set, drawn from a fixed seed, for every network), written to <c>&lt;output&gt;/networks.csv</c>.
    /// </summary>
    public static IReadOnlyList<ProbeAccuracy> Probe(ProtocolOptions options, ITask task, IReadOnlyList<(string Name, string Group, string TrainedOn, TaskNetwork Network)> networks, int sequences)
    {
        var random = new Random(20_250_117);
        var probe = Enumerable.Range(0, sequences).Select(_ => task.Sample(random)).ToList();
        var rows = networks.Select(n =>
        {
            var accuracy = NetworkEvaluator.Evaluate(n.Network, probe);
            return new ProbeAccuracy(n.Name, n.Group, n.TrainedOn, sequences, accuracy.Trial, accuracy.Token);
        }).ToList();
        var csv = new StringBuilder("system,group,trained_on,probe_task,sequences,trial_accuracy,token_accuracy\n");
        foreach (var r in rows)
            csv.Append(CultureInfo.InvariantCulture, $"{r.System},{r.Group},{r.TrainedOn},{task.Name},{r.Sequences},{r.Trial:R},{r.Token:R}\n");
        Directory.CreateDirectory(options.Output);
        AtomicFile.WriteText(Path.Combine(options.Output, "networks.csv"), csv.ToString());
        return rows;
    }
}
