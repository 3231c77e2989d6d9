using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Simd.Numerics.Kernels;

public static partial class SpanMath
{
    /// <summary>Returns the Euclidean norm <c>‖x‖₂ = √(Σᵢ x[i]²)</c> without spurious overflow or underflow.</summary>
    /// <param name="x">The values.</param>
    /// <remarks>
    /// One vectorized pass accumulates Σx² and max|x|. When the largest magnitude is in the safe range and the sum
    /// is finite, √Σx² is returned (relative error about n·ε/lanes). Otherwise a second pass rescales every
    /// element by a power of two (exact) chosen from max|x|, so the result is correct for inputs near 1e±300 or
    /// subnormals, as LAPACK's xNRM2. NaN if any element is NaN; otherwise +∞ if any element is infinite; 0 for
    /// an empty span.
    /// </remarks>
    public static T Norm2<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            return Norm2Core<T, Vector512<T>, Vector512Ops<T>>(x);
        if (Vector256Ops<T>.IsAccelerated)
            return Norm2Core<T, Vector256<T>, Vector256Ops<T>>(x);
        if (Vector128Ops<T>.IsAccelerated)
            return Norm2Core<T, Vector128<T>, Vector128Ops<T>>(x);

        T sum = T.Zero, max = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * x[i];
            max = T.Max(max, T.Abs(x[i]));
        }
        return Norm2Finish(x, sum, max);
    }

    private static T Norm2Core<T, TVec, TOps>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        TVec s0 = TOps.Zero, s1 = TOps.Zero, m0 = TOps.Zero, m1 = TOps.Zero;
        for (; i + 2 * w <= n; i += 2 * w)
        {
            TVec v0 = TOps.Load(ref xRef, i), v1 = TOps.Load(ref xRef, i + w);
            s0 = TOps.MultiplyAdd(v0, v0, s0);
            s1 = TOps.MultiplyAdd(v1, v1, s1);
            m0 = TOps.Max(m0, TOps.Abs(v0));
            m1 = TOps.Max(m1, TOps.Abs(v1));
        }
        for (; i + w <= n; i += w)
        {
            TVec v = TOps.Load(ref xRef, i);
            s0 = TOps.MultiplyAdd(v, v, s0);
            m0 = TOps.Max(m0, TOps.Abs(v));
        }
        T sum = TOps.Sum(TOps.Add(s0, s1)), max = TOps.MaxAcross(TOps.Max(m0, m1));
        for (int j = (int)i; j < x.Length; j++)
        {
            sum += x[j] * x[j];
            max = T.Max(max, T.Abs(x[j]));
        }
        return Norm2Finish(x, sum, max);
    }

    private static T Norm2Finish<T>(ReadOnlySpan<T> x, T sumOfSquares, T max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(max) || T.IsInfinity(max) || max == T.Zero)
            return max;
        if (max >= SafeMinimumForSquares<T>() && T.IsFinite(sumOfSquares))
            return T.Sqrt(sumOfSquares);

        // Rescale by 2^k with max·2^k in [1, 2): exact, and no square can overflow or lose the largest terms.
        // k can exceed the largest exponent (subnormal max), so it is applied as two factors.
        int k = -T.ILogB(max);
        T low = T.ScaleB(T.One, k / 2), high = T.ScaleB(T.One, k - k / 2);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            T scaled = x[i] * low * high;
            sum += scaled * scaled;
        }
        return T.Sqrt(sum) / low / high;
    }

    /// <summary>Smallest max|x| for which squares that underflow are negligible next to ε·max² (for n &lt; 2⁶⁰):
    /// 2^(emin/2 + 32), about 1e-144 for double and 5e-10 for float.</summary>
    private static T SafeMinimumForSquares<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int minExponent = T.ILogB(T.Epsilon) - T.ILogB(T.BitIncrement(T.One) - T.One); // −1022 or −126
        return T.ScaleB(T.One, minExponent / 2 + 32);
    }
}
