using NeuroMas.Alignment;
using NeuroMas.Models;

namespace NeuroMas.Bench;

/// <summary>
/// The floating-point operations of one alignment training step, counted from the shapes it multiplies (a multiply-add is
/// 2 FLOPs; element-wise work is not counted, so this is the GEMM work a perfect implementation cannot avoid). Batches are
/// drawn at random, so the count is the expectation over the training pairs: rows × their mean continuation length and
/// mean scored tokens.
/// <list type="bullet">
/// <item>Each trained behavioural direction runs the frozen target on from the intervened state, only as far as each row's
/// last scored token: per row and recurrent step, a GRU's hidden product (2 · 3w² forward) and, backward, the gradient to
/// the previous hidden state only (2 · 3w²; the networks' weights are frozen). The input product is not counted: the
/// inputs are tokens, so their gates are one row per vocabulary entry (<see cref="GruContinuation"/> looks them up;
/// until that change the step multiplied them out, 2 · 3w² more per row and step, which older reports counted). Per
/// scored token the read-out (w → 4w → vocabulary) forward and its input gradient backward.</item>
/// <item>Each direction's intervention: the source's block (b × d_s by d_s × k), the target's encode and decode
/// (b × d_t by d_t × d_t, twice), forward and twice that backward (gradients to the states and to the maps' matrices).</item>
/// <item>Each orthogonal map's rotation once per step (the trainer holds it, <see cref="AlignmentMap.Hold"/>): the matrix
/// exponential's <c>5 + s</c> d × d products (<see cref="MatrixExponential"/>, s squarings at the generator's current
/// norm) and the product with the fixed start; backward two products per forward product (the start's is one: it is
/// fixed). Until the exponential's backward became autograd through these products it was PyTorch's exponential of a
/// 2d × 2d block matrix (94 d³ FLOPs, which older reports counted).</item>
/// </list>
/// </summary>
internal static class StepFlops
{
    public static double Of(AlignmentTrainer trainer, IReadOnlyList<ISystem> systems, int batch)
    {
        var k = trainer.SubspaceSize;
        var total = 0.0;
        foreach (var d in trainer.TrainedDirections)
        {
            var (ds, dt) = (systems[d.Source].Width, (double)systems[d.Target].Width);
            total += 3 * (2.0 * batch * ds * k + 2 * 2.0 * batch * dt * dt);
            if (d.Loss != DirectionLoss.Behaviour) continue;
            var data = trainer.Data(d.Source, d.Target, 0);
            var network = ((IAccessibleSystem)systems[d.Target]).Network;
            var (w, v) = ((double)network.Options.Width, (double)network.Options.VocabularySize);
            var steps = data.Lengths.Average(l => Math.Clamp(l - 1, 1, data.Steps));
            var scored = data.Mask.sum().item<long>() / (double)data.Count;
            var perStep = network switch
            {
                GruNetwork => 2 * 3 * w * w + 2 * 3 * w * w,
                LstmNetwork => 2 * 4 * w * w + 2 * 4 * w * w,
                _ => throw new NotSupportedException($"no FLOP model for {network.GetType().Name}"),
            };
            var readout = 2 * 2 * (w * 4 * w + 4 * w * v);
            total += batch * (steps * perStep + scored * readout);
        }
        foreach (var map in trainer.Maps.OfType<OrthogonalMap>())
        {
            double n = map.Width;
            var products = map.Squarings() < 0 ? 1 : 5 + map.Squarings() + 1;
            total += 2 * n * n * n * (products + 2 * products - 1);
        }
        return total;
    }
}
