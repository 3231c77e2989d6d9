using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

// The blocked reduction (xLATRD panels and a rank-2k trailing update) used for large orders.
public static partial class Tridiagonalization
{
    /// <summary>
    /// Blocked reduction (xLATRD + xSYR2K) of the columns before <paramref name="stop"/>, panel by panel: inside a
    /// panel each column is brought up to date and its A₂₂·v is a read-only pass over the trailing lower triangle
    /// with the panel's pending updates applied as corrections through V and W; after the panel the trailing matrix
    /// gets A₂₂ −= V·Wᵀ + W·Vᵀ at once, row by row as one GEMV per row. Returns the first column not reduced.
    /// </summary>
    private static int ReduceBlocked<T>(MatrixSpan<T> a, Span<T> d, Span<T> e, Span<T> tau, int nb, int stop)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        T[] panelBuffer = ArrayPool<T>.Shared.Rent(2 * nb * n);
        T[] vectorBuffer = ArrayPool<T>.Shared.Rent(3 * n + 4 * nb);
        T half = T.CreateTruncating(0.5);
        int k0 = 0;
        try
        {
            // m holds [Wᵀ; Vᵀ]: rows 0..nb−1 are Wᵀ, rows nb..2nb−1 are Vᵀ (zero before each vector's start).
            var m = new MatrixSpan<T>(panelBuffer.AsSpan(0, 2 * nb * n), 2 * nb, n);
            Span<T> column = vectorBuffer.AsSpan(0, n), y = vectorBuffer.AsSpan(n, n), x = vectorBuffer.AsSpan(2 * n, 2 * nb);
            Span<T> t12 = vectorBuffer.AsSpan(2 * n + 2 * nb, 2 * nb);
            for (; k0 + nb <= stop; k0 += nb)
            {
                m.Clear();
                for (int i = 0; i < nb; i++)
                {
                    int k = k0 + i, length = n - k;
                    // 1. Column k (rows k..n−1) with the panel's previous reflectors applied.
                    Span<T> col = column[..length];
                    for (int r = 0; r < length; r++)
                        col[r] = a[k + r, k];
                    if (i > 0)
                    {
                        // col −= V[k.., 0:i]·W[k, 0:i]ᵀ + W[k.., 0:i]·V[k, 0:i]ᵀ = Σp W[k,p]·Vᵀ[p, k..] + V[k,p]·Wᵀ[p, k..]
                        for (int p = 0; p < i; p++)
                        {
                            x[p] = m[p, k];          // W[k, p] multiplies row p of Vᵀ (row nb+p of m)
                            x[nb + p] = m[nb + p, k]; // V[k, p] multiplies row p of Wᵀ (row p of m)
                        }
                        for (int p = 0; p < i; p++)
                        {
                            SpanMath.Axpy(-x[p], m.Row(nb + p).Slice(k, length), col);
                            SpanMath.Axpy(-x[nb + p], m.Row(p).Slice(k, length), col);
                        }
                        for (int r = 0; r < length; r++)
                            a[k + r, k] = col[r];
                    }
                    d[k] = col[0];

                    // 2. Reflector from col[1..]: v in positions k+1..n−1.
                    Span<T> v = col[1..];
                    T alpha = v[0];
                    T tk = Householder.GenerateReflector(ref alpha, v[1..]);
                    e[k] = alpha;
                    tau[k] = tk;
                    v[0] = T.One;
                    v[1..].CopyTo(a.Row(k).Slice(k + 2, n - k - 2));
                    v.CopyTo(m.Row(nb + i).Slice(k + 1));

                    // 3. y = A₂₂·v on the panel-start A₂₂ (lower triangle, rows and columns k+1..n−1).
                    Span<T> yk = y.Slice(k + 1, n - k - 1);
                    yk.Clear();
                    int row = k + 1;
                    for (; row + 3 < n; row += 4)
                    {
                        int len = row - k;
                        SymmetricQuad(a, row, k + 1, len, v[..(len + 3)], yk[..(len + 3)]);
                    }
                    for (; row + 1 < n; row += 2)
                    {
                        int len = row - k;
                        SymmetricPair(a.Row(row).Slice(k + 1, len), a.Row(row + 1).Slice(k + 1, len + 1), v[..(len + 1)],
                            yk[..(len + 1)], v[len - 1], v[len]);
                    }
                    for (; row < n; row++)
                    {
                        int len = row - k;
                        T s = SymmetricRow(a.Row(row).Slice(k + 1, len), v[..len], yk[..len], v[len - 1]);
                        yk[len - 1] += s;
                    }
                    // 4. Corrections for the panel's pending updates: y −= W·(Vᵀv) + V·(Wᵀv).
                    for (int p = 0; p < i; p++)
                    {
                        t12[p] = SpanMath.Dot<T>(m.Row(nb + p).Slice(k + 1), v);   // (Vᵀv)[p]
                        t12[nb + p] = SpanMath.Dot<T>(m.Row(p).Slice(k + 1), v);   // (Wᵀv)[p]
                    }
                    for (int p = 0; p < i; p++)
                    {
                        SpanMath.Axpy(-t12[p], m.Row(p).Slice(k + 1), yk);
                        SpanMath.Axpy(-t12[nb + p], m.Row(nb + p).Slice(k + 1), yk);
                    }
                    // 5. w = τ·y − (τ²/2)(yᵀv)·v.
                    SpanMath.Scale(tk, yk);
                    SpanMath.Axpy(-half * tk * SpanMath.Dot<T>(yk, v), v, yk);
                    yk.CopyTo(m.Row(i).Slice(k + 1));
                }

                // 6. Trailing update A[j0.., j0..] −= V·Wᵀ + W·Vᵀ on the lower triangle (xSYR2K): row r gets
                //    −Σp (V[r,p]·Wᵀ[p, j0..r] + W[r,p]·Vᵀ[p, j0..r]), four rows at a time in registers.
                TrailingUpdate(a, m, nb, k0 + nb);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(panelBuffer);
            ArrayPool<T>.Shared.Return(vectorBuffer);
        }
        return k0;
    }

