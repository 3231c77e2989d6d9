using System;
using Simd.Numerics;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>Levenberg–Marquardt for nonlinear least squares <c>min F(x) = ½‖r(x)‖²</c>: Gauss–Newton steps damped by
/// a trust-region-like parameter λ adapted from the gain ratio.</summary>
/// <remarks>
/// <para>Each iteration forms A = JᵀJ (SYRK) and g = Jᵀr (GEMV) at x and solves
/// <c>(A + λD)·p = −g</c> by Cholesky, D = diag(A) (running maximum) or I. The gain ratio
/// ρ = (F(x) − F(x + p)) / (L(0) − L(p)), with the model decrease L(0) − L(p) = ½·pᵀ(λDp − g), decides:
/// ρ &gt; 0 accepts the step and sets λ ← λ·max(⅓, 1 − (2ρ − 1)³), ν ← 2; otherwise the step is rejected and
/// λ ← λ·ν, ν ← 2ν (Nielsen's rule, as in Madsen, Nielsen &amp; Tingleff, <i>Methods for non-linear least squares
/// problems</i>, 2004). λ → 0 gives Gauss–Newton, large λ a short gradient step. A failed Cholesky (A + λD not
/// numerically positive definite) counts as a rejection.</para>
/// <para>Stopping: ‖g‖₂ ≤ <see cref="MinimizerOptions.GradientTolerance"/> (Converged); a relative decrease of F or a
/// step ‖p‖ ≤ <see cref="MinimizerOptions.RelativeTolerance"/>·‖x‖ (Converged); a step too small to change x in
/// floating point while g is not small (<see cref="StopReason.LineSearchFailed"/>: no acceptable step exists at this
/// precision); limits. Residuals or a Jacobian with NaN/∞ make a trial step count as rejected, and the run stops
/// with <see cref="StopReason.NonFinite"/> after ten in a row (or at once at the starting point).</para>
/// <para><see cref="MinimizationResult.Evaluations"/> counts residual evaluations; the Jacobian is evaluated once per
/// accepted step, plus once at the start. Double only: see <see cref="Lbfgs"/>.</para>
/// </remarks>
public static class LevenbergMarquardt
{
    private const int MaxConsecutiveNonFinite = 10;

