namespace NeuroMas.Tasks;

/// <summary>
/// A causal model of a task: a small program over named integer variables that can be stepped token
/// by token, intervened on (variables overwritten), and asked what the system must emit next.
/// States are <c>int[]</c> indexed like <see cref="Variables"/>; they are never mutated in place.
/// </summary>
public interface ICausalModel
{
    /// <summary>Variable names, e.g. <c>["count", "phase"]</c>.</summary>
    IReadOnlyList<string> Variables { get; }

    /// <summary>The state before any token has been read.</summary>
    int[] Initial { get; }

    /// <summary>The state after reading <paramref name="token"/> in <paramref name="state"/>.</summary>
    int[] Step(int[] state, int token);

    /// <summary>
    /// The token the system must emit next from <paramref name="state"/>, or <c>null</c> when the
    /// environment supplies the next token (e.g. during the demonstration).
    /// </summary>
    int? Predict(int[] state);

    /// <summary>
    /// The token the environment supplies when it has nothing left of the original sequence but the
    /// model waits for input (e.g. the trigger after an intervention put a response-phase target back
    /// into the demonstration phase).
    /// </summary>
    int DefaultEnvironmentToken { get; }

    /// <summary>True when the token ends a trial.</summary>
    bool IsTerminal(int token);

    /// <summary>Whether a value of a variable is one the model can be in (used to check recordings).</summary>
    bool IsRepresentable(string variable, int value);

    /// <summary>
    /// Whether a recording's label value is acceptable: a causal variable's value must be representable; a label that is
    /// no variable of the model (e.g. a lab's reaction time or an object count the task does not track) is carried along
    /// unchecked, since no alignment reads it.
    /// </summary>
    bool AcceptsLabel(string label, int value) => !Variables.Contains(label) || IsRepresentable(label, value);
}
