namespace NeuroMas.Alignment;

/// <summary>
/// Marks an option a protocol does not set directly but sweeps over with the list key <see cref="ListKey"/>
/// (<c>seed</c> comes from <c>seeds: [1, 2]</c>); configuration checking rejects the single key at a protocol's top level.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SweptAttribute(string listKey) : Attribute
{
    public string ListKey { get; } = listKey;
}
