using System;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>L1 and L2 regularization: the L1 proximal step, and an L2 penalty wrapped around an objective.</summary>
/// <remarks>For the first-order optimizers, L2 is a constructor argument (<c>weightDecay</c>, coupled to the gradient,
/// or decoupled in <see cref="AdamW{T}"/>) and L1 is <see cref="GradientOptimizer{T}.L1Strength"/>. For the full-batch
/// minimizers, wrap the objective with <see cref="WithL2Penalty"/>.</remarks>
public static class Regularization
{
    /// <summary>The proximal operator of τ‖x‖₁ (soft-thresholding), in place:
    /// <c>x[i] ← sign(x[i])·max(|x[i]| − τ, 0)</c>.</summary>
    /// <param name="x">On entry, the values; on exit, the thresholded values (exact zeros where |x[i]| ≤ τ).</param>
    /// <param name="threshold">τ ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or NaN.</exception>
    /// <remarks>A proximal-gradient step w ← prox(w − η∇L(w)) with τ = ηλ₁ minimizes L(w) + λ₁‖w‖₁ (ISTA). NaN stays NaN.</remarks>
    public static void SoftThreshold<T>(Span<T> x, T threshold)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(threshold >= T.Zero))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Must be zero or positive.");
        for (int i = 0; i < x.Length; i++)
        {
            T xi = x[i];
            T shrunk = T.Abs(xi) - threshold;
            x[i] = shrunk > T.Zero ? T.CopySign(shrunk, xi) : T.IsNaN(xi) ? xi : T.Zero;
        }
    }

    /// <summary>Returns the objective <c>f(x) + ½λ‖x‖₂²</c> (gradient <c>∇f(x) + λx</c>).</summary>
    /// <param name="objective">The unregularized objective f.</param>
    /// <param name="strength">λ ≥ 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="strength"/> is negative or not finite.</exception>
    public static ObjectiveFunction WithL2Penalty(ObjectiveFunction objective, double strength)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (!(strength >= 0) || !double.IsFinite(strength))
            throw new ArgumentOutOfRangeException(nameof(strength), strength, "Must be finite and not negative.");
        return (x, gradient) =>
        {
            double f = objective(x, gradient);
            SpanMath.Axpy(strength, x, gradient);
            return f + 0.5 * strength * SpanMath.Dot(x, x);
        };
    }
}
