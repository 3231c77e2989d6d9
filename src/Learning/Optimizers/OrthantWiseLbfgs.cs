using System;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>OWL-QN (Andrew &amp; Gao, 2007): L-BFGS for <c>F(x) = f(x) + λ₁‖x‖₁</c>, run by <see cref="Lbfgs"/>
/// when <see cref="LbfgsOptions.L1Strength"/> is positive.</summary>
/// <remarks>
/// <para>Within one orthant F is smooth, so L-BFGS applies to it there. Each iteration: the pseudo-gradient ◇F
/// (∇f + λ₁·sign(x) off zero; at xᵢ = 0 the one-sided derivative that decreases F, or 0 when neither does); the
/// two-loop direction d = −H·◇F with every component whose sign disagrees with −◇F set to 0; a backtracking line
/// search (α = 1, halving; 1/‖d‖ on the first iteration) over x(α) = π(x + α·d), where π zeroes the components that
/// leave the orthant of x (or of −◇F where xᵢ = 0), accepting the first α with
/// F(x(α)) ≤ F(x) + c₁·◇Fᵀ(x(α) − x). The curvature pairs use the smooth gradient ∇f. Components reach exactly 0.</para>
/// <para>The run converges when ‖◇F‖₂ ≤ <see cref="MinimizerOptions.GradientTolerance"/>; the result reports F and
/// ‖◇F‖₂. A failed search drops the pairs and retries once, as in <see cref="Lbfgs"/>.</para>
/// </remarks>
internal static class OrthantWiseLbfgs
{
    public static MinimizationResult Minimize(ObjectiveFunction objective, ReadOnlySpan<double> initialPoint, LbfgsOptions options)
    {
        int n = initialPoint.Length;
        double lambda = options.L1Strength, c1 = options.LineSearch.SufficientDecrease;
        double[] x = initialPoint.ToArray(), g = new double[n], pg = new double[n];
        double[] xTrial = new double[n], gTrial = new double[n], d = new double[n];
        var memory = new LbfgsMemory(n, options.Memory);

        double f = objective(x, g) + lambda * L1(x);
        int evaluations = 1, iterations = 0;
        double pgNorm = PseudoGradient(x, g, lambda, pg);
        if (!double.IsFinite(f) || !double.IsFinite(pgNorm))
            return new MinimizationResult(x, f, pgNorm, 0, evaluations, StopReason.NonFinite);
        if (pgNorm <= options.GradientTolerance)
            return new MinimizationResult(x, f, pgNorm, 0, evaluations, StopReason.Converged);

        while (true)
        {
            if (iterations >= options.MaxIterations)
                return new MinimizationResult(x, f, pgNorm, iterations, evaluations, StopReason.IterationLimit);

            bool accepted = false, allNonFinite = true, anyTrial = false;
            double step = 0, fTrial = double.NaN;
            for (int attempt = 0; attempt < 2 && !accepted; attempt++)
            {
                if (attempt > 0)
                    memory.Clear();
                memory.ComputeDirection(pg, d);
                // Keep only the components that descend along −◇F.
                for (int i = 0; i < n; i++)
                    if (d[i] * pg[i] >= 0)
                        d[i] = 0;
                double dNorm = SpanMath.Norm2<double>(d);
                if (dNorm == 0)
                    continue;
                step = memory.Pushed > 0 ? 1.0 : 1.0 / dNorm;

                for (int trial = 0; trial < options.LineSearch.MaxEvaluations; trial++, step *= 0.5)
                {
                    if (evaluations >= options.MaxEvaluations)
                        return new MinimizationResult(x, f, pgNorm, iterations, evaluations, StopReason.EvaluationLimit);
                    // x(α) = π(x + α·d): no component may cross into another orthant.
                    double decrease = 0;
                    for (int i = 0; i < n; i++)
                    {
                        double orthant = x[i] != 0 ? x[i] : -pg[i];
                        double xi = x[i] + step * d[i];
                        xTrial[i] = xi * orthant > 0 ? xi : 0;
                        decrease += pg[i] * (xTrial[i] - x[i]);
                    }
                    fTrial = objective(xTrial, gTrial);
                    evaluations++;
                    anyTrial = true;
                    if (double.IsFinite(fTrial))
                    {
                        fTrial += lambda * L1(xTrial);
                        if (!double.IsFinite(SpanMath.Norm2<double>(gTrial)))
                            fTrial = double.NaN;
                    }
                    if (!double.IsFinite(fTrial))
                        continue;
                    allNonFinite = false;
                    if (fTrial <= f + c1 * decrease)
                    {
                        accepted = true;
                        break;
                    }
                }
            }

            if (!accepted)
            {
                StopReason reason = evaluations >= options.MaxEvaluations ? StopReason.EvaluationLimit
                    : anyTrial && allNonFinite ? StopReason.NonFinite : StopReason.LineSearchFailed;
                return new MinimizationResult(x, f, pgNorm, iterations, evaluations, reason);
            }

            iterations++;
            memory.TryPush(xTrial, x, gTrial, g);
            double previous = f;
            f = fTrial;
            (x, xTrial) = (xTrial, x);
            (g, gTrial) = (gTrial, g);
            pgNorm = PseudoGradient(x, g, lambda, pg);
            MinimizerCore.Report(options, iterations, evaluations, f, pgNorm, step);

            if (pgNorm <= options.GradientTolerance)
                return new MinimizationResult(x, f, pgNorm, iterations, evaluations, StopReason.Converged);
            if (MinimizerCore.RelativeChangeConverged(previous, f, options.RelativeTolerance))
                return new MinimizationResult(x, f, pgNorm, iterations, evaluations, StopReason.Converged);
            if (evaluations >= options.MaxEvaluations)
                return new MinimizationResult(x, f, pgNorm, iterations, evaluations, StopReason.EvaluationLimit);
        }
    }

    private static double L1(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x)
            s += Math.Abs(v);
        return s;
    }

    /// <summary>◇F of f + λ‖x‖₁ into <paramref name="pg"/>; returns ‖◇F‖₂.</summary>
    internal static double PseudoGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> g, double lambda, Span<double> pg)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 0)
                pg[i] = g[i] + lambda;
            else if (x[i] < 0)
                pg[i] = g[i] - lambda;
            else if (g[i] + lambda < 0)
                pg[i] = g[i] + lambda; // increasing xᵢ decreases F
            else if (g[i] - lambda > 0)
                pg[i] = g[i] - lambda; // decreasing xᵢ decreases F
            else
                pg[i] = 0;
        }
        return SpanMath.Norm2<double>(pg);
    }
}