    /// <summary>
    /// A[j0.., j0..] −= V·Wᵀ + W·Vᵀ on the lower triangle, with <paramref name="m"/> = [Wᵀ; Vᵀ] (2nb×n). Row r's
    /// coefficients are x = −[V[r, :], W[r, :]]; blocks of four rows share every load of m in a 4-row × 2-vector
    /// register tile (the GEMM micro-kernel idea), the small triangle at the block's diagonal is done in scalar.
    /// </summary>
    private static void TrailingUpdate<T>(MatrixSpan<T> a, MatrixSpan<T> m, int nb, int j0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows, kk = 2 * nb;
        T[] xs = new T[4 * kk];
        int r = j0;
        for (; r + 4 <= n; r += 4)
        {
            for (int ri = 0; ri < 4; ri++)
                for (int p = 0; p < nb; p++)
                {
                    xs[ri * kk + p] = -m[nb + p, r + ri];
                    xs[ri * kk + nb + p] = -m[p, r + ri];
                }
            int start = j0, end = r + 1; // columns every row of the block has
            if (Vector512Ops<T>.IsAccelerated)
                start = TileCore<T, Vector512<T>, Vector512Ops<T>>(a, m, xs, kk, r, start, end);
            else if (Vector256Ops<T>.IsAccelerated)
                start = TileCore<T, Vector256<T>, Vector256Ops<T>>(a, m, xs, kk, r, start, end);
            else if (Vector128Ops<T>.IsAccelerated)
                start = TileCore<T, Vector128<T>, Vector128Ops<T>>(a, m, xs, kk, r, start, end);
            for (int ri = 0; ri < 4; ri++)
            {
                Span<T> row = a.Row(r + ri);
                ReadOnlySpan<T> x = xs.AsSpan(ri * kk, kk);
                for (int j = start; j <= r + ri; j++)
                {
                    T sum = row[j];
                    for (int p = 0; p < kk; p++)
                        sum += x[p] * m[p, j];
                    row[j] = sum;
                }
            }
        }
        for (; r < n; r++)
        {
            for (int p = 0; p < nb; p++)
            {
                xs[p] = m[nb + p, r];
                xs[nb + p] = m[p, r];
            }
            Blas.Gemv.Multiply(-T.One, m.Slice(0, j0, kk, r - j0 + 1), MatrixOp.Transpose, xs.AsSpan(0, kk), T.One,
                a.Row(r).Slice(j0, r - j0 + 1));
        }
    }

