namespace NeuroMas;

/// <summary>
/// Bad input from a user: a file, field or option that is not what NeuroMas expects. The message is
/// one line naming the file (or option), the field, and what was expected versus found; the CLI
/// prints it alone and exits with code 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message) { }

    public InputException(string message, Exception inner) : base(message, inner) { }

    public InputException() { }

    /// <summary>Builds the house format: <c>file: field expected X but found Y</c>.</summary>
    public static InputException Mismatch(string source, string field, string expected, string found) =>
        new($"{source}: {field}: expected {expected}, found {found}");
}
