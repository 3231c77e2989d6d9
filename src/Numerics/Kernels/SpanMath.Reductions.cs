using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Simd.Numerics.Kernels;

public static partial class SpanMath
{
    /// <summary>Returns <c>Σᵢ x[i]</c> (0 for an empty span).</summary>
    /// <param name="x">The values.</param>
    /// <remarks>Four vector accumulators combined pairwise, then a scalar tail; the error is at most
    /// <c>n·ε·Σ|x[i]|</c>. NaN propagates; +∞ and −∞ together give NaN.</remarks>
    public static T Sum<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            return SumCore<T, Vector512<T>, Vector512Ops<T>>(x);
        if (Vector256Ops<T>.IsAccelerated)
            return SumCore<T, Vector256<T>, Vector256Ops<T>>(x);
        if (Vector128Ops<T>.IsAccelerated)
            return SumCore<T, Vector128<T>, Vector128Ops<T>>(x);
        return SumTail(x, 0, T.Zero);
    }

    private static T SumCore<T, TVec, TOps>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
        for (; i + 4 * w <= n; i += 4 * w)
        {
            s0 = TOps.Add(s0, TOps.Load(ref xRef, i));
            s1 = TOps.Add(s1, TOps.Load(ref xRef, i + w));
            s2 = TOps.Add(s2, TOps.Load(ref xRef, i + 2 * w));
            s3 = TOps.Add(s3, TOps.Load(ref xRef, i + 3 * w));
        }
        for (; i + w <= n; i += w)
            s0 = TOps.Add(s0, TOps.Load(ref xRef, i));
        return SumTail(x, (int)i, TOps.Sum(TOps.Add(TOps.Add(s0, s1), TOps.Add(s2, s3))));
    }

    private static T SumTail<T>(ReadOnlySpan<T> x, int start, T sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < x.Length; i++)
            sum += x[i];
        return sum;
    }

    /// <summary>Returns the largest element.</summary>
    /// <param name="x">The values; must not be empty.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <remarks>IEEE 754:2019 <c>maximum</c>: NaN if any element is NaN, and +0 is larger than −0.
    /// The result is exact, so every SIMD path returns the same value.</remarks>
    public static T Max<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty)
            ThrowHelper.ThrowEmptySpan(nameof(x));

        if (Vector512Ops<T>.IsAccelerated)
            return MaxCore<T, Vector512<T>, Vector512Ops<T>>(x);
        if (Vector256Ops<T>.IsAccelerated)
            return MaxCore<T, Vector256<T>, Vector256Ops<T>>(x);
        if (Vector128Ops<T>.IsAccelerated)
            return MaxCore<T, Vector128<T>, Vector128Ops<T>>(x);
        return MaxTail(x, 1, x[0]);
    }

    private static T MaxCore<T, TVec, TOps>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        if (n < w)
            return MaxTail(x, 1, x[0]);
        TVec m0 = TOps.Load(ref xRef, 0), m1 = m0;
        for (i = w; i + 2 * w <= n; i += 2 * w)
        {
            m0 = TOps.Max(m0, TOps.Load(ref xRef, i));
            m1 = TOps.Max(m1, TOps.Load(ref xRef, i + w));
        }
        for (; i + w <= n; i += w)
            m0 = TOps.Max(m0, TOps.Load(ref xRef, i));
        return MaxTail(x, (int)i, TOps.MaxAcross(TOps.Max(m0, m1)));
    }

    private static T MaxTail<T>(ReadOnlySpan<T> x, int start, T max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < x.Length; i++)
            max = T.Max(max, x[i]); // propagates NaN, orders −0 < +0
        return max;
    }

    /// <summary>Returns the index of the largest element: the first NaN if there is one, otherwise the first
    /// element equal to <see cref="Max{T}"/> (where −0 and +0 count as equal, so the first zero wins a tie of zeros).</summary>
    /// <param name="x">The values; must not be empty.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <remarks>Equivalent to BLAS IxAMAX applied to the values rather than their magnitudes.</remarks>
    public static int ArgMax<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = Max(x); // vectorized pass; the scan below stops at the first hit
        if (T.IsNaN(max))
        {
            for (int i = 0; i < x.Length; i++)
                if (T.IsNaN(x[i]))
                    return i;
        }
        // double/float Equals treats −0 and +0 as equal, so IndexOf finds the first zero of either sign.
        return x.IndexOf(max);
    }
}
