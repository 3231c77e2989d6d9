using System;
using Simd.Learning.Optimizers.LineSearch;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>Truncated (inexact) Newton: each step solves <c>∇²f·p = −∇f</c> approximately by conjugate gradients
/// using only Hessian–vector products, then takes a strong-Wolfe line-search step (Nocedal &amp; Wright,
/// Algorithm 7.1, line-search Newton–CG).</summary>
/// <remarks>
/// <para>CG stops when the residual falls below ηₖ‖∇f‖ with the forcing term ηₖ = min(0.5, √‖∇f‖) (superlinear
/// convergence), after n iterations, or as soon as it meets a direction of non-positive curvature dᵀ∇²f·d ≤ 0: it
/// then returns the iterate so far, or −∇f if that happens at once, so the step is always a descent direction even
/// where the Hessian is indefinite. Memory and work are O(n) per Hessian–vector product; nothing is allocated per
/// iteration. <see cref="MinimizationResult.Evaluations"/> counts objective evaluations (Hessian–vector products are
/// not counted). Double only: see <see cref="Lbfgs"/>.</para>
/// </remarks>
public static class NewtonCg
{
    /// <summary>Minimizes <paramref name="objective"/> from <paramref name="initialPoint"/>.</summary>
    /// <param name="objective">Returns f(x) and writes ∇f(x).</param>
    /// <param name="hessianVectorProduct">Writes ∇²f(x)·v.</param>
    /// <param name="initialPoint">The starting point x₀ (not modified).</param>
    /// <param name="options">Stopping rules, line search and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The final point, its value and gradient norm, the iterations and evaluations, and why it stopped.</returns>
    /// <exception cref="ArgumentNullException">A delegate is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initialPoint"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MinimizationResult Minimize(ObjectiveFunction objective, HessianVectorProduct hessianVectorProduct,
        ReadOnlySpan<double> initialPoint, MinimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hessianVectorProduct);
        options ??= MinimizerOptions.Default;
        MinimizerCore.CheckStart(objective, initialPoint, options);
        int n = initialPoint.Length;

        double[] x = initialPoint.ToArray(), g = new double[n], xTrial = new double[n], gTrial = new double[n];
        double[] p = new double[n], r = new double[n], d = new double[n], hd = new double[n];

        double f = objective(x, g);
        int evaluations = 1, iterations = 0;
        double gNorm = SpanMath.Norm2<double>(g);
        if (!double.IsFinite(f) || !double.IsFinite(gNorm))
            return new MinimizationResult(x, f, gNorm, 0, evaluations, StopReason.NonFinite);
        if (gNorm <= options.GradientTolerance)
            return new MinimizationResult(x, f, gNorm, 0, evaluations, StopReason.Converged);

        while (true)
        {
            if (iterations >= options.MaxIterations)
                return new MinimizationResult(x, f, gNorm, iterations, evaluations, StopReason.IterationLimit);

            if (!TrySolve(hessianVectorProduct, x, g, gNorm, p, r, d, hd))
                return new MinimizationResult(x, f, gNorm, iterations, evaluations, StopReason.NonFinite);
            double slope = SpanMath.Dot<double>(g, p);
            if (!(slope < 0))
            {
                g.AsSpan().CopyTo(p);
                SpanMath.Scale(-1.0, p.AsSpan());
                slope = -gNorm * gNorm;
            }

            LineSearchResult search = StrongWolfeLineSearch.Run(objective, x, f, slope, p, 1.0, xTrial, gTrial,
                options.LineSearch, options.MaxEvaluations - evaluations);
            evaluations += search.Evaluations;
            if (!search.Succeeded)
            {
                return new MinimizationResult(x, f, gNorm, iterations, evaluations,
                    MinimizerCore.StopAfterFailedSearch(search.Status, evaluations, options));
            }

            iterations++;
            if (MinimizerCore.AcceptStep(options, search, ref x, ref xTrial, ref g, ref gTrial, ref f, out gNorm, iterations, evaluations) is StopReason stop)
                return new MinimizationResult(x, f, gNorm, iterations, evaluations, stop);
        }
    }

    /// <summary>CG on ∇²f·p = −g (see the class remarks); false if a product is not finite.</summary>
    private static bool TrySolve(HessianVectorProduct hv, double[] x, double[] g, double gNorm, double[] p, double[] r, double[] d, double[] hd)
    {
        int n = x.Length;
        double tolerance = Math.Min(0.5, Math.Sqrt(gNorm)) * gNorm;
        Array.Clear(p);
        g.AsSpan().CopyTo(r);                 // r = ∇²f·p + g = g
        g.AsSpan().CopyTo(d);
        SpanMath.Scale(-1.0, d.AsSpan());     // d = −r
        double rr = gNorm * gNorm;
        for (int j = 0; j < n; j++)
        {
            hv(x, d, hd);
            double curvature = SpanMath.Dot<double>(d, hd);
            if (!double.IsFinite(curvature))
                return false;
            if (curvature <= 0)
            {
                if (j == 0)
                    d.AsSpan().CopyTo(p); // −g
                return true;
            }
            double alpha = rr / curvature;
            SpanMath.Axpy(alpha, d, p.AsSpan());
            SpanMath.Axpy(alpha, hd, r.AsSpan());
            double rrNew = SpanMath.Dot<double>(r, r);
            if (Math.Sqrt(rrNew) <= tolerance)
                return true;
            double beta = rrNew / rr;
            rr = rrNew;
            SpanMath.Scale(beta, d.AsSpan());
            SpanMath.Axpy(-1.0, r, d.AsSpan());  // d = −r + βd
        }
        return true;
    }
}
