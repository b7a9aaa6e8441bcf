using NeuroMas.Tasks;
using static TorchSharp.torch;

namespace NeuroMas.Models.Imported;

/// <summary>
/// Brings a PyTorch network in as a frozen <see cref="TaskNetwork"/>: a state dict (<c>.pt</c>, <c>.safetensors</c>)
/// described by a <see cref="NetworkSpec"/>, or a TorchScript module (spec <c>layout: torchscript</c>).
/// The result works with every alignment method unchanged (<c>new AlignmentSystem(name, network)</c>).
/// </summary>
public static class ImportedNetworks
{
    /// <summary>Loads <paramref name="file"/> as the spec file <paramref name="specPath"/> describes, checked against <paramref name="task"/>.</summary>
    public static TaskNetwork Load(string file, string specPath, ITask task) =>
        Load(file, NetworkSpecLoader.Load(specPath), task, specPath);

    /// <summary>Loads <paramref name="file"/> as <paramref name="spec"/> describes; <paramref name="specSource"/> is recorded for provenance.</summary>
    public static TaskNetwork Load(string file, NetworkSpec spec, ITask task, string specSource = "")
    {
        var problems = spec.Validate();
        if (problems.Count > 0) throw new InputException($"{(specSource.Length > 0 ? specSource : "network spec")}: {string.Join("; ", problems)}");
        if (spec.Layout == "torchscript") return LoadScript(file, spec, task);
        var source = StateDictFile.Read(file, spec);
        try
        {
            var (options, weights) = ImportedLayout.Resolve(file, spec, source, task);
            var network = new ImportedRecurrentNetwork(options with { Source = $"{Path.GetFileName(file)} ({Path.GetFileName(specSource)})" });
            using (no_grad()) network.load_state_dict(weights, strict: true);
            return network.Freeze();
        }
        finally
        {
            foreach (var tensor in source.Values) tensor.Dispose();
        }
    }

    private static ScriptedNetwork LoadScript(string file, NetworkSpec spec, ITask task)
    {
        if (!File.Exists(file)) throw new InputException($"{file}: torchscript: expected a file, found none");
        jit.ScriptModule module;
        try
        {
            module = jit.load(file);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"{file}: torchscript: expected a module saved by torch.jit.save, found unreadable data ({FirstLine(e.Message)})", e);
        }
        int width, logits;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var state = Invoke(file, module, "initial_state(batch: int) -> Tensor [batch, S]", () => module.invoke<Tensor>("initial_state", 2L));
            if (state.dim() != 2 || state.shape[0] != 2)
                throw new InputException($"{file}: initial_state(2): expected a tensor of shape [2, S], found [{string.Join(", ", state.shape)}]");
            width = (int)state.shape[1];
            if (spec.State > 0 && spec.State != width) throw InputException.Mismatch(file, "state", $"width {spec.State} (the spec's state)", $"{width} from initial_state");
            var next = Invoke(file, module, "step(tokens: Tensor [batch], state: Tensor [batch, S]) -> Tensor [batch, S]", () => module.invoke<Tensor>("step", zeros(2, dtype: int64), state));
            if (!next.shape.SequenceEqual(state.shape))
                throw new InputException($"{file}: step: expected a state of shape [2, {width}], found [{string.Join(", ", next.shape)}]");
            var output = Invoke(file, module, "readout(state: Tensor [n, S]) -> Tensor [n, V]", () => module.invoke<Tensor>("readout", next));
            if (output.dim() != 2 || output.shape[0] != 2)
                throw new InputException($"{file}: readout: expected logits of shape [2, V], found [{string.Join(", ", output.shape)}]");
            logits = (int)output.shape[1];
        }
        var ids = ImportedLayout.TokenIds(file, spec, task, logits, logits);
        var network = new ScriptedNetwork(module, new TokenMap(ids, [.. spec.Skip.Select(Tasks.Vocabulary.Id)], logits), width);
        return (ScriptedNetwork)network.Freeze();
    }

    private static Tensor Invoke(string file, jit.ScriptModule module, string contract, Func<Tensor> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not InputException)
        {
            module.Dispose();
            throw new InputException($"{file}: torchscript: expected a method {contract}, found it missing or failing ({FirstLine(e.Message)})", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
