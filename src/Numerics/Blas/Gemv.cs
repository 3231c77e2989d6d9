using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Blas;

/// <summary>Matrix–vector product <c>y = α·op(A)·x + β·y</c> (BLAS xGEMV).</summary>
public static class Gemv
{
    /// <summary><c>y = α·op(A)·x + β·y</c>.</summary>
    /// <param name="alpha">The scale α of the product.</param>
    /// <param name="a">The matrix A (m×n), any row stride.</param>
    /// <param name="opA"><see cref="MatrixOp.None"/> for A·x (x has n elements, y has m), <see cref="MatrixOp.Transpose"/>
    /// for Aᵀ·x (x has m elements, y has n).</param>
    /// <param name="x">The input vector.</param>
    /// <param name="beta">The scale β of the previous y. When β = 0, y is not read, so NaN there does not propagate.</param>
    /// <param name="y">On entry, the vector to update (unless β = 0); on exit, the result. Must not overlap A or x.</param>
    /// <exception cref="ArgumentException">A length does not match the shape of op(A), or y overlaps an input.</exception>
    /// <remarks>
    /// A·x runs four rows at a time, each row a vectorized dot product sharing the loads of x; Aᵀ·x adds four
    /// scaled rows into y per pass, so y is loaded and stored m/4 times instead of m. Both read A exactly once,
    /// in row order (memory-bound: about 8 bytes of A per 2 flops for double). α = 0 only scales y.
    /// Deterministic: the summation order depends only on the shape and the vector width.
    /// </remarks>
    public static void Multiply<T>(T alpha, ReadOnlyMatrixSpan<T> a, MatrixOp opA, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool transpose = opA == MatrixOp.Transpose;
        int xLength = transpose ? a.Rows : a.Columns, yLength = transpose ? a.Columns : a.Rows;
        if (x.Length != xLength)
            throw new ArgumentException($"op(A) is {yLength}×{xLength}, so x needs {xLength} elements but has {x.Length}.", nameof(x));
        if (y.Length != yLength)
            throw new ArgumentException($"op(A) is {yLength}×{xLength}, so y needs {yLength} elements but has {y.Length}.", nameof(y));
        if (y.Overlaps(a.Span) || y.Overlaps(x))
            ThrowHelper.ThrowPartialOverlap(nameof(y));

        if (alpha == T.Zero || xLength == 0)
        {
            ScaleOrClear(beta, y);
            return;
        }

        if (transpose)
        {
            ScaleOrClear(beta, y);
            if (Vector512Ops<T>.IsAccelerated)
                TransposedCore<T, Vector512<T>, Vector512Ops<T>>(alpha, a, x, y);
            else if (Vector256Ops<T>.IsAccelerated)
                TransposedCore<T, Vector256<T>, Vector256Ops<T>>(alpha, a, x, y);
            else if (Vector128Ops<T>.IsAccelerated)
                TransposedCore<T, Vector128<T>, Vector128Ops<T>>(alpha, a, x, y);
            else
                TransposedScalar(alpha, a, x, y);
        }
        else
        {
            if (Vector512Ops<T>.IsAccelerated)
                NormalCore<T, Vector512<T>, Vector512Ops<T>>(alpha, a, x, beta, y);
            else if (Vector256Ops<T>.IsAccelerated)
                NormalCore<T, Vector256<T>, Vector256Ops<T>>(alpha, a, x, beta, y);
            else if (Vector128Ops<T>.IsAccelerated)
                NormalCore<T, Vector128<T>, Vector128Ops<T>>(alpha, a, x, beta, y);
            else
                NormalScalar(alpha, a, x, beta, y);
        }
    }

