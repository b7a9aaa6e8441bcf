using static TorchSharp.torch;

namespace NeuroMas.Decoding;

/// <summary>
/// L2-penalised multinomial logistic regression fitted by a line-searched inexact Newton method (Newton-CG).
/// The problem is badly conditioned (weak penalty, nearly separable neighbouring classes): first-order methods
/// such as L-BFGS stall there (1,000 iterations left the gradient above 1e-6 on the shipped recording), while a
/// Newton step on the <c>classes × (units + 1)</c> parameters converges in tens of steps. The Hessian is never
/// formed on all rows: conjugate gradients use Hessian-vector products (two matrix products each, float32, since they
/// only shape the direction), preconditioned by each class's own block of the Hessian estimated on a subsample — and,
/// once that stalls (near the optimum, where the classes are coupled), by the whole Hessian on the same subsample
/// (<see cref="SampledHessian"/>), kept across Newton steps and folds while it works. On the shipped recording's
/// count (5 folds) that took the Hessian-vector products from 2,230 to about 200, at the same solution.
/// Loss, gradient and line search stay float64, so the convergence test is exact.
/// </summary>
internal static class SoftmaxRegression
{
    /// <summary>Rows the preconditioners are estimated on (a preconditioner only needs the shape).</summary>
    private const int PreconditionerRows = 2048;

    /// <summary>
    /// Conjugate-gradient steps of one Newton step above which its preconditioner counts as stalled: the next Newton
    /// step builds (or rebuilds) the <see cref="SampledHessian"/>.
    /// </summary>
    private const int StallIterations = 8;

    /// <summary>Conjugate-gradient steps per Newton step at most.</summary>
    private const int MaxCgSteps = 500;

    /// <summary>
    /// Minimises the mean cross-entropy plus <paramref name="l2"/>·‖W‖² (biases unpenalised) on standardised rows
    /// <paramref name="x"/> <c>[n, units]</c> (float64) with class ids <paramref name="y"/> <c>[n]</c>, until the
    /// largest gradient entry is below <paramref name="tolerance"/> or after <paramref name="maxSteps"/> Newton steps.
    /// Starts from <paramref name="initial"/> <c>[classes, units + 1]</c> (zeros when null). Returns the weights with
    /// the biases as the last column, <c>[classes, units + 1]</c> (float64).
    /// </summary>
    public static Tensor Fit(Tensor x, Tensor y, int classes, double l2, double tolerance, int maxSteps, Tensor? initial = null)
    {
        SampledHessian? preconditioner = null;
        try
        {
            return Fit(x, y, classes, l2, tolerance, maxSteps, initial, ref preconditioner);
        }
        finally
        {
            preconditioner?.Dispose();
        }
    }

