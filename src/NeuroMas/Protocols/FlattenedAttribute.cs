namespace NeuroMas.Protocols;

/// <summary>
/// Marks an options property whose own keys are written at the level of the property's owner (a protocol's training
/// keys, <c>max_steps: 400</c>, bind straight into <see cref="Alignment.AlignmentOptions"/>, not under a section).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FlattenedAttribute : Attribute;
