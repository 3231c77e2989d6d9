using System;
using Simd.Learning.Optimizers.LineSearch;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>Limited-memory BFGS: a quasi-Newton minimizer that needs only the value and gradient, and O(m·n)
/// memory and work per iteration.</summary>
/// <remarks>
/// <para>Each iteration computes d = −Hₖ·∇fₖ by the two-loop recursion over the last m pairs
/// (sᵢ, yᵢ) = (xᵢ₊₁ − xᵢ, ∇fᵢ₊₁ − ∇fᵢ), with the initial matrix H₀ = γI, γ = sᵀy/yᵀy of the newest pair
/// (Nocedal &amp; Wright, Algorithm 7.5). A pair whose curvature sᵀy is not positive (beyond rounding) is skipped,
/// which keeps Hₖ positive definite. The step comes from <see cref="StrongWolfeLineSearch"/>, trying α = 1 first
/// (1/‖d‖ on the first iteration, when d = −∇f is not scaled).</para>
/// <para>When the line search fails along the quasi-Newton direction, the pairs are dropped and the iteration is
/// retried once along −γ·∇f (γ of the newest pair); a second failure ends the run with <see cref="StopReason.LineSearchFailed"/> (or
/// <see cref="StopReason.NonFinite"/>/<see cref="StopReason.EvaluationLimit"/> when that is why it failed).</para>
/// <para>With <see cref="LbfgsOptions.L1Strength"/> λ₁ &gt; 0 it minimizes f(x) + λ₁‖x‖₁ by OWL-QN instead
/// (orthant-wise steps and a projected backtracking line search), giving sparse solutions with exact zeros.</para>
/// <para>Double precision only: the curvature pairs are differences of nearby points and gradients, and in single
/// precision they lose most of their digits long before a useful gradient tolerance is reached. A float model
/// can be trained by evaluating it on a double copy of its parameters.</para>
/// </remarks>
public static class Lbfgs
{
    /// <summary>Minimizes <paramref name="objective"/> from <paramref name="initialPoint"/>.</summary>
    /// <param name="objective">Returns f(x) and writes ∇f(x).</param>
    /// <param name="initialPoint">The starting point x₀ (not modified).</param>
    /// <param name="options">Memory, stopping rules, line search and progress; <see langword="null"/> for
    /// <see cref="LbfgsOptions.Default"/>.</param>
    /// <returns>The final point, its value and gradient norm, the iterations and evaluations, and why it stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initialPoint"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <remarks>Allocates 2·m·n + 5·n doubles once; nothing per iteration. Non-finite values or gradients never throw:
    /// the line search backs off, and the run stops with <see cref="StopReason.NonFinite"/> if it cannot.</remarks>
    public static MinimizationResult Minimize(ObjectiveFunction objective, ReadOnlySpan<double> initialPoint, LbfgsOptions? options = null)
    {
        options ??= LbfgsOptions.Default;
        MinimizerCore.CheckStart(objective, initialPoint, options);
        if (options.L1Strength > 0)
            return OrthantWiseLbfgs.Minimize(objective, initialPoint, options);
        int n = initialPoint.Length;

        double[] x = initialPoint.ToArray(), g = new double[n];
        double[] xTrial = new double[n], gTrial = new double[n], d = new double[n];
        var memory = new LbfgsMemory(n, options.Memory);

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
                memory.ComputeDirection(g, d);
                double slope = SpanMath.Dot<double>(g, d);
                if (!(slope < 0))
                {
                    // A direction spoiled by rounding: forget the pairs and use −γ·∇f.
                    memory.Clear();
                    memory.ComputeDirection(g, d);
                    slope = SpanMath.Dot<double>(g, d);
                }
                // Before any pair exists, d = −∇f is unscaled: try a first step of length 1 in x.
                double initialStep = memory.Pushed > 0 ? 1.0 : 1.0 / SpanMath.Norm2<double>(d);

                search = StrongWolfeLineSearch.Run(objective, x, f, slope, d, initialStep, xTrial, gTrial,
                    options.LineSearch, options.MaxEvaluations - evaluations);
                evaluations += search.Evaluations;
                if (search.Succeeded || memory.Count == 0 || evaluations >= options.MaxEvaluations)
                    break;
                memory.Clear(); // retry once along −∇f
            }

            if (!search.Succeeded)
            {
                return new MinimizationResult(x, f, gNorm, iterations, evaluations,
                    MinimizerCore.StopAfterFailedSearch(search.Status, evaluations, options));
            }

            iterations++;
            memory.TryPush(xTrial, x, gTrial, g);
            if (MinimizerCore.AcceptStep(options, search, ref x, ref xTrial, ref g, ref gTrial, ref f, out gNorm, iterations, evaluations) is StopReason stop)
                return new MinimizationResult(x, f, gNorm, iterations, evaluations, stop);
        }
    }
}
