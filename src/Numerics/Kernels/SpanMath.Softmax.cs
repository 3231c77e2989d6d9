using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Simd.Numerics.Kernels;

public static partial class SpanMath
{
    /// <summary><c>destination[i] = e^(x[i] − m) / Σⱼ e^(x[j] − m)</c> with m = max x: the softmax of one vector.</summary>
    /// <param name="x">The logits.</param>
    /// <param name="destination">Receives the probabilities; at least as long as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>Never overflows: the largest logit is subtracted first, so every exponent is ≤ 0 and the sum is in
    /// [1, n]. Logits of ±1000 (or ±10³⁰⁰ in double) are fine. The relative error of each probability is a few ulp
    /// plus the error of the exponent difference, <c>|x[i] − m|·ε</c>. If the largest logit is +∞, or every logit is −∞,
    /// or any logit is NaN, the results are NaN. An empty span is left alone.</remarks>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length < x.Length)
            ThrowHelper.ThrowDestinationTooShort(nameof(destination), x.Length, destination.Length);
        CheckOverlap(x, destination, nameof(destination));
        if (x.IsEmpty)
            return;
        T max = Max(x);
        T sum = ExpShifted(x, max, destination, store: true);
        Scale(T.One / sum, destination[..x.Length]);
    }

    /// <summary><c>destination[i] = x[i] − log Σⱼ e^x[j]</c>: the log-softmax of one vector, computed without overflow.</summary>
    /// <param name="x">The logits.</param>
    /// <param name="destination">Receives the log-probabilities; at least as long as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>Computed as <c>x[i] − (m + log Σ e^(x[j] − m))</c>, m = max x: never overflows, and very negative
    /// log-probabilities (−2000 for logits ±1000) are exact to a few ulp instead of −∞. NaN and infinities as in
    /// <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</remarks>
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length < x.Length)
            ThrowHelper.ThrowDestinationTooShort(nameof(destination), x.Length, destination.Length);
        CheckOverlap(x, destination, nameof(destination));
        if (x.IsEmpty)
            return;
        T shift = LogSumExp(x);
        Map(x, destination, new AddScalarFunction<T>(-shift));
    }

    /// <summary>Returns <c>log Σᵢ e^x[i]</c> without overflow (−∞ for an empty span).</summary>
    /// <param name="x">The values.</param>
    /// <remarks><c>m + log Σ e^(x[i] − m)</c> with m = max x. NaN if any element is NaN; +∞ if the largest is +∞.</remarks>
    public static T LogSumExp<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty)
            return T.NegativeInfinity;
        T max = Max(x);
        if (!T.IsFinite(max))
            return T.IsNegativeInfinity(max) ? max : max + max; // −∞ only when all are −∞; NaN and +∞ propagate
        T sum = ExpShifted(x, max, Span<T>.Empty, store: false);
        return max + ElementaryFunctions.Log(sum);
    }

    /// <summary>Row-wise <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>: each row of <paramref name="x"/> is one
    /// sample's logits.</summary>
    /// <param name="x">The m×n logits.</param>
    /// <param name="destination">Receives the m×n probabilities; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The shapes differ, or the destination overlaps <paramref name="x"/> partially.</exception>
    public static void Softmax<T>(ReadOnlyMatrixSpan<T> x, MatrixSpan<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSameShape(x, destination);
        for (int i = 0; i < x.Rows; i++)
            Softmax(x.Row(i), destination.Row(i));
    }

    /// <summary>Row-wise <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T})"/>.</summary>
    /// <param name="x">The m×n logits.</param>
    /// <param name="destination">Receives the m×n log-probabilities; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The shapes differ, or the destination overlaps <paramref name="x"/> partially.</exception>
    public static void LogSoftmax<T>(ReadOnlyMatrixSpan<T> x, MatrixSpan<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSameShape(x, destination);
        for (int i = 0; i < x.Rows; i++)
            LogSoftmax(x.Row(i), destination.Row(i));
    }

    private static void CheckSameShape<T>(ReadOnlyMatrixSpan<T> x, MatrixSpan<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Rows != x.Rows || destination.Columns != x.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(destination), $"a {x.Rows}×{x.Columns} matrix (the shape of x)", destination.Rows, destination.Columns);
        if (x.Span.Overlaps(destination.Span, out int offset) && (offset != 0 || x.RowStride != destination.RowStride))
            ThrowHelper.ThrowPartialOverlap(nameof(destination));
    }

    /// <summary>Σ e^(x[i] − shift), optionally storing each term into <paramref name="destination"/>.</summary>
    private static T ExpShifted<T>(ReadOnlySpan<T> x, T shift, Span<T> destination, bool store)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            return ExpShiftedCore<T, Vector512<T>, Vector512Ops<T>>(x, shift, destination, store);
        if (Vector256Ops<T>.IsAccelerated)
            return ExpShiftedCore<T, Vector256<T>, Vector256Ops<T>>(x, shift, destination, store);
        if (Vector128Ops<T>.IsAccelerated)
            return ExpShiftedCore<T, Vector128<T>, Vector128Ops<T>>(x, shift, destination, store);
        return ExpShiftedTail(x, shift, destination, store, 0, T.Zero);
    }

    private static T ExpShiftedCore<T, TVec, TOps>(ReadOnlySpan<T> x, T shift, Span<T> destination, bool store)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        ref T dRef = ref MemoryMarshal.GetReference(destination);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        TVec s = TOps.Broadcast(shift), acc = TOps.Zero;
        for (; i + w <= n; i += w) // one call site of exp: see MapCore
        {
            TVec e = ElementaryFunctions.Exp<T, TVec, TOps>(TOps.Subtract(TOps.Load(ref xRef, i), s));
            if (store)
                TOps.Store(e, ref dRef, i);
            acc = TOps.Add(acc, e);
        }
        return ExpShiftedTail(x, shift, destination, store, (int)i, TOps.Sum(acc));
    }

    private static T ExpShiftedTail<T>(ReadOnlySpan<T> x, T shift, Span<T> destination, bool store, int start, T sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < x.Length; i++)
        {
            T e = ElementaryFunctions.Exp(x[i] - shift);
            if (store)
                destination[i] = e;
            sum += e;
        }
        return sum;
    }
}

/// <summary><c>x + c</c>.</summary>
internal readonly struct AddScalarFunction<T>(T c) : IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => x + c;
    public TVec Invoke<TVec, TOps>(TVec x) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        TOps.Add(x, TOps.Broadcast(c));
}
