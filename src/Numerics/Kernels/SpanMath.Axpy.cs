using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Simd.Numerics.Kernels;

public static partial class SpanMath
{
    /// <summary><c>y[i] ← α·x[i] + y[i]</c>.</summary>
    /// <param name="alpha">The scale α.</param>
    /// <param name="x">The vector to add.</param>
    /// <param name="y">On entry, the vector to update; on exit, α·x + y. As long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length or overlap partially.</exception>
    /// <remarks>Each element is one fused multiply-add where the hardware has FMA. When α = 0, <paramref name="y"/>
    /// is left untouched (BLAS semantics: NaN in x does not propagate). Equivalent to BLAS xAXPY.</remarks>
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length)
            ThrowHelper.ThrowLengthMismatch(nameof(y), x.Length, y.Length);
        CheckOverlap(x, y, nameof(y));
        if (alpha == T.Zero)
            return;

        if (Vector512Ops<T>.IsAccelerated)
            AxpyCore<T, Vector512<T>, Vector512Ops<T>>(alpha, x, y);
        else if (Vector256Ops<T>.IsAccelerated)
            AxpyCore<T, Vector256<T>, Vector256Ops<T>>(alpha, x, y);
        else if (Vector128Ops<T>.IsAccelerated)
            AxpyCore<T, Vector128<T>, Vector128Ops<T>>(alpha, x, y);
        else
            AxpyTail(alpha, x, y, 0);
    }

    private static void AxpyCore<T, TVec, TOps>(T alpha, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        TVec a = TOps.Broadcast(alpha);
        if (n < w)
        {
            AxpyTail(alpha, x, y, 0);
            return;
        }

        // Align the stores: compute the first vector from the original y, run the loop from the first aligned
        // element (re-computing the overlap from the same original values), then store the first vector last.
        // Every element is still one FMA of the same operands, so the result does not depend on alignment.
        TVec head = TOps.MultiplyAdd(a, TOps.Load(ref xRef, 0), TOps.Load(ref yRef, 0));
        i = Alignment.ElementsToAligned(ref yRef, w);
        for (; i + 4 * w <= n; i += 4 * w)
        {
            TVec y0 = TOps.MultiplyAdd(a, TOps.Load(ref xRef, i), TOps.Load(ref yRef, i));
            TVec y1 = TOps.MultiplyAdd(a, TOps.Load(ref xRef, i + w), TOps.Load(ref yRef, i + w));
            TVec y2 = TOps.MultiplyAdd(a, TOps.Load(ref xRef, i + 2 * w), TOps.Load(ref yRef, i + 2 * w));
            TVec y3 = TOps.MultiplyAdd(a, TOps.Load(ref xRef, i + 3 * w), TOps.Load(ref yRef, i + 3 * w));
            TOps.Store(y0, ref yRef, i);
            TOps.Store(y1, ref yRef, i + w);
            TOps.Store(y2, ref yRef, i + 2 * w);
            TOps.Store(y3, ref yRef, i + 3 * w);
        }
        for (; i + w <= n; i += w)
            TOps.Store(TOps.MultiplyAdd(a, TOps.Load(ref xRef, i), TOps.Load(ref yRef, i)), ref yRef, i);
        AxpyTail(alpha, x, y, (int)i);
        TOps.Store(head, ref yRef, 0);
    }

    private static void AxpyTail<T>(T alpha, ReadOnlySpan<T> x, Span<T> y, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < x.Length; i++)
            y[i] = T.MultiplyAddEstimate(alpha, x[i], y[i]);
    }

    /// <summary><c>x[i] ← α·x[i]</c>, in place.</summary>
    /// <param name="alpha">The scale α.</param>
    /// <param name="x">On entry, the vector; on exit, α·x.</param>
    /// <remarks>Plain IEEE multiplication: α = 0 turns NaN and ∞ into NaN (unlike BLAS xSCAL, which may write zeros);
    /// use <see cref="Span{T}.Clear"/> to zero a vector. Equivalent to BLAS xSCAL otherwise.</remarks>
    public static void Scale<T>(T alpha, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            ScaleCore<T, Vector512<T>, Vector512Ops<T>>(alpha, x);
        else if (Vector256Ops<T>.IsAccelerated)
            ScaleCore<T, Vector256<T>, Vector256Ops<T>>(alpha, x);
        else if (Vector128Ops<T>.IsAccelerated)
            ScaleCore<T, Vector128<T>, Vector128Ops<T>>(alpha, x);
        else
            ScaleTail(alpha, x, 0);
    }

    private static void ScaleCore<T, TVec, TOps>(T alpha, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        TVec a = TOps.Broadcast(alpha);
        if (n < w)
        {
            ScaleTail(alpha, x, 0);
            return;
        }

        // Aligned stores, as in AxpyCore: the first vector is computed first and stored last.
        TVec head = TOps.Multiply(a, TOps.Load(ref xRef, 0));
        i = Alignment.ElementsToAligned(ref xRef, w);
        for (; i + 2 * w <= n; i += 2 * w)
        {
            TVec x0 = TOps.Multiply(a, TOps.Load(ref xRef, i));
            TVec x1 = TOps.Multiply(a, TOps.Load(ref xRef, i + w));
            TOps.Store(x0, ref xRef, i);
            TOps.Store(x1, ref xRef, i + w);
        }
        for (; i + w <= n; i += w)
            TOps.Store(TOps.Multiply(a, TOps.Load(ref xRef, i)), ref xRef, i);
        ScaleTail(alpha, x, (int)i);
        TOps.Store(head, ref xRef, 0);
    }

    private static void ScaleTail<T>(T alpha, Span<T> x, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < x.Length; i++)
            x[i] *= alpha;
    }

    /// <summary>Throws unless <paramref name="input"/> and <paramref name="output"/> are identical or disjoint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckOverlap<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> output, string paramName)
    {
        if (input.Overlaps(output, out int offset) && offset != 0)
            ThrowHelper.ThrowPartialOverlap(paramName);
    }
}
