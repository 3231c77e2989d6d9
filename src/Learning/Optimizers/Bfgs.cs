using System;
using Simd.Learning.Optimizers.LineSearch;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>BFGS with a dense inverse-Hessian approximation: for small problems (n up to a few hundred), where its
/// O(n²) memory and work per iteration are cheap and its full curvature memory pays off over <see cref="Lbfgs"/>.</summary>
/// <remarks>
/// <para>d = −Hₖ·∇fₖ (one GEMV), a <see cref="StrongWolfeLineSearch"/> step (α = 1 first; 1/‖∇f‖ on the first
/// iteration), then the inverse update Hₖ₊₁ = (I − ρsyᵀ)Hₖ(I − ρysᵀ) + ρssᵀ, ρ = 1/sᵀy (Nocedal &amp; Wright
/// eq. 6.17), applied as two rank-one row updates per row. H₀ = I, rescaled to (sᵀy/yᵀy)·I just before the first
/// update (eq. 6.20). An update whose curvature sᵀy is not positive is skipped. A failed line search resets H to
/// the identity and retries once along −∇f, as in <see cref="Lbfgs"/>. Double only, for the reason given there.</para>
/// </remarks>
public static class Bfgs
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Minimizes <paramref name="objective"/> from <paramref name="initialPoint"/>.</summary>
    /// <param name="objective">Returns f(x) and writes ∇f(x).</param>
    /// <param name="initialPoint">The starting point x₀ (not modified).</param>
    /// <param name="options">Stopping rules, line search and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The final point, its value and gradient norm, the iterations and evaluations, and why it stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initialPoint"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MinimizationResult Minimize(ObjectiveFunction objective, ReadOnlySpan<double> initialPoint, MinimizerOptions? options = null)
    {
        options ??= MinimizerOptions.Default;
        MinimizerCore.CheckStart(objective, initialPoint, options);
        int n = initialPoint.Length;

        double[] x = initialPoint.ToArray(), g = new double[n];
        double[] xTrial = new double[n], gTrial = new double[n], d = new double[n], s = new double[n], y = new double[n], hy = new double[n];
        var h = Matrix<double>.Identity(n);
        bool scaled = false;

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

            LineSearchResult search = default;
            for (int attempt = 0; attempt < 2; attempt++)
            {
                Gemv.Multiply(-1.0, h.AsReadOnlySpan(), MatrixOp.None, g, 0.0, d);
                double slope = SpanMath.Dot<double>(g, d);
                if (!(slope < 0))
                {
                    Reset(h, ref scaled);
                    g.AsSpan().CopyTo(d);
                    SpanMath.Scale(-1.0, d.AsSpan());
                    slope = -gNorm * gNorm;
                }
                double initialStep = scaled ? 1.0 : 1.0 / gNorm;
                search = StrongWolfeLineSearch.Run(objective, x, f, slope, d, initialStep, xTrial, gTrial,
                    options.LineSearch, options.MaxEvaluations - evaluations);
                evaluations += search.Evaluations;
                if (search.Succeeded || !scaled || evaluations >= options.MaxEvaluations)
                    break;
                Reset(h, ref scaled);
            }

            if (!search.Succeeded)
            {
                return new MinimizationResult(x, f, gNorm, iterations, evaluations,
                    MinimizerCore.StopAfterFailedSearch(search.Status, evaluations, options));
            }

            iterations++;
            SpanMath.Subtract<double>(xTrial, x, s);
            SpanMath.Subtract<double>(gTrial, g, y);
            Update(h, s, y, hy, ref scaled);

            if (MinimizerCore.AcceptStep(options, search, ref x, ref xTrial, ref g, ref gTrial, ref f, out gNorm, iterations, evaluations) is StopReason stop)
                return new MinimizationResult(x, f, gNorm, iterations, evaluations, stop);
        }
    }

    private static void Reset(Matrix<double> h, ref bool scaled)
    {
        h.Values.Clear();
        for (int i = 0; i < h.Rows; i++)
            h[i, i] = 1;
        scaled = false;
    }

    /// <summary>H ← H − (Hy·sᵀ + s·(Hy)ᵀ)/sᵀy + (1 + yᵀHy/sᵀy)·ssᵀ/sᵀy, the expanded form of eq. 6.17.</summary>
    private static void Update(Matrix<double> h, ReadOnlySpan<double> s, ReadOnlySpan<double> y, Span<double> hy, ref bool scaled)
    {
        double sy = SpanMath.Dot(s, y), yy = SpanMath.Dot(y, y);
        if (!(sy > MachineEpsilon * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
            return; // curvature condition fails: keep H (still positive definite)
        if (!scaled)
        {
            double gamma = sy / yy;
            h.Values.Clear();
            for (int i = 0; i < h.Rows; i++)
                h[i, i] = gamma;
            scaled = true;
        }
        Gemv.Multiply(1.0, h.AsReadOnlySpan(), MatrixOp.None, y, 0.0, hy);
        double rho = 1 / sy;
        double c = (1 + SpanMath.Dot<double>(y, hy) * rho) * rho;
        for (int i = 0; i < h.Rows; i++)
        {
            Span<double> row = h.Row(i);
            SpanMath.Axpy(c * s[i] - rho * hy[i], s, row);
            SpanMath.Axpy(-rho * s[i], hy, row);
        }
    }
}
