using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Simd.Numerics.Kernels;

public static partial class SpanMath
{
    /// <summary><c>destination[i] = x[i] + y[i]</c>.</summary>
    /// <param name="x">The first operand.</param>
    /// <param name="y">The second operand, as long as <paramref name="x"/>.</param>
    /// <param name="destination">Receives the result; at least as long as <paramref name="x"/>. It may be
    /// <paramref name="x"/> or <paramref name="y"/> itself, but must not overlap them partially.</param>
    /// <exception cref="ArgumentException">Lengths differ, the destination is too short, or it overlaps an input partially.</exception>
    /// <remarks>Exactly rounded: every SIMD path gives the same bits as the scalar one. NaN propagates.</remarks>
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Zip<T, AddOperator<T>>(x, y, destination);

    /// <summary><c>destination[i] = x[i] − y[i]</c>.</summary>
    /// <param name="x">The first operand.</param>
    /// <param name="y">The second operand, as long as <paramref name="x"/>.</param>
    /// <param name="destination">Receives the result; at least as long as <paramref name="x"/>. It may be
    /// <paramref name="x"/> or <paramref name="y"/> itself, but must not overlap them partially.</param>
    /// <exception cref="ArgumentException">Lengths differ, the destination is too short, or it overlaps an input partially.</exception>
    /// <remarks>Exactly rounded: every SIMD path gives the same bits as the scalar one. NaN propagates.</remarks>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Zip<T, SubtractOperator<T>>(x, y, destination);

    /// <summary><c>destination[i] = x[i] · y[i]</c> (the Hadamard product).</summary>
    /// <param name="x">The first operand.</param>
    /// <param name="y">The second operand, as long as <paramref name="x"/>.</param>
    /// <param name="destination">Receives the result; at least as long as <paramref name="x"/>. It may be
    /// <paramref name="x"/> or <paramref name="y"/> itself, but must not overlap them partially.</param>
    /// <exception cref="ArgumentException">Lengths differ, the destination is too short, or it overlaps an input partially.</exception>
    /// <remarks>Exactly rounded: every SIMD path gives the same bits as the scalar one. NaN propagates.</remarks>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Zip<T, MultiplyOperator<T>>(x, y, destination);

    /// <summary>The shared skeleton of every element-wise binary map: validate, pick the width, loop once.</summary>
    internal static void Zip<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        if (x.Length != y.Length)
            ThrowHelper.ThrowLengthMismatch(nameof(y), x.Length, y.Length);
        if (destination.Length < x.Length)
            ThrowHelper.ThrowDestinationTooShort(nameof(destination), x.Length, destination.Length);
        CheckOverlap(x, destination, nameof(destination));
        CheckOverlap(y, destination, nameof(destination));

        if (Vector512Ops<T>.IsAccelerated)
            ZipCore<T, TOp, Vector512<T>, Vector512Ops<T>>(x, y, destination);
        else if (Vector256Ops<T>.IsAccelerated)
            ZipCore<T, TOp, Vector256<T>, Vector256Ops<T>>(x, y, destination);
        else if (Vector128Ops<T>.IsAccelerated)
            ZipCore<T, TOp, Vector128<T>, Vector128Ops<T>>(x, y, destination);
        else
            ZipTail<T, TOp>(x, y, destination, 0);
    }

    private static void ZipCore<T, TOp, TVec, TOps>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        ref T dRef = ref MemoryMarshal.GetReference(destination);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        if (n < w)
        {
            ZipTail<T, TOp>(x, y, destination, 0);
            return;
        }

        // Aligned stores: the first vector is computed from the original inputs first and stored last, so an
        // in-place call (destination = x or y) re-computes the overlap from the same values.
        TVec head = TOp.Invoke<TVec, TOps>(TOps.Load(ref xRef, 0), TOps.Load(ref yRef, 0));
        i = Alignment.ElementsToAligned(ref dRef, w);
        for (; i + 2 * w <= n; i += 2 * w)
        {
            TVec d0 = TOp.Invoke<TVec, TOps>(TOps.Load(ref xRef, i), TOps.Load(ref yRef, i));
            TVec d1 = TOp.Invoke<TVec, TOps>(TOps.Load(ref xRef, i + w), TOps.Load(ref yRef, i + w));
            TOps.Store(d0, ref dRef, i);
            TOps.Store(d1, ref dRef, i + w);
        }
        for (; i + w <= n; i += w)
            TOps.Store(TOp.Invoke<TVec, TOps>(TOps.Load(ref xRef, i), TOps.Load(ref yRef, i)), ref dRef, i);
        ZipTail<T, TOp>(x, y, destination, (int)i);
        TOps.Store(head, ref dRef, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ZipTail<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        for (int i = start; i < x.Length; i++)
            destination[i] = TOp.Invoke(x[i], y[i]);
    }
}
