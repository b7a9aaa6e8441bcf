using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>
/// A task network with a hook site: the state after reading token t (the one that predicts token
/// t+1 and is carried on). Maps token ids <c>[batch, time]</c> to logits <c>[batch, time, vocab]</c>.
/// </summary>
public abstract class TaskNetwork : nn.Module<Tensor, Tensor>
{
    protected TaskNetwork(string name, NetworkOptions options) : base(name) => Options = options;

    public NetworkOptions Options { get; }

    /// <summary>Width of the hook-site state (d for a GRU, 2d for an LSTM's <c>[h; c]</c>).</summary>
    public abstract int StateWidth { get; }

    /// <summary>The hook-site state after every token: <c>[batch, time, StateWidth]</c>.</summary>
    public abstract Tensor HookStates(Tensor tokens);

    /// <summary>
    /// Replaces the hook-site state after token <c>positions[b]</c> of row b by <c>replacement[b]</c>
    /// (or leaves it when <paramref name="replacement"/> is null), lets the network go on reading
    /// <paramref name="tokens"/>, and returns the logits that predict tokens
    /// <c>positions[b] + 1 … positions[b] + steps</c>: <c>[batch, steps, vocab]</c>.
    /// Gradients flow into <paramref name="replacement"/>.
    /// </summary>
    /// <param name="tokens">Token ids <c>[batch, time]</c> (int64); positions past the end are clamped.</param>
    /// <param name="positions">Hook positions <c>[batch]</c> (int64).</param>
    /// <param name="replacement">New states <c>[batch, StateWidth]</c>, or null.</param>
    /// <param name="steps">How many next-token predictions to return.</param>
    public Tensor InterventionLogits(Tensor tokens, Tensor positions, Tensor? replacement, int steps)
    {
        using var scope = NewDisposeScope();
        return ReadoutLogits(ContinuationFeatures(tokens, positions, replacement, steps)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// What <see cref="InterventionLogits"/> computes before the read-out: <c>[batch, steps, features]</c>.
    /// With <paramref name="lengths"/> (<c>[batch]</c> int64 on the CPU), row b is only run for its first
    /// <c>lengths[b]</c> steps (recurrent networks pack the batch); later features are zero.
    /// </summary>
    public abstract Tensor ContinuationFeatures(Tensor tokens, Tensor positions, Tensor? replacement, int steps, Tensor? lengths = null);

    /// <summary>
    /// The continuation's features at some positions only, <c>[positions, features]</c>: the rows of
    /// <see cref="ContinuationFeatures"/> with <paramref name="lengths"/>, flattened to <c>[batch · steps, features]</c>,
    /// at <paramref name="scored"/> (int64 indices <c>row · steps + step</c>, every one within its row's length). What the
    /// alignment's loss reads; a network that need not build every step's features for it overrides this.
    /// </summary>
    public virtual Tensor ScoredFeatures(Tensor tokens, Tensor positions, Tensor replacement, int steps, long[] lengths, Tensor scored)
    {
        using var scope = NewDisposeScope();
        var features = ContinuationFeatures(tokens, positions, replacement, steps, tensor(lengths));
        return features.reshape(-1, features.shape[2]).index_select(0, scored).MoveToOuterDisposeScope();
    }

    /// <summary>The read-out: logits <c>[..., vocab]</c> from features <c>[..., features]</c>.</summary>
    public abstract Tensor ReadoutLogits(Tensor features);

    /// <summary>
    /// The per-token cross-entropy of the read-out at <paramref name="features"/> <c>[tokens, features]</c> against
    /// <paramref name="targets"/> <c>[tokens]</c>: <c>[tokens]</c>, differentiable in the features. A network whose read-out
    /// has a faster fused form (<see cref="ReadoutHead"/>) overrides this.
    /// </summary>
    public virtual Tensor ReadoutLosses(Tensor features, Tensor targets) =>
        nn.functional.cross_entropy(ReadoutLogits(features), targets, reduction: nn.Reduction.None);

    /// <summary>
    /// Free-running continuation: like <see cref="InterventionLogits"/>, but wherever
    /// <paramref name="scored"/> is true the network's own argmax is fed back instead of the given
    /// token. Returns the predicted tokens for positions <c>positions[b] + 1 …</c>: <c>[batch, steps]</c>.
    /// </summary>
    public virtual Tensor FreeRun(Tensor tokens, Tensor positions, Tensor? replacement, Tensor scored, int steps) =>
        FreeRunByRerunning(tokens, positions, replacement, scored, steps);

    /// <summary>
    /// <see cref="FreeRun"/> the slow, obviously right way: the whole sequence is run again for every step. The
    /// reference the incremental free runs of the architectures are tested and benchmarked against.
    /// </summary>
    public Tensor FreeRunByRerunning(Tensor tokens, Tensor positions, Tensor? replacement, Tensor scored, int steps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var buffer = tokens.clone();
        var time = tokens.shape[1];
        var predictions = new List<Tensor>(steps);
        for (var j = 0; j < steps; j++)
        {
            var logits = InterventionLogits(buffer, positions, replacement, j + 1);
            var predicted = logits[.., j].argmax(-1);
            predictions.Add(predicted);
            var at = (positions + j + 1).clamp_max(time - 1).unsqueeze(1);
            var given = buffer.gather(1, at).squeeze(1);
            var feed = where(scored.gather(1, at).squeeze(1), predicted, given);
            buffer = buffer.scatter(1, at, feed.unsqueeze(1));
        }
        return stack(predictions, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Freezes every parameter and switches to evaluation mode.</summary>
    public TaskNetwork Freeze()
    {
        foreach (var p in parameters()) p.requires_grad = false;
        eval();
        return this;
    }

    /// <summary>
    /// The hook-site states after token <c>positions[b]</c> of each row <c>[batch, StateWidth]</c>: what
    /// <see cref="HookStates"/> gives there (a network may compute them without the rest of the sequence).
    /// </summary>
    public virtual Tensor StatesAt(Tensor tokens, Tensor positions)
    {
        using var scope = NewDisposeScope();
        return HookStates(tokens).gather(1, positions.view(-1, 1, 1).expand(-1, 1, StateWidth)).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>The token fed at step j of a free run: the network's own where scored, else the given one <c>[batch]</c>.</summary>
    protected static Tensor NextInput(Tensor tokens, Tensor positions, Tensor scored, Tensor predicted, int j)
    {
        using var scope = NewDisposeScope();
        var at = (positions + j + 1).clamp_max(tokens.shape[1] - 1).unsqueeze(1);
        return where(scored.gather(1, at).squeeze(1), predicted, tokens.gather(1, at).squeeze(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Runs a recurrent core over packed (<paramref name="lengths"/> given) or padded inputs.</summary>
    protected static Tensor RunPacked(Tensor inputs, Tensor? lengths, Func<Tensor, Tensor> padded, Func<nn.utils.rnn.PackedSequence, nn.utils.rnn.PackedSequence> packed)
    {
        if (lengths is null) return padded(inputs);
        var steps = inputs.shape[1];
        var packedInputs = nn.utils.rnn.pack_padded_sequence(inputs, (lengths - 1).clamp(1, steps), batch_first: true, enforce_sorted: false);
        var (output, _) = nn.utils.rnn.pad_packed_sequence(packed(packedInputs), batch_first: true, total_length: steps);
        return output;
    }

    /// <summary>Indices <c>positions[b] + offset + j</c> for j in 0..count−1, clamped to the sequence: <c>[batch, count]</c>.</summary>
    protected static Tensor Offsets(Tensor positions, long offset, long count, long time) =>
        (positions.unsqueeze(1) + arange(offset, offset + count, dtype: int64, device: positions.device)).clamp(0, time - 1);

    protected static nn.Module<Tensor, Tensor> Readout(int width, int vocabulary) => nn.Sequential(
        ("fc1", nn.Linear(width, 4 * width)),
        ("gelu", nn.GELU()),
        ("fc2", nn.Linear(4 * width, vocabulary)));
}