    /// <summary>Rows r..r+3, columns [start, end) in steps of two vectors; returns the first column not done.</summary>
    private static int TileCore<T, TVec, TOps>(MatrixSpan<T> a, MatrixSpan<T> m, ReadOnlySpan<T> xs, int kk, int r, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int w = TOps.Count, j = start;
        nuint uw = (uint)w;
        nint aStride = a.RowStride, mStride = m.RowStride;
        ref T aRef = ref a.GetReference();
        ref T mRef = ref m.GetReference();
        ref T xRef = ref MemoryMarshal.GetReference(xs);
        for (; j + 2 * w <= end; j += 2 * w)
        {
            ref T a0 = ref Unsafe.Add(ref aRef, r * aStride + j);
            ref T a1 = ref Unsafe.Add(ref a0, aStride);
            ref T a2 = ref Unsafe.Add(ref a1, aStride);
            ref T a3 = ref Unsafe.Add(ref a2, aStride);
            TVec c00 = TOps.Load(ref a0, 0), c01 = TOps.Load(ref a0, uw);
            TVec c10 = TOps.Load(ref a1, 0), c11 = TOps.Load(ref a1, uw);
            TVec c20 = TOps.Load(ref a2, 0), c21 = TOps.Load(ref a2, uw);
            TVec c30 = TOps.Load(ref a3, 0), c31 = TOps.Load(ref a3, uw);
            ref T mp = ref Unsafe.Add(ref mRef, j);
            for (int p = 0; p < kk; p++)
            {
                TVec m0 = TOps.Load(ref mp, 0), m1 = TOps.Load(ref mp, uw);
                TVec b = TOps.Broadcast(Unsafe.Add(ref xRef, p));
                c00 = TOps.MultiplyAdd(b, m0, c00);
                c01 = TOps.MultiplyAdd(b, m1, c01);
                b = TOps.Broadcast(Unsafe.Add(ref xRef, kk + p));
                c10 = TOps.MultiplyAdd(b, m0, c10);
                c11 = TOps.MultiplyAdd(b, m1, c11);
                b = TOps.Broadcast(Unsafe.Add(ref xRef, 2 * kk + p));
                c20 = TOps.MultiplyAdd(b, m0, c20);
                c21 = TOps.MultiplyAdd(b, m1, c21);
                b = TOps.Broadcast(Unsafe.Add(ref xRef, 3 * kk + p));
                c30 = TOps.MultiplyAdd(b, m0, c30);
                c31 = TOps.MultiplyAdd(b, m1, c31);
                mp = ref Unsafe.Add(ref mp, mStride);
            }
            TOps.Store(c00, ref a0, 0); TOps.Store(c01, ref a0, uw);
            TOps.Store(c10, ref a1, 0); TOps.Store(c11, ref a1, uw);
            TOps.Store(c20, ref a2, 0); TOps.Store(c21, ref a2, uw);
            TOps.Store(c30, ref a3, 0); TOps.Store(c31, ref a3, uw);
        }
        return j;
    }

