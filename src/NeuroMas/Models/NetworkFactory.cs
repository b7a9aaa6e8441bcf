namespace NeuroMas.Models;

/// <summary>Creates task networks by architecture name.</summary>
public static class NetworkFactory
{
    /// <summary>A freshly initialised network of <see cref="NetworkOptions.Architecture"/>.</summary>
    public static TaskNetwork Create(NetworkOptions options) => options.Architecture switch
    {
        "gru" => new GruNetwork(options),
        "lstm" => new LstmNetwork(options),
        "transformer" => new TransformerNetwork(options),
        _ => throw new InputException($"arch: expected one of {string.Join(", ", NetworkOptions.Architectures)}, found '{options.Architecture}'"),
    };
}
