using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Simd.Numerics.Kernels;

/// <summary>
/// SIMD kernels over spans (the BLAS-1 layer): every routine validates its arguments, then runs one loop
/// written once and instantiated for the widest accelerated width (512 → 256 → 128 bits → scalar).
/// </summary>
/// <remarks>
/// Determinism: the order in which a reduction combines elements depends only on the length and the vector
/// width selected at start-up, never on alignment, so a machine returns bit-identical results for identical
/// inputs. Results may differ in the last bits between a 512-bit, a 256-bit and a scalar run.
/// NaN policy: NaN and ∞ propagate as IEEE arithmetic dictates; nothing throws on them.
/// </remarks>
public static partial class SpanMath
{
    /// <summary>Returns <c>Σᵢ x[i]·y[i]</c>.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <remarks>Four independent vector accumulators, combined pairwise, then a scalar tail. The error is
    /// bounded by <c>n·ε·Σ|x[i]·y[i]|</c> (in practice about <c>(n/lanes)·ε</c>). Equivalent to BLAS xDOT.</remarks>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length)
            ThrowHelper.ThrowLengthMismatch(nameof(y), x.Length, y.Length);

        if (Vector512Ops<T>.IsAccelerated)
            return DotCore<T, Vector512<T>, Vector512Ops<T>>(x, y);
        if (Vector256Ops<T>.IsAccelerated)
            return DotCore<T, Vector256<T>, Vector256Ops<T>>(x, y);
        if (Vector128Ops<T>.IsAccelerated)
            return DotCore<T, Vector128<T>, Vector128Ops<T>>(x, y);
        return DotTail(x, y, 0, T.Zero);
    }

    private static T DotCore<T, TVec, TOps>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;

        // Four independent accumulators hide the latency of the dependent FMA chain.
        TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
        for (; i + 4 * w <= n; i += 4 * w)
        {
            s0 = TOps.MultiplyAdd(TOps.Load(ref xRef, i), TOps.Load(ref yRef, i), s0);
            s1 = TOps.MultiplyAdd(TOps.Load(ref xRef, i + w), TOps.Load(ref yRef, i + w), s1);
            s2 = TOps.MultiplyAdd(TOps.Load(ref xRef, i + 2 * w), TOps.Load(ref yRef, i + 2 * w), s2);
            s3 = TOps.MultiplyAdd(TOps.Load(ref xRef, i + 3 * w), TOps.Load(ref yRef, i + 3 * w), s3);
        }
        for (; i + w <= n; i += w)
            s0 = TOps.MultiplyAdd(TOps.Load(ref xRef, i), TOps.Load(ref yRef, i), s0);

        T sum = TOps.Sum(TOps.Add(TOps.Add(s0, s1), TOps.Add(s2, s3)));
        return DotTail(x, y, (int)i, sum);
    }

    private static T DotTail<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int start, T sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < x.Length; i++)
            sum += x[i] * y[i];
        return sum;
    }
}
