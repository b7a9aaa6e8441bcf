using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace NeuroMas.Models.Imported;

/// <summary>
/// Reads a PyTorch state dict: a <c>.pt</c>/<c>.pth</c>/<c>.bin</c> written by <c>torch.save(model.state_dict())</c>
/// (optionally inside a dict, <see cref="NetworkSpec.Entry"/>) or a <c>.safetensors</c> file, with
/// <see cref="NetworkSpec.Prefix"/> stripped. Anything unreadable is one <see cref="InputException"/> line.
/// </summary>
public static class StateDictFile
{
    public static Dictionary<string, Tensor> Read(string path, NetworkSpec spec)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: state dict: expected a file, found none");
        var raw = Path.GetExtension(path).Equals(".safetensors", StringComparison.OrdinalIgnoreCase) ? ReadSafetensors(path) : ReadPickle(path, spec.Entry);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in raw)
            if (key.StartsWith(spec.Prefix, StringComparison.Ordinal)) result[key[spec.Prefix.Length..]] = value;
        if (result.Count == 0)
            throw new InputException($"{path}: prefix: expected keys starting with '{spec.Prefix}', found {Describe(raw.Keys)}");
        return result;
    }

    /// <summary>A short list of keys for messages: the first few and how many in all.</summary>
    public static string Describe(IEnumerable<string> keys)
    {
        var all = keys.Order(StringComparer.Ordinal).ToList();
        return all.Count == 0 ? "no keys" : $"{all.Count} keys ({string.Join(", ", all.Take(6))}{(all.Count > 6 ? ", ..." : "")})";
    }

    private static Dictionary<string, Tensor> ReadSafetensors(string path)
    {
        try
        {
            return Safetensors.LoadStateDict(path);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"{path}: state dict: expected a safetensors file (a JSON header and tensor bytes), found unreadable or truncated data ({FirstLine(e.Message)})", e);
        }
    }

    private static Dictionary<string, Tensor> ReadPickle(string path, string entry)
    {
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not InputException)
        {
            // A whole pickled model, a TorchScript archive, a legacy (non-zip) save or a cut file all land here.
            throw new InputException($"{path}: state dict: expected a dict of tensors saved by torch.save(model.state_dict()) (a zip archive), found unreadable, truncated or non-state-dict data ({FirstLine(e.Message)})", e);
        }
        if (entry.Length > 0)
        {
            if (table[entry] is not Hashtable inner)
                throw new InputException($"{path}: entry: expected a dict of tensors under '{entry}', found {(table.ContainsKey(entry) ? table[entry]?.GetType().Name ?? "null" : "no such entry")} (entries: {Describe(table.Keys.Cast<object>().Select(k => k.ToString() ?? ""))})");
            table = inner;
        }
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var nested = new List<string>();
        foreach (DictionaryEntry item in table)
        {
            var key = item.Key.ToString() ?? "";
            if (item.Value is Tensor tensor) result[key] = tensor;
            else nested.Add(key);
        }
        if (result.Count == 0)
            throw new InputException($"{path}: state dict: expected tensors, found {(nested.Count > 0 ? $"entries that are not tensors ({string.Join(", ", nested.Take(6))}): name the one holding the weights with entry:" : "an empty dict")}");
        return result;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