    /// <summary>Minimizes ½‖r(x)‖² from <paramref name="initialPoint"/>.</summary>
    /// <param name="residuals">Writes the m residuals r(x).</param>
    /// <param name="jacobian">Writes the m×n Jacobian ∂r/∂x.</param>
    /// <param name="initialPoint">The starting point x₀ (n parameters; not modified).</param>
    /// <param name="residualCount">m, the number of residuals (at least 1).</param>
    /// <param name="options">Damping, stopping rules and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The final point, F = ½‖r‖², ‖Jᵀr‖, the iterations and residual evaluations, and why it stopped.</returns>
    /// <exception cref="ArgumentNullException">A delegate is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initialPoint"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="residualCount"/> is below 1, or an option is out of range.</exception>
    public static MinimizationResult Minimize(ResidualFunction residuals, JacobianFunction jacobian, ReadOnlySpan<double> initialPoint,
        int residualCount, LevenbergMarquardtOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        ArgumentOutOfRangeException.ThrowIfLessThan(residualCount, 1);
        options ??= LevenbergMarquardtOptions.Default;
        MinimizerCore.CheckStart(residuals, initialPoint, options);
        int n = initialPoint.Length, m = residualCount;

        double[] x = initialPoint.ToArray(), xTrial = new double[n], p = new double[n], g = new double[n], scale = new double[n];
        double[] r = new double[m], rTrial = new double[m];
        var jac = new Matrix<double>(m, n);
        var a = new Matrix<double>(n, n);
        var l = new Matrix<double>(n, n);

        residuals(x, r);
        int evaluations = 1, iterations = 0;
        double value = 0.5 * SpanMath.Dot<double>(r, r);
        if (!double.IsFinite(value))
            return new MinimizationResult(x, value, double.NaN, 0, evaluations, StopReason.NonFinite);
        if (!TryLinearize(jacobian, x, r, jac, a, g, out double gNorm))
            return new MinimizationResult(x, value, gNorm, 0, evaluations, StopReason.NonFinite);
        if (gNorm <= options.GradientTolerance)
            return new MinimizationResult(x, value, gNorm, 0, evaluations, StopReason.Converged);

        double lambda = options.InitialDamping, nu = 2;
        int nonFinite = 0;
        if (!options.ScaleByDiagonal)
            Array.Fill(scale, 1.0);

        while (true)
        {
            if (iterations >= options.MaxIterations)
                return new MinimizationResult(x, value, gNorm, iterations, evaluations, StopReason.IterationLimit);
            if (options.ScaleByDiagonal)
            {
                for (int i = 0; i < n; i++)
                    scale[i] = Math.Max(scale[i], a[i, i]);
                for (int i = 0; i < n; i++)
                    if (scale[i] == 0)
                        scale[i] = 1; // a parameter no residual depends on (yet): plain Levenberg damping for it
            }

            // Inner loop: raise λ until a step is accepted.
            while (true)
            {
                if (evaluations >= options.MaxEvaluations)
                    return new MinimizationResult(x, value, gNorm, iterations, evaluations, StopReason.EvaluationLimit);

                for (int i = 0; i < n; i++)
                {
                    a.Row(i)[..(i + 1)].CopyTo(l.Row(i));
                    l[i, i] += lambda * scale[i];
                }
                if (!Cholesky.TryFactorInPlace(l.AsSpan(), out _))
                {
                    if (!double.IsFinite(lambda))
                        return new MinimizationResult(x, value, gNorm, iterations, evaluations, StopReason.LineSearchFailed);
                    lambda *= nu;
                    nu *= 2;
                    continue;
                }
                for (int i = 0; i < n; i++)
                    p[i] = -g[i];
                Cholesky.SolveInPlace(l.AsReadOnlySpan(), new MatrixSpan<double>(p, n, 1));

                x.AsSpan().CopyTo(xTrial);
                SpanMath.Axpy(1.0, p, xTrial.AsSpan());
                if (xTrial.AsSpan().SequenceEqual(x))
                    return new MinimizationResult(x, value, gNorm, iterations, evaluations, StopReason.LineSearchFailed);

                residuals(xTrial, rTrial);
                evaluations++;
                double trialValue = 0.5 * SpanMath.Dot<double>(rTrial, rTrial);

                // Model decrease L(0) − L(p) = −pᵀg − ½pᵀAp = ½pᵀ(λDp − g), since (A + λD)p = −g.
                double predicted = 0;
                for (int i = 0; i < n; i++)
                    predicted += p[i] * (lambda * scale[i] * p[i] - g[i]);
                predicted *= 0.5;
                double rho = (value - trialValue) / predicted;

                if (!double.IsFinite(trialValue))
                {
                    if (++nonFinite >= MaxConsecutiveNonFinite)
                        return new MinimizationResult(x, value, gNorm, iterations, evaluations, StopReason.NonFinite);
                    lambda *= nu;
                    nu *= 2;
                    continue;
                }
                nonFinite = 0;
                if (rho > 0 && predicted > 0)
                {
                    double t = 2 * rho - 1;
                    lambda *= Math.Max(1.0 / 3, 1 - t * t * t);
                    nu = 2;
                    break;
                }
                lambda *= nu;
                nu *= 2;
            }

            // Accept the step and linearize at the new point.
            iterations++;
            double previous = value;
            (x, xTrial) = (xTrial, x);
            (r, rTrial) = (rTrial, r);
            value = 0.5 * SpanMath.Dot<double>(r, r);
            if (!TryLinearize(jacobian, x, r, jac, a, g, out gNorm))
                return new MinimizationResult(x, value, gNorm, iterations, evaluations, StopReason.NonFinite);
            MinimizerCore.Report(options, iterations, evaluations, value, gNorm, 1.0);

            if (gNorm <= options.GradientTolerance)
                return new MinimizationResult(x, value, gNorm, iterations, evaluations, StopReason.Converged);
            if (MinimizerCore.RelativeChangeConverged(previous, value, options.RelativeTolerance) ||
                MinimizerCore.StepConverged(p, x, options.RelativeTolerance))
                return new MinimizationResult(x, value, gNorm, iterations, evaluations, StopReason.Converged);
        }
    }

    /// <summary>J at x, A = JᵀJ (lower triangle), g = Jᵀr and ‖g‖; false if J or g is not finite.</summary>
    private static bool TryLinearize(JacobianFunction jacobian, double[] x, double[] r, Matrix<double> jac, Matrix<double> a,
        double[] g, out double gNorm)
    {
        jacobian(x, jac.AsSpan());
        if (!double.IsFinite(SpanMath.Norm2<double>(jac.Values)))
        {
            gNorm = double.NaN;
            return false;
        }
        Syrk.Update(1.0, jac.AsReadOnlySpan(), MatrixOp.Transpose, 0.0, a.AsSpan(), TriangularPart.Lower, Parallelism.Sequential);
        Gemv.Multiply(1.0, jac.AsReadOnlySpan(), MatrixOp.Transpose, r, 0.0, g);
        gNorm = SpanMath.Norm2<double>(g);
        return double.IsFinite(gNorm);
    }
}