    /// <inheritdoc cref="Fit(Tensor, Tensor, int, double, double, int, Tensor?)"/>
    /// <param name="preconditioner">
    /// The coupled preconditioner to start from (a neighbouring fit's, e.g. the previous fold's), replaced (and the
    /// old one disposed) when it is built or rebuilt here; the caller owns what it holds afterwards.
    /// </param>
    public static Tensor Fit(Tensor x, Tensor y, int classes, double l2, double tolerance, int maxSteps, Tensor? initial,
        ref SampledHessian? preconditioner)
    {
        using var outer = NewDisposeScope();
        var (n, units) = (x.shape[0], x.shape[1]);
        var design = cat([x, ones(n, 1, float64)], 1); // the bias is the last column's weight
        var design32 = design.to(float32);
        var onehot = nn.functional.one_hot(y, classes).to(float64);
        var penalty = cat([full(units, l2, float64), zeros(1, float64)]); // [units + 1]
        var rows = PreconditionerSample(n);
        var sample = design.index_select(0, rows);

        (double Loss, Tensor Gradient, Tensor Probability) Evaluate(Tensor theta)
        {
            using var scope = NewDisposeScope();
            var logp = design.matmul(theta.t()).log_softmax(1);
            var loss = -(logp * onehot).sum().item<double>() / n + (penalty * theta.square()).sum().item<double>();
            var probability = logp.exp();
            var gradient = (probability - onehot).t().matmul(design) / n + 2 * penalty * theta;
            return (loss, gradient.MoveToOuterDisposeScope(), probability.MoveToOuterDisposeScope());
        }

        var theta = initial?.clone() ?? zeros(classes, units + 1, float64);
        var (f, g, p) = Evaluate(theta);
        var coupled = preconditioner; // built once the per-class blocks stall, rebuilt when it stalls in turn
        var iterations = 0;
        for (var step = 0; step < maxSteps && g.abs().max().item<double>() > tolerance; step++)
        {
            using var scope = NewDisposeScope();
            if (iterations > StallIterations)
            {
                coupled?.Dispose();
                coupled = preconditioner = SampledHessian.Build(design32, p, rows, penalty);
            }
            Tensor direction;
            (direction, iterations) = NewtonDirection(design32, sample, rows, p, g, penalty, n, coupled);
            var slope = (g * direction).sum().item<double>();
            if (slope >= 0) (direction, slope) = (-g, -g.square().sum().item<double>()); // CG broke down: steepest descent
            var length = 1.0;
            while (true)
            {
                var next = theta + length * direction;
                var (fNext, gNext, pNext) = Evaluate(next);
                if (fNext <= f + 1e-4 * length * slope || length < 1e-12)
                {
                    var stalled = length < 1e-12;
                    theta.Dispose(); g.Dispose(); p.Dispose();
                    (theta, f, g, p) = (next.MoveToOuterDisposeScope(), fNext, gNext.MoveToOuterDisposeScope(), pNext.MoveToOuterDisposeScope());
                    if (stalled) step = maxSteps; // no descent left at float64 precision
                    break;
                }
                next.Dispose(); gNext.Dispose(); pNext.Dispose();
                length /= 2;
            }
        }
        return theta.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Approximately solves H·d = −g by preconditioned conjugate gradients, to a relative residual of
    /// min(0.5, √‖g‖) (the forcing term that gives superlinear convergence). <c>[classes, units + 1]</c>.
    /// </summary>
    private static (Tensor Direction, int Iterations) NewtonDirection(Tensor design32, Tensor sample, Tensor rows, Tensor p, Tensor g, Tensor penalty, long n,
        SampledHessian? coupled)
    {
        using var scope = NewDisposeScope();
        var p32 = p.to(float32);
        Tensor Hessian(Tensor v) // H·v: the data term through two float32 products, the penalty exactly
        {
            using var inner = NewDisposeScope();
            var z = design32.matmul(v.to(float32).t());
            var r = p32 * (z - (p32 * z).sum(1, keepdim: true));
            return (r.t().matmul(design32).to(float64) / n + 2 * penalty * v).MoveToOuterDisposeScope();
        }
        var precondition = coupled is null ? ClassBlocks(sample, p.index_select(0, rows), penalty) : coupled.Solve;

        var gNorm = g.norm().item<double>();
        var target = Math.Min(0.5, Math.Sqrt(gNorm)) * gNorm;
        var solution = zeros_like(g);
        var residual = -g;
        var search = precondition(residual);
        var rz = (residual * search).sum().item<double>();
        var k = 0;
        for (; k < MaxCgSteps; k++)
        {
            using var iteration = NewDisposeScope();
            var hs = Hessian(search);
            var curvature = (search * hs).sum().item<double>();
            if (curvature <= 0) break; // float32 round-off near a flat direction: keep what we have
            var alpha = rz / curvature;
            solution.add_(search, alpha: alpha);
            residual.add_(hs, alpha: -alpha);
            if (residual.norm().item<double>() <= target) { k++; break; }
            var z = precondition(residual);
            var rzNext = (residual * z).sum().item<double>();
            search.mul_(rzNext / rz).add_(z);
            rz = rzNext;
        }
        return (solution.MoveToOuterDisposeScope(), k);
    }

    /// <summary>
    /// The cheap preconditioner: each class's diagonal block of the Hessian, Xᵀ·diag(p(1 − p))·X, on the sample
    /// <paramref name="sample"/> with its probabilities <paramref name="ps"/> ([classes, d, d], factored).
    /// </summary>
    private static Func<Tensor, Tensor> ClassBlocks(Tensor sample, Tensor ps, Tensor penalty)
    {
        var weights = (ps * (1 - ps)).t().unsqueeze(-1); // [classes, m, 1]
        var blocks = (sample.unsqueeze(0) * weights).transpose(1, 2).matmul(sample) / sample.shape[0]
            + diag(2 * penalty + 1e-8).unsqueeze(0);
        var factor = linalg.cholesky(blocks);
        return r => cholesky_solve(r.unsqueeze(-1), factor).squeeze(-1);
    }

    /// <summary>Evenly spaced rows (the training rows are in no particular order), at most <see cref="PreconditionerRows"/>.</summary>
    private static Tensor PreconditionerSample(long n)
    {
        var m = Math.Min(n, PreconditionerRows);
        return tensor(Enumerable.Range(0, (int)m).Select(i => i * n / m).ToArray());
    }
}
