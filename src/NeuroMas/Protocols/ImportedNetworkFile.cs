namespace NeuroMas.Protocols;

/// <summary>
/// A network trained elsewhere, named in a protocol: its weights (a PyTorch state dict, safetensors or TorchScript module)
/// and the network spec that says how to read them, both relative to the protocol file.
/// </summary>
public sealed record ImportedNetworkFile
{
    /// <summary>The weights file.</summary>
    public string? File { get; init; }

    /// <summary>The network spec (YAML).</summary>
    public string? Spec { get; init; }
}
