namespace NeuroMas.Alignment;

/// <summary>One spelling of a causal state as a lookup key, shared by every pool of labelled samples.</summary>
public static class CausalStates
{
    /// <summary>A causal state as one key (its variables' values in the causal model's order).</summary>
    public static string Key(IEnumerable<int> state) => string.Join(",", state);

    /// <summary>The split (0 train, 1 validation, 2 test) a trial belongs to: 60/20/20 % by trial id.</summary>
    public static int SplitOf(int trial) => TrialSplit.Default.Of(trial);
}
