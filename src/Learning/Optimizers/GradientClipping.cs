using System;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>Gradient clipping, for training loops that clip outside an optimizer (the optimizers also clip on the
/// fly through <see cref="GradientOptimizer{T}.MaxGradientNorm"/>).</summary>
public static class GradientClipping
{
    /// <summary>Scales <paramref name="gradient"/> in place so that its Euclidean norm is at most
    /// <paramref name="maxNorm"/>; leaves it unchanged when it already is.</summary>
    /// <param name="gradient">On entry, the gradient g; on exit, g·min(1, maxNorm/‖g‖₂).</param>
    /// <param name="maxNorm">The largest norm allowed; positive.</param>
    /// <returns>‖g‖₂ before clipping (NaN or ∞ if g holds one; g is then left unchanged).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive.</exception>
    public static T ClipByNorm<T>(Span<T> gradient, T maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(maxNorm > T.Zero))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "Must be positive.");
        T norm = SpanMath.Norm2<T>(gradient);
        if (norm > maxNorm && T.IsFinite(norm))
            SpanMath.Scale(maxNorm / norm, gradient);
        return norm;
    }
}