    /// <summary>One row of a lower-stored symmetric product: returns Σⱼ row[j]·v[j] and adds row[j]·vᵢ into y[j]
    /// for every j but the last (the diagonal).</summary>
    private static T SymmetricRow<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> v, Span<T> y, T vi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = row.Length - 1, start = 0;
        T sum = T.Zero;
        if (Vector512Ops<T>.IsAccelerated)
            sum = SymmetricRowCore<T, Vector512<T>, Vector512Ops<T>>(row, v, y, vi, count, out start);
        else if (Vector256Ops<T>.IsAccelerated)
            sum = SymmetricRowCore<T, Vector256<T>, Vector256Ops<T>>(row, v, y, vi, count, out start);
        else if (Vector128Ops<T>.IsAccelerated)
            sum = SymmetricRowCore<T, Vector128<T>, Vector128Ops<T>>(row, v, y, vi, count, out start);
        for (int j = start; j < count; j++)
        {
            sum += row[j] * v[j];
            y[j] += row[j] * vi;
        }
        return sum + row[count] * v[count];
    }

    private static T SymmetricRowCore<T, TVec, TOps>(ReadOnlySpan<T> row, ReadOnlySpan<T> v, Span<T> y, T vi, int count, out int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T rRef = ref MemoryMarshal.GetReference(row);
        ref T vRef = ref MemoryMarshal.GetReference(v);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint w = (uint)TOps.Count, n = (uint)count, i = 0;
        TVec bvi = TOps.Broadcast(vi), s0 = TOps.Zero, s1 = TOps.Zero;
        for (; i + 2 * w <= n; i += 2 * w)
        {
            TVec a0 = TOps.Load(ref rRef, i), a1 = TOps.Load(ref rRef, i + w);
            s0 = TOps.MultiplyAdd(a0, TOps.Load(ref vRef, i), s0);
            s1 = TOps.MultiplyAdd(a1, TOps.Load(ref vRef, i + w), s1);
            TOps.Store(TOps.MultiplyAdd(a0, bvi, TOps.Load(ref yRef, i)), ref yRef, i);
            TOps.Store(TOps.MultiplyAdd(a1, bvi, TOps.Load(ref yRef, i + w)), ref yRef, i + w);
        }
        for (; i + w <= n; i += w)
        {
            TVec a0 = TOps.Load(ref rRef, i);
            s0 = TOps.MultiplyAdd(a0, TOps.Load(ref vRef, i), s0);
            TOps.Store(TOps.MultiplyAdd(a0, bvi, TOps.Load(ref yRef, i)), ref yRef, i);
        }
        end = (int)i;
        return TOps.Sum(TOps.Add(s0, s1));
    }

    /// <summary>
    /// Rows r and r + 1 of a lower-stored symmetric product at once (<paramref name="row0"/> has length L,
    /// <paramref name="row1"/> L + 1): y[0..L−1) gets both rows' axpys from one load and store, y[L−1] and y[L]
    /// the rows' dot products (and row r + 1's term at column L − 1).
    /// </summary>
    private static void SymmetricPair<T>(ReadOnlySpan<T> row0, ReadOnlySpan<T> row1, ReadOnlySpan<T> v, Span<T> y, T vi0, T vi1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = row0.Length, count = length - 1, start = 0;
        T sum0 = T.Zero, sum1 = T.Zero;
        if (Vector512Ops<T>.IsAccelerated)
            start = SymmetricPairCore<T, Vector512<T>, Vector512Ops<T>>(row0, row1, v, y, vi0, vi1, count, out sum0, out sum1);
        else if (Vector256Ops<T>.IsAccelerated)
            start = SymmetricPairCore<T, Vector256<T>, Vector256Ops<T>>(row0, row1, v, y, vi0, vi1, count, out sum0, out sum1);
        else if (Vector128Ops<T>.IsAccelerated)
            start = SymmetricPairCore<T, Vector128<T>, Vector128Ops<T>>(row0, row1, v, y, vi0, vi1, count, out sum0, out sum1);
        for (int j = start; j < count; j++)
        {
            sum0 += row0[j] * v[j];
            sum1 += row1[j] * v[j];
            y[j] += row0[j] * vi0 + row1[j] * vi1;
        }
        y[count] += row1[count] * vi1 + (sum0 + row0[count] * v[count]);
        y[length] += sum1 + row1[count] * v[count] + row1[length] * v[length];
    }

    private static int SymmetricPairCore<T, TVec, TOps>(ReadOnlySpan<T> row0, ReadOnlySpan<T> row1, ReadOnlySpan<T> v, Span<T> y,
        T vi0, T vi1, int count, out T sum0, out T sum1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T r0 = ref MemoryMarshal.GetReference(row0);
        ref T r1 = ref MemoryMarshal.GetReference(row1);
        ref T vRef = ref MemoryMarshal.GetReference(v);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint w = (uint)TOps.Count, n = (uint)count, i = 0;
        TVec bv0 = TOps.Broadcast(vi0), bv1 = TOps.Broadcast(vi1);
        TVec acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;
        for (; i + 2 * w <= n; i += 2 * w)
        {
            TVec a0 = TOps.Load(ref r0, i), a1 = TOps.Load(ref r1, i), v0 = TOps.Load(ref vRef, i);
            TVec b0 = TOps.Load(ref r0, i + w), b1 = TOps.Load(ref r1, i + w), v1 = TOps.Load(ref vRef, i + w);
            acc0 = TOps.MultiplyAdd(a0, v0, acc0);
            acc1 = TOps.MultiplyAdd(a1, v0, acc1);
            acc2 = TOps.MultiplyAdd(b0, v1, acc2);
            acc3 = TOps.MultiplyAdd(b1, v1, acc3);
            TOps.Store(TOps.MultiplyAdd(a1, bv1, TOps.MultiplyAdd(a0, bv0, TOps.Load(ref yRef, i))), ref yRef, i);
            TOps.Store(TOps.MultiplyAdd(b1, bv1, TOps.MultiplyAdd(b0, bv0, TOps.Load(ref yRef, i + w))), ref yRef, i + w);
        }
        for (; i + w <= n; i += w)
        {
            TVec a0 = TOps.Load(ref r0, i), a1 = TOps.Load(ref r1, i), v0 = TOps.Load(ref vRef, i);
            acc0 = TOps.MultiplyAdd(a0, v0, acc0);
            acc1 = TOps.MultiplyAdd(a1, v0, acc1);
            TOps.Store(TOps.MultiplyAdd(a1, bv1, TOps.MultiplyAdd(a0, bv0, TOps.Load(ref yRef, i))), ref yRef, i);
        }
        sum0 = TOps.Sum(TOps.Add(acc0, acc2));
        sum1 = TOps.Sum(TOps.Add(acc1, acc3));
        return (int)i;
    }

    /// <summary>
    /// Rows r..r+3 of a lower-stored symmetric product at once, row r + q being a[r + q, c0..c0 + L + q] (diagonal
    /// last): the columns all four rows have off the diagonal go through one SIMD loop that loads v and y once for
    /// four rows; the small triangle left is done in scalar. Adds each row's dot product into y[L − 1 + q].
    /// </summary>
    private static void SymmetricQuad<T>(MatrixSpan<T> a, int r, int c0, int length, ReadOnlySpan<T> v, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> row0 = a.Row(r).Slice(c0, length), row1 = a.Row(r + 1).Slice(c0, length + 1);
        ReadOnlySpan<T> row2 = a.Row(r + 2).Slice(c0, length + 2), row3 = a.Row(r + 3).Slice(c0, length + 3);
        int count = length - 1, start = 0;
        Span<T> sums = stackalloc T[4];
        sums.Clear();
        if (Vector512Ops<T>.IsAccelerated)
            start = SymmetricQuadCore<T, Vector512<T>, Vector512Ops<T>>(row0, row1, row2, row3, v, y, count, sums);
        else if (Vector256Ops<T>.IsAccelerated)
            start = SymmetricQuadCore<T, Vector256<T>, Vector256Ops<T>>(row0, row1, row2, row3, v, y, count, sums);
        else if (Vector128Ops<T>.IsAccelerated)
            start = SymmetricQuadCore<T, Vector128<T>, Vector128Ops<T>>(row0, row1, row2, row3, v, y, count, sums);
        QuadTail(row0, v, y, start, ref sums[0]);
        QuadTail(row1, v, y, start, ref sums[1]);
        QuadTail(row2, v, y, start, ref sums[2]);
        QuadTail(row3, v, y, start, ref sums[3]);
        for (int q = 0; q < 4; q++)
            y[count + q] += sums[q];
    }

    /// <summary>Columns start.. of one row: off-diagonal entries into the dot product and y, the diagonal (last)
    /// into the dot product only.</summary>
    private static void QuadTail<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> v, Span<T> y, int start, ref T sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int last = row.Length - 1;
        T vi = v[last], s = sum;
        for (int j = start; j < last; j++)
        {
            s += row[j] * v[j];
            y[j] += row[j] * vi;
        }
        sum = s + row[last] * v[last];
    }

    private static int SymmetricQuadCore<T, TVec, TOps>(ReadOnlySpan<T> row0, ReadOnlySpan<T> row1, ReadOnlySpan<T> row2,
        ReadOnlySpan<T> row3, ReadOnlySpan<T> v, Span<T> y, int count, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T r0 = ref MemoryMarshal.GetReference(row0);
        ref T r1 = ref MemoryMarshal.GetReference(row1);
        ref T r2 = ref MemoryMarshal.GetReference(row2);
        ref T r3 = ref MemoryMarshal.GetReference(row3);
        ref T vRef = ref MemoryMarshal.GetReference(v);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint w = (uint)TOps.Count, n = (uint)count, i = 0;
        int last = row0.Length - 1;
        TVec b0 = TOps.Broadcast(v[last]), b1 = TOps.Broadcast(v[last + 1]);
        TVec b2 = TOps.Broadcast(v[last + 2]), b3 = TOps.Broadcast(v[last + 3]);
        TVec acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;
        for (; i + w <= n; i += w)
        {
            TVec a0 = TOps.Load(ref r0, i), a1 = TOps.Load(ref r1, i), a2 = TOps.Load(ref r2, i), a3 = TOps.Load(ref r3, i);
            AddProducts<T, TVec, TOps>(a0, a1, a2, a3, a0, a1, a2, a3, TOps.Load(ref vRef, i), b0, b1, b2, b3,
                ref acc0, ref acc1, ref acc2, ref acc3, ref yRef, i);
        }
        sums[0] = TOps.Sum(acc0);
        sums[1] = TOps.Sum(acc1);
        sums[2] = TOps.Sum(acc2);
        sums[3] = TOps.Sum(acc3);
        return (int)i;
    }
}