    /// <summary><c>y ← β·y</c>, where β = 0 writes zeros without reading y.</summary>
    internal static void ScaleOrClear<T>(T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.Zero)
            y.Clear();
        else if (beta != T.One)
            SpanMath.Scale(beta, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Combine<T>(T alpha, T dot, T beta, ref T y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        beta == T.Zero ? alpha * dot : alpha * dot + beta * y;

    private static void NormalCore<T, TVec, TOps>(T alpha, ReadOnlyMatrixSpan<T> a, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int m = a.Rows, n = a.Columns;
        nint lda = a.RowStride;
        nuint w = (uint)TOps.Count, un = (uint)n;
        ref T a0 = ref a.GetReference();
        ref T xRef = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            // Four rows share each load of x: 5 loads per 4 FMAs instead of 8.
            ref T r0 = ref Unsafe.Add(ref a0, i * lda);
            ref T r1 = ref Unsafe.Add(ref r0, lda);
            ref T r2 = ref Unsafe.Add(ref r1, lda);
            ref T r3 = ref Unsafe.Add(ref r2, lda);
            TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
            nuint j = 0;
            for (; j + w <= un; j += w)
            {
                TVec xv = TOps.Load(ref xRef, j);
                s0 = TOps.MultiplyAdd(TOps.Load(ref r0, j), xv, s0);
                s1 = TOps.MultiplyAdd(TOps.Load(ref r1, j), xv, s1);
                s2 = TOps.MultiplyAdd(TOps.Load(ref r2, j), xv, s2);
                s3 = TOps.MultiplyAdd(TOps.Load(ref r3, j), xv, s3);
            }
            T d0 = TOps.Sum(s0), d1 = TOps.Sum(s1), d2 = TOps.Sum(s2), d3 = TOps.Sum(s3);
            for (; j < un; j++)
            {
                T xj = Unsafe.Add(ref xRef, j);
                d0 += Unsafe.Add(ref r0, j) * xj;
                d1 += Unsafe.Add(ref r1, j) * xj;
                d2 += Unsafe.Add(ref r2, j) * xj;
                d3 += Unsafe.Add(ref r3, j) * xj;
            }
            y[i] = Combine(alpha, d0, beta, ref y[i]);
            y[i + 1] = Combine(alpha, d1, beta, ref y[i + 1]);
            y[i + 2] = Combine(alpha, d2, beta, ref y[i + 2]);
            y[i + 3] = Combine(alpha, d3, beta, ref y[i + 3]);
        }
        for (; i < m; i++)
            y[i] = Combine(alpha, SpanMath.Dot(a.Row(i), x), beta, ref y[i]);
    }

    private static void NormalScalar<T>(T alpha, ReadOnlyMatrixSpan<T> a, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Rows; i++)
            y[i] = Combine(alpha, SpanMath.Dot(a.Row(i), x), beta, ref y[i]);
    }

    private static void TransposedCore<T, TVec, TOps>(T alpha, ReadOnlyMatrixSpan<T> a, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int m = a.Rows, n = a.Columns;
        nint lda = a.RowStride;
        nuint w = (uint)TOps.Count, un = (uint)n;
        ref T a0 = ref a.GetReference();
        ref T yRef = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            // y += Σ (α·x[i+r])·A[i+r, :] over four rows: one load and store of y per four rows.
            T c0 = alpha * x[i], c1 = alpha * x[i + 1], c2 = alpha * x[i + 2], c3 = alpha * x[i + 3];
            TVec v0 = TOps.Broadcast(c0), v1 = TOps.Broadcast(c1), v2 = TOps.Broadcast(c2), v3 = TOps.Broadcast(c3);
            ref T r0 = ref Unsafe.Add(ref a0, i * lda);
            ref T r1 = ref Unsafe.Add(ref r0, lda);
            ref T r2 = ref Unsafe.Add(ref r1, lda);
            ref T r3 = ref Unsafe.Add(ref r2, lda);
            nuint j = 0;
            for (; j + w <= un; j += w)
            {
                TVec acc = TOps.Load(ref yRef, j);
                acc = TOps.MultiplyAdd(v0, TOps.Load(ref r0, j), acc);
                acc = TOps.MultiplyAdd(v1, TOps.Load(ref r1, j), acc);
                acc = TOps.MultiplyAdd(v2, TOps.Load(ref r2, j), acc);
                acc = TOps.MultiplyAdd(v3, TOps.Load(ref r3, j), acc);
                TOps.Store(acc, ref yRef, j);
            }
            for (; j < un; j++)
            {
                ref T yj = ref Unsafe.Add(ref yRef, j);
                yj = yj + c0 * Unsafe.Add(ref r0, j) + c1 * Unsafe.Add(ref r1, j) + c2 * Unsafe.Add(ref r2, j) + c3 * Unsafe.Add(ref r3, j);
            }
        }
        for (; i < m; i++)
            SpanMath.Axpy(alpha * x[i], a.Row(i), y);
    }

    private static void TransposedScalar<T>(T alpha, ReadOnlyMatrixSpan<T> a, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Rows; i++)
            SpanMath.Axpy(alpha * x[i], a.Row(i), y);
    }
}
