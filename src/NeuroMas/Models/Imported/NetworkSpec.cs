namespace NeuroMas.Models.Imported;

/// <summary>
/// A network spec (YAML): how a PyTorch state dict or TorchScript module maps onto a NeuroMas task network.
/// Every key is one word so the binder's own unknown-key check applies. See README "Bring your own network".
/// </summary>
public sealed record NetworkSpec
{
    /// <summary>
    /// <c>gru</c> / <c>lstm</c> (torch.nn.GRU/LSTM: <c>&lt;rnn&gt;.weight_ih_l&lt;k&gt;</c>), <c>gru-cell</c> /
    /// <c>lstm-cell</c> (stacked GRUCell/LSTMCell: <c>&lt;rnn&gt;.&lt;k&gt;.weight_ih</c>), or <c>torchscript</c>.
    /// </summary>
    public string Layout { get; init; } = "";

    /// <summary>The entry of a saved dict that holds the state dict (e.g. <c>state_dict</c>); empty: the file is the state dict.</summary>
    public string Entry { get; init; } = "";

    /// <summary>Stripped from the start of every key (e.g. <c>model.</c>); keys without it are ignored.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Key of the token embedding (<c>&lt;embedding&gt;.weight</c>: <c>[network vocabulary, input]</c>).</summary>
    public string Embedding { get; init; } = "embedding";

    /// <summary>Key of the recurrent core (a torch.nn.GRU/LSTM, or a ModuleList of cells).</summary>
    public string Rnn { get; init; } = "rnn";

    /// <summary>Keys of the read-out's Linear layers in order (one Linear, or an MLP); dropout layers are not listed.</summary>
    public List<string> Readout { get; init; } = [];

    /// <summary>Between read-out layers: <c>gelu</c> (default), <c>relu</c> or <c>tanh</c>.</summary>
    public string Activation { get; init; } = "gelu";

    /// <summary>Hidden size of each recurrent layer (required; checked against the weights).</summary>
    public int Hidden { get; init; }

    /// <summary>Recurrent layers (1 or 2).</summary>
    public int Layers { get; init; } = 1;

    /// <summary>
    /// The hook-site state, per layer and concatenated layer 0 first: GRU <c>h</c>; LSTM <c>h_c</c> (default,
    /// <c>[h; c]</c>), <c>c_h</c> or <c>h</c> (then c is carried on from the target's own run).
    /// </summary>
    public string Hook { get; init; } = "";

    /// <summary>The network's id of each task token, by NeuroMas name (<c>B: 1, T: 3, ...</c>); must cover the task's tokens.</summary>
    public Dictionary<string, int> Vocabulary { get; init; } = [];

    /// <summary>Task tokens after which the network keeps its state unchanged (e.g. <c>[P, E]</c>).</summary>
    public List<string> Skip { get; init; } = [];

    /// <summary>TorchScript only: the width of the state the module carries (checked against <c>initial_state</c>).</summary>
    public int State { get; init; }

    public static readonly IReadOnlyList<string> Layouts = ["gru", "lstm", "gru-cell", "lstm-cell", "torchscript"];
    public static readonly IReadOnlyList<string> Activations = ["gelu", "relu", "tanh"];

    public bool IsLstm => Layout is "lstm" or "lstm-cell";

    /// <summary>The hook with its default filled in.</summary>
    public string ResolvedHook => Hook.Length > 0 ? Hook : IsLstm ? "h_c" : "h";

    /// <summary>Every problem at once, each naming its key.</summary>
    public List<string> Validate()
    {
        var problems = new List<string>();
        if (!Layouts.Contains(Layout)) problems.Add($"layout: expected one of {string.Join(", ", Layouts)}, found '{Layout}'");
        if (Vocabulary.Count == 0) problems.Add("vocabulary: expected the network's id of each task token (e.g. B: 1), found none");
        foreach (var (name, id) in Vocabulary)
        {
            if (!Tasks.Vocabulary.TryId(name, out _)) problems.Add($"vocabulary.{name}: expected a task token name (P B T E R D D0 D1 D2), found '{name}'");
            if (id < 0) problems.Add($"vocabulary.{name}: expected an id >= 0, found {id}");
        }
        foreach (var name in Skip)
            if (!Tasks.Vocabulary.TryId(name, out _)) problems.Add($"skip: expected task token names (P B T E R D D0 D1 D2), found '{name}'");
        if (Layout == "torchscript") return problems;
        if (Hidden <= 0) problems.Add($"hidden: expected the hidden size (> 0), found {Hidden}");
        if (Layers is < 1 or > 2) problems.Add($"layers: expected 1 or 2, found {Layers}");
        if (Readout.Count == 0) problems.Add("readout: expected the keys of the read-out's Linear layers (e.g. [decoder.0, lm_head]), found none");
        if (!Activations.Contains(Activation)) problems.Add($"activation: expected one of {string.Join(", ", Activations)}, found '{Activation}'");
        string[] hooks = IsLstm ? ["h_c", "c_h", "h"] : ["h"];
        if (!hooks.Contains(ResolvedHook)) problems.Add($"hook: expected one of {string.Join(", ", hooks)} for layout {Layout}, found '{Hook}'");
        return problems;
    }
}
