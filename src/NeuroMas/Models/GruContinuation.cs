using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>
/// A frozen one-layer GRU run on from given start states over rows of different lengths, differentiable in the start
/// states only: the alignment's training path (the network's weights are frozen and its inputs are tokens, so the start
/// state, the intervened one, is all a gradient is needed for).
/// <para>
/// The forward pass is PyTorch's packed-sequence GRU step for step (rows sorted by length, each step's batch narrowed to
/// the rows still running, the gates computed by the same operations in the same order), except that the input gates,
/// which depend on the token only, are looked up in a table of one row per vocabulary entry instead of being multiplied
/// out for every input: its states are the ones <c>nn.GRU</c> gives on a packed sequence, most to the bit and all within
/// float rounding (1e-5; test <c>GruContinuationTests</c>). Each step is libtorch's hidden product and then one pass of
/// <see cref="GruCell"/> over each row (the gates, the next state, and the factors backward needs), written into
/// preallocated packed buffers. The backward pass is written out: with one <c>[rows, 4w]</c> factor kept per packed row,
/// the gradient to the previous state is <c>dh ⊙ z + (dh ⊗ factor) · W_hh</c>, one element-wise pass and one matrix
/// product per step, where autograd replays some thirty small kernels of the cell. That is where an alignment step spent
/// most of its time (docs/architecture.md, "What a training step computes by hand").
/// </para>
/// </summary>
public static class GruContinuation
{
    /// <summary>
    /// The states after each input token: <c>[batch, time, w]</c>, row b's states after its first <c>lengths[b]</c> tokens
    /// and zeros after them (as <c>pad_packed_sequence</c> gives).
    /// </summary>
    /// <param name="start">Start states <c>[batch, w]</c>; the only input a gradient flows to.</param>
    /// <param name="tokens">Input token ids <c>[batch, time]</c>.</param>
    /// <param name="lengths">Per row, how many inputs to run (1 … time).</param>
    /// <param name="embedding">The network's embedding matrix <c>[vocabulary, w_in]</c>.</param>
    /// <param name="weights">The GRU's <c>weight_ih, weight_hh, bias_ih, bias_hh</c> (PyTorch's gate order r, z, n).</param>
    public static Tensor Run(Tensor start, Tensor tokens, long[] lengths, Tensor embedding, (Tensor Ih, Tensor Hh, Tensor BiasIh, Tensor BiasHh) weights)
    {
        using var scope = NewDisposeScope();
        var (batch, time, width) = (tokens.shape[0], tokens.shape[1], start.shape[1]);
        var run = Packed(start, tokens, lengths, embedding, weights);
        var padded = zeros(batch * time, width, dtype: start.dtype).index_copy_(0, tensor(run.PaddedPositions(time)), run.States);
        return padded.view(batch, time, width).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The same continuation with its states left packed (<see cref="PackedRun.States"/>, <c>[Σ lengths, w]</c>): what the
    /// alignment's loss reads, which needs the states at its scored tokens only, so nothing <c>[batch, time, w]</c> is
    /// built forward or backward.
    /// </summary>
    public static PackedRun Packed(Tensor start, Tensor tokens, long[] lengths, Tensor embedding, (Tensor Ih, Tensor Hh, Tensor BiasIh, Tensor BiasHh) weights)
    {
        using var scope = NewDisposeScope();
        var table = InputTable(embedding, weights);
        var order = Enumerable.Range(0, lengths.Length).OrderByDescending(i => lengths[i]).Select(i => (long)i).ToArray();
        var running = new long[lengths.Length == 0 ? 0 : lengths.Max()];
        foreach (var l in lengths)
            for (var t = 0; t < l; t++) running[t]++;
        var states = Function.apply(start, tokens, order, running, table, weights.Hh, weights.BiasHh);
        return new PackedRun(states.MoveToOuterDisposeScope(), order, running);
    }

    /// <summary>
    /// The input gates <c>W_ih · x + b_ih</c> of every vocabulary entry <c>[vocabulary, 3w]</c>: they depend on the token only
    /// (nn.GRU multiplies out every input; the two agree to float rounding, test <c>GruContinuationTests</c>).
    /// </summary>
    public static Tensor InputTable(Tensor embedding, (Tensor Ih, Tensor Hh, Tensor BiasIh, Tensor BiasHh) weights) =>
        nn.functional.linear(embedding, weights.Ih, weights.BiasIh).contiguous();

    /// <summary>
    /// One step without gradients: the states after reading <paramref name="tokens"/> (one per row) from
    /// <paramref name="previous"/> <c>[rows, w]</c>, with the input gates from <see cref="InputTable"/>.
    /// </summary>
    public static Tensor Step(Tensor previous, long[] tokens, Tensor table, Tensor hh, Tensor biasHh)
    {
        var (rows, width) = (previous.shape[0], previous.shape[1]);
        using var product = empty(rows, 3 * width, dtype: float32);
        using var bias = biasHh.contiguous();
        var next = empty(rows, width, dtype: float32);
        using var weightT = hh.t();
        StepInto(previous, product, weightT, VectorSpans.Floats(previous), VectorSpans.Floats(product), VectorSpans.Floats(bias), VectorSpans.Floats(table), tokens,
            VectorSpans.Floats(next), default, (int)width);
        return next;
    }

    /// <summary>
    /// One step: the hidden product <paramref name="from"/> · <paramref name="weightT"/> into <paramref name="product"/>
    /// <c>[rows, 3w]</c>, then <see cref="GruCell.Forward"/> writing <paramref name="next"/> and, unless empty,
    /// <paramref name="factor"/>. The product's operands are tensors (libtorch multiplies them); the cell reads the same
    /// memory through spans, which a caller stepping many times takes once.
    /// </summary>
    private static void StepInto(Tensor from, Tensor product, Tensor weightT, ReadOnlySpan<float> fromRows, ReadOnlySpan<float> productRows,
        ReadOnlySpan<float> bias, ReadOnlySpan<float> table, ReadOnlySpan<long> tokens, Span<float> next, Span<float> factor, int width)
    {
        product.addmm_(from, weightT, beta: 0);
        GruCell.Forward(productRows, bias, table, tokens, fromRows, next, factor, width);
    }

    /// <summary>
    /// Packed states, step-major: step t's rows are the rows still running at t, longest first (<c>Order</c>, stable).
    /// </summary>
    public sealed record PackedRun(Tensor States, long[] Order, long[] Running)
    {
        /// <summary>For each (original row, input step) of <paramref name="at"/>, its packed row, or −1 past the row's length.</summary>
        public long[] Rows(IReadOnlyList<(long Row, long Step)> at)
        {
            var rank = new long[Order.Length];
            for (var i = 0; i < Order.Length; i++) rank[Order[i]] = i;
            var offsets = new long[Running.Length];
            for (var t = 1; t < Running.Length; t++) offsets[t] = offsets[t - 1] + Running[t - 1];
            return at.Select(x => x.Step >= 0 && x.Step < Running.Length && rank[x.Row] < Running[x.Step] ? offsets[x.Step] + rank[x.Row] : -1).ToArray();
        }

        /// <summary>Where each packed row sits in the <c>[batch · time]</c> padded states.</summary>
        public long[] PaddedPositions(long time) => GruContinuation.PaddedPositions(Order, Running, time);
    }

    /// <summary>For packed rows in <paramref name="order"/> with <paramref name="running"/> rows per step: each one's index in <c>[batch · time]</c>.</summary>
    private static long[] PaddedPositions(long[] order, long[] running, long time)
    {
        var positions = new long[running.Sum()];
        var k = 0;
        for (var t = 0; t < running.Length; t++)
            for (var i = 0; i < running[t]; i++) positions[k++] = order[i] * time + t;
        return positions;
    }

    private sealed class Function : autograd.SingleTensorFunction<Function>
    {
        public override string Name => "GruContinuation";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var (start, tokens, order, running) = ((Tensor)vars[0], (Tensor)vars[1], (long[])vars[2], (long[])vars[3]);
            var (table, hh, biasHh) = ((Tensor)vars[4], (Tensor)vars[5], (Tensor)vars[6]);
            using var scope = NewDisposeScope();
            var (width, total) = ((int)start.shape[1], running.Sum());
            var ids = tokens.contiguous().data<long>().ToArray();
            var packedTokens = PaddedPositions(order, running, tokens.shape[1]).Select(p => ids[p]).ToArray();
            var keep = start.requires_grad;
            var states = empty(total, width, dtype: float32);
            // Per packed row: the gates' factors and the update gate (GruCell.Forward), what backward reads.
            var factor = keep ? empty(total, 4 * width, dtype: float32) : null;
            var (gates, bias) = (table.contiguous(), biasHh.contiguous());
            var hidden = empty(running.Length == 0 ? 0 : running[0], 3 * width, dtype: float32);
            var weightT = hh.t();
            var previous = start.detach().index_select(0, tensor(order)).contiguous();
            // Spans taken once: per step only the matrix product's two operands are tensor views.
            var hiddenAll = VectorSpans.Floats(hidden);
            var biasAll = VectorSpans.Floats(bias);
            var tableRows = VectorSpans.Floats(gates);
            var statesAll = VectorSpans.Floats(states);
            var factorAll = factor is null ? default : VectorSpans.Floats(factor);
            // Each step reads the first n rows of the previous step's states (rows are sorted longest first).
            var (source, sourceOffset) = (previous, 0L);
            var sourceAll = VectorSpans.Floats(previous);
            var offset = 0L;
            foreach (var n in running)
            {
                using var from = source.narrow(0, sourceOffset, n);
                using var product = hidden.narrow(0, 0, n);
                var (at, count) = ((int)offset * width, (int)n * width);
                StepInto(from, product, weightT, sourceAll.Slice((int)sourceOffset * width, count), hiddenAll[..(3 * count)], biasAll, tableRows,
                    packedTokens.AsSpan((int)offset, (int)n), statesAll.Slice(at, count), factor is null ? default : factorAll.Slice(4 * at, 4 * count), width);
                (source, sourceOffset) = (states, offset);
                sourceAll = statesAll;
                offset += n;
            }
            if (factor is not null)
            {
                // Saved by autograd after forward returns, so they must outlive this scope.
                factor.MoveToOuterDisposeScope();
                ctx.save_for_backward([factor, hh]);
                ctx.save_data("order", order);
                ctx.save_data("running", running);
            }
            return states.MoveToOuterDisposeScope();
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
        {
            using var scope = NewDisposeScope();
            var saved = ctx.get_saved_variables();
            var (factor, hh) = (saved[0], saved[1].contiguous());
            var running = (long[])ctx.get_data("running");
            var width = (int)grad.shape[1];
            var packedGrad = grad.contiguous();
            var rows = running.Length == 0 ? 0 : running[0];
            // carry: the gradient at the previous step's states, which the cell's pass adds to the loss's own at this step's.
            var (carry, gates) = (zeros(rows, width, dtype: float32), empty(rows, 3 * width, dtype: float32));
            var gradAll = VectorSpans.Floats(packedGrad);
            var factorAll = VectorSpans.Floats(factor);
            var gatesAll = VectorSpans.Floats(gates);
            var carryAll = VectorSpans.Floats(carry);
            var offset = (int)running.Sum();
            var carried = 0;
            for (var t = running.Length - 1; t >= 0; t--)
            {
                var n = (int)running[t];
                offset -= n;
                // Rows that end at this step (those past carried) join with nothing carried from later steps.
                GruCell.Backward(gradAll.Slice(offset * width, n * width), factorAll.Slice(4 * offset * width, 4 * n * width), gatesAll[..(3 * n * width)],
                    carryAll[..(n * width)], n, carried, width);
                using var g = gates.narrow(0, 0, n);
                using var c = carry.narrow(0, 0, n);
                c.addmm_(g, hh);
                carried = n;
            }
            var order = (long[])ctx.get_data("order");
            var start = zeros_like(carry).index_copy_(0, tensor(order), carry);
            return [start.MoveToOuterDisposeScope(), null!, null!, null!, null!, null!, null!];
        }
    }
}
