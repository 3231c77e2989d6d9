using System;
using Simd.Learning.Optimizers.LineSearch;
using Simd.Numerics;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>Newton's method with an exact Hessian: each step solves <c>(∇²f + τI)·p = −∇f</c> by Cholesky, with
/// τ ≥ 0 the smallest shift (on a doubling ladder) that makes the matrix numerically positive definite, then takes a
/// strong-Wolfe line-search step along p.</summary>
/// <remarks>
/// <para><b>Modification when the Hessian is not positive definite</b> (Nocedal &amp; Wright, Algorithm 3.3,
/// "Cholesky with added multiple of the identity"): with β = 10⁻³·max(1, maxᵢ|hᵢᵢ|), start from τ = 0 if every
/// diagonal entry is positive and from τ = β − minᵢ hᵢᵢ otherwise; while the Cholesky factorization of H + τI fails,
/// set τ ← max(2τ, β). Where H is positive definite the step is the pure Newton step (quadratic convergence near a
/// minimizer); elsewhere p is still a descent direction, so the method never crashes on an indefinite or singular
/// Hessian. A Hessian containing NaN or ±∞ ends the run with <see cref="StopReason.NonFinite"/>.</para>
/// <para>The line search tries α = 1 first, so on a strictly convex quadratic the first step lands on the minimizer.
/// Work per iteration: one Hessian, an n³/3 Cholesky and the evaluations of the line search (usually one).
/// <see cref="MinimizationResult.Evaluations"/> counts objective evaluations; Hessian evaluations equal the
/// iterations plus one at most. Double only: see <see cref="Lbfgs"/>.</para>
/// </remarks>
public static class Newton
{
    /// <summary>Minimizes <paramref name="objective"/> from <paramref name="initialPoint"/> with Newton steps.</summary>
    /// <param name="objective">Returns f(x) and writes ∇f(x).</param>
    /// <param name="hessian">Writes ∇²f(x) (only the lower triangle is read).</param>
    /// <param name="initialPoint">The starting point x₀ (not modified).</param>
    /// <param name="options">Stopping rules, line search and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The final point, its value and gradient norm, the iterations and evaluations, and why it stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="hessian"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initialPoint"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MinimizationResult Minimize(ObjectiveFunction objective, HessianFunction hessian, ReadOnlySpan<double> initialPoint,
        MinimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        options ??= MinimizerOptions.Default;
        MinimizerCore.CheckStart(objective, initialPoint, options);
        int n = initialPoint.Length;

        double[] x = initialPoint.ToArray(), g = new double[n];
        double[] xTrial = new double[n], gTrial = new double[n], d = new double[n];
        var h = new Matrix<double>(n, n);
        var l = new Matrix<double>(n, n);

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

            h.Values.Fill(double.NaN); // an implementation that forgets an entry of the lower triangle is caught
            hessian(x, h.AsSpan());
            if (!TryModifiedCholesky(h, l, out _))
                return new MinimizationResult(x, f, gNorm, iterations, evaluations, StopReason.NonFinite);

            for (int i = 0; i < n; i++)
                d[i] = -g[i];
            Cholesky.SolveInPlace(l.AsReadOnlySpan(), new MatrixSpan<double>(d, n, 1));
            double slope = SpanMath.Dot<double>(g, d);
            if (!(slope < 0) || !double.IsFinite(slope))
            {
                // Rounding spoiled the solve (extreme conditioning): fall back to steepest descent.
                for (int i = 0; i < n; i++)
                    d[i] = -g[i];
                slope = -gNorm * gNorm;
            }

            LineSearchResult search = StrongWolfeLineSearch.Run(objective, x, f, slope, d, 1.0, xTrial, gTrial,
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

    /// <summary>Factors H + τI = L·Lᵀ with the smallest τ of the ladder above (see the class remarks); false when H
    /// is not finite. <paramref name="shift"/> is the τ used.</summary>
    internal static bool TryModifiedCholesky(Matrix<double> h, Matrix<double> l, out double shift)
    {
        int n = h.Rows;
        double minDiagonal = double.PositiveInfinity, maxAbsDiagonal = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                if (!double.IsFinite(h[i, j]))
                {
                    shift = double.NaN;
                    return false;
                }
            }
            minDiagonal = Math.Min(minDiagonal, h[i, i]);
            maxAbsDiagonal = Math.Max(maxAbsDiagonal, Math.Abs(h[i, i]));
        }

        double beta = 1e-3 * Math.Max(1, maxAbsDiagonal);
        shift = minDiagonal > 0 ? 0 : beta - minDiagonal;
        // τ doubles every attempt, and H + τI is positive definite once τ exceeds ‖H‖, so in practice a few attempts
        // suffice; the loop also ends if τ overflows (a Hessian near the top of the double range).
        for (int attempt = 0; attempt < 2100; attempt++)
        {
            for (int i = 0; i < n; i++)
            {
                h.Row(i)[..(i + 1)].CopyTo(l.Row(i));
                l[i, i] += shift;
            }
            if (Cholesky.TryFactorInPlace(l.AsSpan(), out _))
                return true;
            shift = Math.Max(2 * shift, beta);
            if (!double.IsFinite(shift))
                break;
        }
        return false;
    }
}
