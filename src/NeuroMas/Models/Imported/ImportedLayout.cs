using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Models.Imported;

/// <summary>
/// Checks a state dict against a <see cref="NetworkSpec"/> (every key present, every shape as the spec
/// implies, the vocabulary covering the task) and renames its tensors to <see cref="ImportedRecurrentNetwork"/>'s
/// keys. Cell layouts (GRUCell/LSTMCell) hold exactly torch.nn.GRU/LSTM's parameters, so they become those.
/// </summary>
public static class ImportedLayout
{
    /// <summary>The resolved options and the weights under the network's own keys.</summary>
    public static (ImportedNetworkOptions Options, Dictionary<string, Tensor> Weights) Resolve(
        string file, NetworkSpec spec, IReadOnlyDictionary<string, Tensor> source, ITask task)
    {
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var checker = new ShapeChecker(file, spec.Prefix, source);
        var embedding = checker.Matrix($"{spec.Embedding}.weight", null, null);
        var (tokens, input) = ((int)embedding.shape[0], (int)embedding.shape[1]);
        weights["embedding.weight"] = embedding;

        var gates = spec.IsLstm ? 4 : 3;
        var h = spec.Hidden;
        var cells = spec.Layout.EndsWith("-cell", StringComparison.Ordinal);
        string Key(string name, int layer) => cells ? $"{spec.Rnn}.{layer}.{name}" : $"{spec.Rnn}.{name}_l{layer}";
        for (var l = 0; l < spec.Layers; l++)
        {
            weights[$"rnn.weight_ih_l{l}"] = checker.Matrix(Key("weight_ih", l), gates * h, l == 0 ? input : h);
            weights[$"rnn.weight_hh_l{l}"] = checker.Matrix(Key("weight_hh", l), gates * h, h);
            weights[$"rnn.bias_ih_l{l}"] = checker.Vector(Key("bias_ih", l), gates * h);
            weights[$"rnn.bias_hh_l{l}"] = checker.Vector(Key("bias_hh", l), gates * h);
        }
        if (checker.Has(Key("weight_ih", spec.Layers)))
            throw new InputException($"{file}: layers: expected {spec.Layers} recurrent layer(s), found weights for another ({spec.Prefix}{Key("weight_ih", spec.Layers)})");

        var widths = new List<int> { h };
        var biases = new List<bool>();
        for (var i = 0; i < spec.Readout.Count; i++)
        {
            var w = checker.Matrix($"{spec.Readout[i]}.weight", null, widths[^1]);
            weights[$"readout.{i}.weight"] = w;
            widths.Add((int)w.shape[0]);
            var hasBias = checker.Has($"{spec.Readout[i]}.bias");
            if (hasBias) weights[$"readout.{i}.bias"] = checker.Vector($"{spec.Readout[i]}.bias", widths[^1]);
            biases.Add(hasBias);
        }

        var options = new ImportedNetworkOptions
        {
            Cell = spec.IsLstm ? "lstm" : "gru",
            Layers = spec.Layers,
            Hidden = h,
            Input = input,
            Tokens = tokens,
            Readout = widths,
            ReadoutBias = biases,
            Activation = spec.Activation,
            Hook = spec.ResolvedHook,
            TokenIds = TokenIds(file, spec, task, tokens, widths[^1]),
            Skip = [.. spec.Skip.Select(Tasks.Vocabulary.Id).Distinct().Order()],
        };
        return (options, weights);
    }

    /// <summary>
    /// The network's id of each NeuroMas token (−1 where it has none), checked to cover every token the
    /// task's sequences use, within both the embedding's rows and the read-out's logits.
    /// </summary>
    public static List<int> TokenIds(string file, NetworkSpec spec, ITask task, int embeddingRows, int logits)
    {
        // A language-model task's prompt tokens follow the numeric ones: its networks read and predict them too.
        var ids = Enumerable.Repeat(-1, Math.Max(Tasks.Vocabulary.Size, task.VocabularySize)).ToList();
        foreach (var (name, id) in spec.Vocabulary)
        {
            if (Tasks.Vocabulary.Id(name) >= ids.Count)
                throw new InputException($"{file}: vocabulary.{name}: expected a token of task {task.Name} (ids below {ids.Count}), found a language-model token");
            var limit = Math.Min(embeddingRows, logits);
            if (id >= limit)
                throw new InputException($"{file}: vocabulary.{name}: expected an id below {limit} (embedding rows {embeddingRows}, read-out logits {logits}), found {id}");
            ids[Tasks.Vocabulary.Id(name)] = id;
        }
        var used = UsedTokens(task);
        var missing = used.Where(t => ids[t] < 0).Select(Tasks.Vocabulary.Name).ToList();
        if (missing.Count > 0)
            throw new InputException($"{file}: vocabulary: expected ids for every token task {task.Name} uses ({string.Join(" ", used.Select(Tasks.Vocabulary.Name))}), found none for {string.Join(" ", missing)}");
        var duplicated = spec.Vocabulary.GroupBy(kv => kv.Value).FirstOrDefault(g => g.Count() > 1);
        if (duplicated is not null)
            throw new InputException($"{file}: vocabulary: expected one task token per network id, found id {duplicated.Key} for {string.Join(" and ", duplicated.Select(kv => kv.Key))}");
        return ids;
    }

    /// <summary>The token ids a task's sequences contain (padding excluded: the network need not know it).</summary>
    public static List<int> UsedTokens(ITask task)
    {
        var random = new Random(1);
        var used = new SortedSet<int>();
        for (var i = 0; i < 200; i++) used.UnionWith(task.Sample(random).Tokens);
        used.Remove(Tasks.Vocabulary.Pad);
        return [.. used];
    }

    /// <summary>Looks keys up under the prefix and checks their shapes, naming the full key in every message.</summary>
    private sealed class ShapeChecker(string file, string prefix, IReadOnlyDictionary<string, Tensor> source)
    {
        public bool Has(string key) => source.ContainsKey(key);

        public Tensor Matrix(string key, int? rows, int? columns) => Get(key, [rows, columns]);

        public Tensor Vector(string key, int length) => Get(key, [length]);

        private Tensor Get(string key, int?[] expected)
        {
            var text = "[" + string.Join(", ", expected.Select(e => e?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*")) + "]";
            if (!source.TryGetValue(key, out var tensor))
                throw new InputException($"{file}: {prefix}{key}: expected a tensor of shape {text}, found none ({StateDictFile.Describe(source.Keys.Select(k => prefix + k))})");
            var shape = tensor.shape;
            var matches = shape.Length == expected.Length && expected.Zip(shape).All(p => p.First is null || p.First == p.Second);
            if (!matches)
                throw new InputException($"{file}: {prefix}{key}: expected shape {text}, found [{string.Join(", ", shape)}]");
            if (!tensor.is_floating_point())
                throw new InputException($"{file}: {prefix}{key}: expected floating-point weights, found {tensor.dtype}");
            return tensor.to_type(ScalarType.Float32);
        }
    }
}
