namespace NeuroMas.Models.Imported;

/// <summary>
/// The shape of an imported recurrent network, resolved from a <see cref="NetworkSpec"/> and the weights it
/// names. Saved in the checkpoint (<see cref="CheckpointInfo.Imported"/>) so <see cref="Checkpoint.Load(string, string?)"/> can rebuild it.
/// </summary>
public sealed record ImportedNetworkOptions
{
    /// <summary><c>gru</c> or <c>lstm</c> (cell layouts are stored as the equivalent torch.nn.GRU/LSTM).</summary>
    public string Cell { get; init; } = "gru";

    public int Layers { get; init; } = 1;

    /// <summary>Hidden size of each layer.</summary>
    public int Hidden { get; init; }

    /// <summary>Embedding width (the first layer's input size).</summary>
    public int Input { get; init; }

    /// <summary>Rows of the network's own embedding (its vocabulary size).</summary>
    public int Tokens { get; init; }

    /// <summary>Read-out widths: <c>[Hidden, ..., network logits]</c>, one more than its Linear layers.</summary>
    public List<int> Readout { get; init; } = [];

    /// <summary>Whether each read-out Linear has a bias.</summary>
    public List<bool> ReadoutBias { get; init; } = [];

    /// <summary><c>gelu</c>, <c>relu</c> or <c>tanh</c> between read-out layers.</summary>
    public string Activation { get; init; } = "gelu";

    /// <summary><c>h</c>, <c>h_c</c> or <c>c_h</c> (see <see cref="NetworkSpec.Hook"/>).</summary>
    public string Hook { get; init; } = "h";

    /// <summary>The network's id of each task token, indexed by NeuroMas id (−1: the network has none).</summary>
    public List<int> TokenIds { get; init; } = [];

    /// <summary>NeuroMas ids of the tokens after which the state is kept unchanged.</summary>
    public List<int> Skip { get; init; } = [];

    /// <summary>The file and spec it was imported from (provenance only).</summary>
    public string Source { get; init; } = "";
}
