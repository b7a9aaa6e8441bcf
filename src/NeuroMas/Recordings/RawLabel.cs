namespace NeuroMas.Recordings;

/// <summary>
/// A label as a reader found it, before <see cref="LabelMap"/> turns it into a causal variable:
/// the file's own name, the field it came from (dataset path or column), and one value per
/// sample as text (numbers in invariant form, whole floats without a fraction).
/// </summary>
internal sealed record RawLabel(string Name, string Field, string[] Values);
