using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// Householder reduction of a symmetric matrix to tridiagonal form, <c>A = Q·T·Qᵀ</c>, with T symmetric
/// tridiagonal (diagonal d, off-diagonal e) and Q = H₀·H₁·…·H_{n−2} orthogonal.
/// </summary>
/// <remarks>
/// Reflector k is <c>Hₖ = I − τₖ·uₖ·uₖᵀ</c> with uₖ zero in 0..k, one at k + 1 and its tail stored in row k of the
/// reduced matrix at columns k + 2..n − 1 (the strict upper triangle, which the reduction never reads). This is
/// LAPACK's xSYTRD with UPLO = 'L' seen through row-major storage, where the vector to annihilate is a
/// contiguous row segment.
/// </remarks>
public static class Tridiagonalization
{
    /// <summary>Reflectors per block when Q is formed or applied (compact WY + GEMM).</summary>
    private const int BlockSize = 32;

    /// <summary>Reduces the symmetric matrix in <paramref name="a"/> to tridiagonal form.</summary>
    /// <param name="a">On entry, the symmetric n×n matrix; only the lower triangle (j ≤ i) is read. On exit, the lower
    /// triangle is destroyed and the strict upper triangle holds the reflector tails (see the type remarks).</param>
    /// <param name="d">Receives the n diagonal entries of T.</param>
    /// <param name="e">Receives the n − 1 off-diagonal entries of T (at least that long; may be empty when n ≤ 1).</param>
    /// <param name="tau">Receives the n − 1 reflector scalars (τ_{n−2} = 0).</param>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square or a span is too short.</exception>
    /// <remarks>
    /// Unblocked (xSYTD2) with one fused pass per step: the pending rank-2 update of the previous step
    /// (A ← A − v·wᵀ − w·vᵀ) and the symmetric product A·v of the current step share one sweep over the trailing
    /// lower triangle, four rows per SIMD loop (each load of the vectors serves all four), so the matrix streams
    /// through the cache once per reflector instead of twice. For n ≥ 3072 the leading columns are reduced in panels
    /// of 16 (xLATRD): per column a read-only pass (also four rows at a time), and per panel a rank-2k update of the
    /// trailing triangle in a 4×2-vector register tile.
    /// ⁴⁄₃n³ flops, memory-bound for large n. Deterministic (single-threaded).
    /// </remarks>
    public static void ReduceInPlace<T>(MatrixSpan<T> a, Span<T> d, Span<T> e, Span<T> tau)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ReduceInPlace(a, d, e, tau, BlockedFrom);

    /// <summary>Order from which the leading columns are reduced in panels (measured crossover, see remarks).</summary>
    internal const int BlockedFrom = 3072;

    /// <summary><see cref="ReduceInPlace{T}(MatrixSpan{T}, Span{T}, Span{T}, Span{T})"/> with an explicit crossover,
    /// so that tests can run the blocked path on small matrices.</summary>
    internal static void ReduceInPlace<T>(MatrixSpan<T> a, Span<T> d, Span<T> e, Span<T> tau, int blockedFrom)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (a.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        if (d.Length < n)
            ThrowHelper.ThrowDestinationTooShort(nameof(d), n, d.Length);
        if (e.Length < Math.Max(n - 1, 0))
            ThrowHelper.ThrowDestinationTooShort(nameof(e), n - 1, e.Length);
        if (tau.Length < Math.Max(n - 1, 0))
            ThrowHelper.ThrowDestinationTooShort(nameof(tau), n - 1, tau.Length);
        if (n == 0)
            return;

        // Measured crossover (1 thread, 2-core Zen 5 VM, medians of 3): with four rows per pass, the fused unblocked
        // form wins while the trailing triangle stays in cache (n = 2048: 0.87 s vs 1.00 s blocked) and ties with
        // the blocked form, which only reads the matrix per column, at n = 3072 (3.79 s vs 3.85 s). The blocked
        // rank-2k update is level 3; its per-column symmetric product remains memory-bound.
        const int nb = 16;
        int k0 = 0;
        if (n >= blockedFrom && n > 2 * nb + 32)
            k0 = ReduceBlocked(a, d, e, tau, nb, n - (nb + 32));
        ReduceUnblocked(a.Slice(k0, k0, n - k0, n - k0), d[k0..], e[k0..], tau[k0..]);
    }

    /// <summary>Fused unblocked reduction (see <see cref="ReduceInPlace{T}(MatrixSpan{T}, Span{T}, Span{T}, Span{T})"/>) of a whole matrix.</summary>
    private static void ReduceUnblocked<T>(MatrixSpan<T> a, Span<T> d, Span<T> e, Span<T> tau)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n == 1)
        {
            d[0] = a[0, 0];
            return;
        }

        T[] buffer = ArrayPool<T>.Shared.Rent(4 * n);
        try
        {
            Span<T> vPrev = buffer.AsSpan(0, n), wPrev = buffer.AsSpan(n, n), v = buffer.AsSpan(2 * n, n), y = buffer.AsSpan(3 * n, n);
            vPrev.Clear();
            wPrev.Clear();
            T half = T.CreateTruncating(0.5);
            for (int k = 0; k < n - 1; k++)
            {
                // 1. The pending update of step k − 1 on column k (rows k..n−1).
                T pvk = vPrev[k], pwk = wPrev[k];
                for (int i = k; i < n; i++)
                    a[i, k] -= vPrev[i] * pwk + wPrev[i] * pvk;
                d[k] = a[k, k];

                // 2. Reflector annihilating A[k+2.., k]: v = [1; x'] in positions k+1..n−1.
                for (int i = k + 1; i < n; i++)
                    v[i] = a[i, k];
                T alpha = v[k + 1];
                T tk = Householder.GenerateReflector(ref alpha, v.Slice(k + 2, n - k - 2));
                e[k] = alpha;
                tau[k] = tk;
                v[k + 1] = T.One;
                Span<T> row = a.Row(k);
                v.Slice(k + 2, n - k - 2).CopyTo(row.Slice(k + 2, n - k - 2));

                // 3. Fused pass: rows i = k+1..n−1 get the pending rank-2 update on columns k+1..i, then
                //    contribute to y = A₂₂·v (row i gives y[i] its dot product and y[k+1..i) an axpy).
                y.Slice(k + 1, n - k - 1).Clear();
                int r = k + 1;
                for (; r + 3 < n; r += 4)
                {
                    // Four rows per pass: every load of the vectors (and of y) serves four rows.
                    int length = r - k;
                    FusedQuad(a, r, k + 1, length, vPrev.Slice(k + 1, length + 3), wPrev.Slice(k + 1, length + 3),
                        v.Slice(k + 1, length + 3), y.Slice(k + 1, length + 3));
                }
                for (; r + 1 < n; r += 2)
                {
                    // The last rows in pairs.
                    int length = r - k;
                    FusedPair(a.Row(r).Slice(k + 1, length), a.Row(r + 1).Slice(k + 1, length + 1),
                        vPrev.Slice(k + 1, length + 1), wPrev.Slice(k + 1, length + 1), v.Slice(k + 1, length + 1),
                        y.Slice(k + 1, length + 1), vPrev[r], wPrev[r], v[r], vPrev[r + 1], wPrev[r + 1], v[r + 1]);
                }
                for (; r < n; r++)
                {
                    int length = r - k;
                    Span<T> segment = a.Row(r).Slice(k + 1, length);
                    T s = FusedRow(segment, vPrev.Slice(k + 1, length), wPrev.Slice(k + 1, length), v.Slice(k + 1, length),
                        y.Slice(k + 1, length), vPrev[r], wPrev[r], v[r]);
                    y[r] += s;
                }

                // 4. w = τ·y − (τ²/2)(yᵀv)·v; the update A₂₂ −= v·wᵀ + w·vᵀ becomes the next step's pending one.
                Span<T> vk = v.Slice(k + 1, n - k - 1), yk = y.Slice(k + 1, n - k - 1);
                SpanMath.Scale(tk, yk);
                T alpha2 = -half * tk * SpanMath.Dot<T>(yk, vk);
                SpanMath.Axpy(alpha2, vk, yk);
                vPrev.Clear();
                wPrev.Clear();
                vk.CopyTo(vPrev.Slice(k + 1));
                yk.CopyTo(wPrev.Slice(k + 1));
            }
            d[n - 1] = a[n - 1, n - 1] - (vPrev[n - 1] * wPrev[n - 1] + wPrev[n - 1] * vPrev[n - 1]);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

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

    /// <summary>Forms Q (n×n) from the output of <see cref="ReduceInPlace{T}(MatrixSpan{T}, Span{T}, Span{T}, Span{T})"/>, so that A = Q·T·Qᵀ.</summary>
    /// <param name="reduced">The reduced matrix (reflector tails in its strict upper triangle).</param>
    /// <param name="tau">The n − 1 reflector scalars.</param>
    /// <param name="q">Receives Q; not read on entry.</param>
    /// <param name="parallelism">Threads for the GEMMs.</param>
    /// <exception cref="ArgumentException">A shape or length does not match.</exception>
    /// <remarks>Blocked backward accumulation (LAPACK xORGTR), ⁴⁄₃n³ flops, mostly GEMM.</remarks>
    public static void FormQ<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> q, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = reduced.Rows;
        if (q.Rows != n || q.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(q), $"a {n}×{n} matrix", q.Rows, q.Columns);
        var qt = new Matrix<T>(n, n);
        FormQTransposed(reduced, tau, qt.AsSpan(), parallelism);
        SpanMath.Transpose<T>(qt.AsReadOnlySpan(), q);
    }

    /// <summary>Qᵀ (row j = column j of Q) into <paramref name="qt"/>.</summary>
    internal static void FormQTransposed<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> qt, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = reduced.Rows;
        if (tau.Length < Math.Max(n - 1, 0))
            ThrowHelper.ThrowDestinationTooShort(nameof(tau), n - 1, tau.Length);
        qt.Clear();
        for (int i = 0; i < n; i++)
            qt[i, i] = T.One;
        ApplyFromRight(reduced, tau, qt, formingQ: true, parallelism);
    }

    /// <summary><c>Rows ← Rows·Qᵀ</c>: turns eigenvectors of T, stored as rows, into eigenvectors of A (as rows).</summary>
    internal static void ApplyQTransposeFromRight<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> rows, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ApplyFromRight(reduced, tau, rows, formingQ: false, parallelism);

    /// <summary>
    /// X ← X·Bᵀ for the blocks B = H_{k0}…H_{k0+kb−1} from the last block to the first, i.e. X ← X·Qᵀ.
    /// When <paramref name="formingQ"/>, X starts as the identity and only its trailing rows can be non-trivial.
    /// </summary>
    private static void ApplyFromRight<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> x, bool formingQ,
        Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = reduced.Rows, reflectors = n - 2; // H_{n−2} is the identity (τ = 0)
        if (reflectors <= 0 || x.Rows == 0)
            return;
        int nb = Math.Min(BlockSize, reflectors);
        T[] vBuffer = ArrayPool<T>.Shared.Rent(nb * n);
        T[] tBuffer = ArrayPool<T>.Shared.Rent(nb * nb);
        T[] work = ArrayPool<T>.Shared.Rent(nb * Math.Max(x.Rows, 1));
        try
        {
            int lastBlock = (reflectors - 1) / nb * nb;
            for (int k0 = lastBlock; k0 >= 0; k0 -= nb)
            {
                int kb = Math.Min(nb, reflectors - k0), length = n - k0 - 1;
                var vt = new MatrixSpan<T>(vBuffer.AsSpan(0, kb * length), kb, length);
                for (int j = 0; j < kb; j++)
                {
                    Span<T> vj = vt.Row(j);
                    vj[..j].Clear();
                    vj[j] = T.One;
                    reduced.Row(k0 + j).Slice(k0 + j + 2, length - j - 1).CopyTo(vj[(j + 1)..]);
                }
                var t = new MatrixSpan<T>(tBuffer.AsSpan(0, kb * kb), kb, kb);
                Householder.FormTriangularFactor<T>(vt, tau.Slice(k0, kb), t);
                MatrixSpan<T> target = formingQ ? x.Slice(k0 + 1, k0 + 1, length, length) : x.Slice(0, k0 + 1, x.Rows, length);
                Householder.ApplyBlockRight<T>(vt, t, transpose: true, target, work, parallelism);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(vBuffer);
            ArrayPool<T>.Shared.Return(tBuffer);
            ArrayPool<T>.Shared.Return(work);
        }
    }

    /// <summary>
    /// One row of the fused pass. With a = segment − (pvᵢ·pw + pwᵢ·pv) written back: returns Σⱼ a[j]·v[j] over the
    /// whole segment and adds a[j]·vᵢ into y[j] for every j but the last (the diagonal, counted once in the sum).
    /// </summary>
    private static T FusedRow<T>(Span<T> segment, ReadOnlySpan<T> pv, ReadOnlySpan<T> pw, ReadOnlySpan<T> v, Span<T> y,
        T pvi, T pwi, T vi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = segment.Length - 1, start = 0;
        T sum = T.Zero;
        if (Vector512Ops<T>.IsAccelerated)
            sum = FusedRowCore<T, Vector512<T>, Vector512Ops<T>>(segment, pv, pw, v, y, pvi, pwi, vi, count, out start);
        else if (Vector256Ops<T>.IsAccelerated)
            sum = FusedRowCore<T, Vector256<T>, Vector256Ops<T>>(segment, pv, pw, v, y, pvi, pwi, vi, count, out start);
        else if (Vector128Ops<T>.IsAccelerated)
            sum = FusedRowCore<T, Vector128<T>, Vector128Ops<T>>(segment, pv, pw, v, y, pvi, pwi, vi, count, out start);
        for (int j = start; j < count; j++)
        {
            T x = segment[j] - (pvi * pw[j] + pwi * pv[j]);
            segment[j] = x;
            sum += x * v[j];
            y[j] += x * vi;
        }
        T diagonal = segment[count] - (pvi * pw[count] + pwi * pv[count]);
        segment[count] = diagonal;
        return sum + diagonal * v[count];
    }

    private static T FusedRowCore<T, TVec, TOps>(Span<T> segment, ReadOnlySpan<T> pv, ReadOnlySpan<T> pw, ReadOnlySpan<T> v, Span<T> y,
        T pvi, T pwi, T vi, int count, out int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T sRef = ref MemoryMarshal.GetReference(segment);
        ref T pvRef = ref MemoryMarshal.GetReference(pv);
        ref T pwRef = ref MemoryMarshal.GetReference(pw);
        ref T vRef = ref MemoryMarshal.GetReference(v);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint w = (uint)TOps.Count, n = (uint)count, i = 0;
        TVec npvi = TOps.Broadcast(-pvi), npwi = TOps.Broadcast(-pwi), bvi = TOps.Broadcast(vi);
        TVec s0 = TOps.Zero, s1 = TOps.Zero;
        for (; i + 2 * w <= n; i += 2 * w)
        {
            TVec a0 = TOps.MultiplyAdd(npwi, TOps.Load(ref pvRef, i), TOps.MultiplyAdd(npvi, TOps.Load(ref pwRef, i), TOps.Load(ref sRef, i)));
            TVec a1 = TOps.MultiplyAdd(npwi, TOps.Load(ref pvRef, i + w), TOps.MultiplyAdd(npvi, TOps.Load(ref pwRef, i + w), TOps.Load(ref sRef, i + w)));
            TOps.Store(a0, ref sRef, i);
            TOps.Store(a1, ref sRef, i + w);
            s0 = TOps.MultiplyAdd(a0, TOps.Load(ref vRef, i), s0);
            s1 = TOps.MultiplyAdd(a1, TOps.Load(ref vRef, i + w), s1);
            TOps.Store(TOps.MultiplyAdd(a0, bvi, TOps.Load(ref yRef, i)), ref yRef, i);
            TOps.Store(TOps.MultiplyAdd(a1, bvi, TOps.Load(ref yRef, i + w)), ref yRef, i + w);
        }
        for (; i + w <= n; i += w)
        {
            TVec a0 = TOps.MultiplyAdd(npwi, TOps.Load(ref pvRef, i), TOps.MultiplyAdd(npvi, TOps.Load(ref pwRef, i), TOps.Load(ref sRef, i)));
            TOps.Store(a0, ref sRef, i);
            s0 = TOps.MultiplyAdd(a0, TOps.Load(ref vRef, i), s0);
            TOps.Store(TOps.MultiplyAdd(a0, bvi, TOps.Load(ref yRef, i)), ref yRef, i);
        }
        end = (int)i;
        return TOps.Sum(TOps.Add(s0, s1));
    }

    /// <summary>
    /// Rows i and i + 1 of the fused pass at once (<paramref name="s0"/> has length L, <paramref name="s1"/> length
    /// L + 1, the vectors L + 1): each row gets its pending rank-2 update written back, y[0..L−1) receives both rows'
    /// axpys from a single load and store, y[L−1] row i + 1's off-diagonal term plus row i's dot product, and y[L]
    /// row i + 1's dot product.
    /// </summary>
    private static void FusedPair<T>(Span<T> s0, Span<T> s1, ReadOnlySpan<T> pv, ReadOnlySpan<T> pw, ReadOnlySpan<T> v, Span<T> y,
        T pvi0, T pwi0, T vi0, T pvi1, T pwi1, T vi1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = s0.Length, count = length - 1, start = 0;
        T sum0 = T.Zero, sum1 = T.Zero;
        if (Vector512Ops<T>.IsAccelerated)
            start = FusedPairCore<T, Vector512<T>, Vector512Ops<T>>(s0, s1, pv, pw, v, y, pvi0, pwi0, vi0, pvi1, pwi1, vi1, count, out sum0, out sum1);
        else if (Vector256Ops<T>.IsAccelerated)
            start = FusedPairCore<T, Vector256<T>, Vector256Ops<T>>(s0, s1, pv, pw, v, y, pvi0, pwi0, vi0, pvi1, pwi1, vi1, count, out sum0, out sum1);
        else if (Vector128Ops<T>.IsAccelerated)
            start = FusedPairCore<T, Vector128<T>, Vector128Ops<T>>(s0, s1, pv, pw, v, y, pvi0, pwi0, vi0, pvi1, pwi1, vi1, count, out sum0, out sum1);
        for (int j = start; j < count; j++)
        {
            T x0 = s0[j] - (pvi0 * pw[j] + pwi0 * pv[j]);
            T x1 = s1[j] - (pvi1 * pw[j] + pwi1 * pv[j]);
            s0[j] = x0;
            s1[j] = x1;
            sum0 += x0 * v[j];
            sum1 += x1 * v[j];
            y[j] += x0 * vi0 + x1 * vi1;
        }
        // Column L − 1: row i's diagonal, row i + 1's last off-diagonal; column L: row i + 1's diagonal.
        T d0 = s0[count] - (pvi0 * pw[count] + pwi0 * pv[count]);
        T x = s1[count] - (pvi1 * pw[count] + pwi1 * pv[count]);
        T d1 = s1[length] - (pvi1 * pw[length] + pwi1 * pv[length]);
        s0[count] = d0;
        s1[count] = x;
        s1[length] = d1;
        y[count] += x * vi1 + (sum0 + d0 * v[count]);
        y[length] += sum1 + x * v[count] + d1 * v[length];
    }

    private static int FusedPairCore<T, TVec, TOps>(Span<T> s0, Span<T> s1, ReadOnlySpan<T> pv, ReadOnlySpan<T> pw, ReadOnlySpan<T> v,
        Span<T> y, T pvi0, T pwi0, T vi0, T pvi1, T pwi1, T vi1, int count, out T sum0, out T sum1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T r0 = ref MemoryMarshal.GetReference(s0);
        ref T r1 = ref MemoryMarshal.GetReference(s1);
        ref T pvRef = ref MemoryMarshal.GetReference(pv);
        ref T pwRef = ref MemoryMarshal.GetReference(pw);
        ref T vRef = ref MemoryMarshal.GetReference(v);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint w = (uint)TOps.Count, n = (uint)count, i = 0;
        TVec npv0 = TOps.Broadcast(-pvi0), npw0 = TOps.Broadcast(-pwi0), bv0 = TOps.Broadcast(vi0);
        TVec npv1 = TOps.Broadcast(-pvi1), npw1 = TOps.Broadcast(-pwi1), bv1 = TOps.Broadcast(vi1);
        TVec acc0 = TOps.Zero, acc1 = TOps.Zero;
        for (; i + w <= n; i += w)
        {
            TVec p = TOps.Load(ref pvRef, i), q = TOps.Load(ref pwRef, i), vv = TOps.Load(ref vRef, i);
            TVec a0 = TOps.MultiplyAdd(npw0, p, TOps.MultiplyAdd(npv0, q, TOps.Load(ref r0, i)));
            TVec a1 = TOps.MultiplyAdd(npw1, p, TOps.MultiplyAdd(npv1, q, TOps.Load(ref r1, i)));
            TOps.Store(a0, ref r0, i);
            TOps.Store(a1, ref r1, i);
            acc0 = TOps.MultiplyAdd(a0, vv, acc0);
            acc1 = TOps.MultiplyAdd(a1, vv, acc1);
            TOps.Store(TOps.MultiplyAdd(a1, bv1, TOps.MultiplyAdd(a0, bv0, TOps.Load(ref yRef, i))), ref yRef, i);
        }
        sum0 = TOps.Sum(acc0);
        sum1 = TOps.Sum(acc1);
        return (int)i;
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
            TVec vv = TOps.Load(ref vRef, i);
            TVec a0 = TOps.Load(ref r0, i), a1 = TOps.Load(ref r1, i), a2 = TOps.Load(ref r2, i), a3 = TOps.Load(ref r3, i);
            acc0 = TOps.MultiplyAdd(a0, vv, acc0);
            acc1 = TOps.MultiplyAdd(a1, vv, acc1);
            acc2 = TOps.MultiplyAdd(a2, vv, acc2);
            acc3 = TOps.MultiplyAdd(a3, vv, acc3);
            TVec yy = TOps.MultiplyAdd(a1, b1, TOps.MultiplyAdd(a0, b0, TOps.Load(ref yRef, i)));
            TOps.Store(TOps.MultiplyAdd(a3, b3, TOps.MultiplyAdd(a2, b2, yy)), ref yRef, i);
        }
        sums[0] = TOps.Sum(acc0);
        sums[1] = TOps.Sum(acc1);
        sums[2] = TOps.Sum(acc2);
        sums[3] = TOps.Sum(acc3);
        return (int)i;
    }

    /// <summary>
    /// Rows r..r+3 of the fused pass at once (row r + q is a[r + q, c0..c0 + L + q], diagonal last): each row gets
    /// its pending rank-2 update written back and contributes to y as in <see cref="FusedRow{T}"/>; the columns all
    /// four rows have off the diagonal share one SIMD loop, the small triangle left is done in scalar.
    /// </summary>
    private static void FusedQuad<T>(MatrixSpan<T> a, int r, int c0, int length, ReadOnlySpan<T> pv, ReadOnlySpan<T> pw,
        ReadOnlySpan<T> v, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> row0 = a.Row(r).Slice(c0, length), row1 = a.Row(r + 1).Slice(c0, length + 1);
        Span<T> row2 = a.Row(r + 2).Slice(c0, length + 2), row3 = a.Row(r + 3).Slice(c0, length + 3);
        int count = length - 1, start = 0;
        Span<T> sums = stackalloc T[4];
        sums.Clear();
        if (Vector512Ops<T>.IsAccelerated)
            start = FusedQuadCore<T, Vector512<T>, Vector512Ops<T>>(row0, row1, row2, row3, pv, pw, v, y, count, sums);
        else if (Vector256Ops<T>.IsAccelerated)
            start = FusedQuadCore<T, Vector256<T>, Vector256Ops<T>>(row0, row1, row2, row3, pv, pw, v, y, count, sums);
        else if (Vector128Ops<T>.IsAccelerated)
            start = FusedQuadCore<T, Vector128<T>, Vector128Ops<T>>(row0, row1, row2, row3, pv, pw, v, y, count, sums);
        FusedTail(row0, pv, pw, v, y, start, ref sums[0]);
        FusedTail(row1, pv, pw, v, y, start, ref sums[1]);
        FusedTail(row2, pv, pw, v, y, start, ref sums[2]);
        FusedTail(row3, pv, pw, v, y, start, ref sums[3]);
        for (int q = 0; q < 4; q++)
            y[count + q] += sums[q];
    }

    /// <summary>Columns start.. of one row of the fused pass (see <see cref="FusedRow{T}"/>).</summary>
    private static void FusedTail<T>(Span<T> row, ReadOnlySpan<T> pv, ReadOnlySpan<T> pw, ReadOnlySpan<T> v, Span<T> y, int start,
        ref T sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int last = row.Length - 1;
        T pvi = pv[last], pwi = pw[last], vi = v[last], s = sum;
        for (int j = start; j < last; j++)
        {
            T x = row[j] - (pvi * pw[j] + pwi * pv[j]);
            row[j] = x;
            s += x * v[j];
            y[j] += x * vi;
        }
        T diagonal = row[last] - (pvi * pw[last] + pwi * pv[last]);
        row[last] = diagonal;
        sum = s + diagonal * v[last];
    }

    private static int FusedQuadCore<T, TVec, TOps>(Span<T> row0, Span<T> row1, Span<T> row2, Span<T> row3, ReadOnlySpan<T> pv,
        ReadOnlySpan<T> pw, ReadOnlySpan<T> v, Span<T> y, int count, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T r0 = ref MemoryMarshal.GetReference(row0);
        ref T r1 = ref MemoryMarshal.GetReference(row1);
        ref T r2 = ref MemoryMarshal.GetReference(row2);
        ref T r3 = ref MemoryMarshal.GetReference(row3);
        ref T pvRef = ref MemoryMarshal.GetReference(pv);
        ref T pwRef = ref MemoryMarshal.GetReference(pw);
        ref T vRef = ref MemoryMarshal.GetReference(v);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint w = (uint)TOps.Count, n = (uint)count, i = 0;
        int last = row0.Length - 1;
        // Row q's coefficients: −pw[q], −pv[q] for the pending update, v[q] for its axpy into y.
        TVec w0 = TOps.Broadcast(-pw[last]), w1 = TOps.Broadcast(-pw[last + 1]);
        TVec w2 = TOps.Broadcast(-pw[last + 2]), w3 = TOps.Broadcast(-pw[last + 3]);
        TVec u0 = TOps.Broadcast(-pv[last]), u1 = TOps.Broadcast(-pv[last + 1]);
        TVec u2 = TOps.Broadcast(-pv[last + 2]), u3 = TOps.Broadcast(-pv[last + 3]);
        TVec b0 = TOps.Broadcast(v[last]), b1 = TOps.Broadcast(v[last + 1]);
        TVec b2 = TOps.Broadcast(v[last + 2]), b3 = TOps.Broadcast(v[last + 3]);
        TVec acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;
        for (; i + w <= n; i += w)
        {
            TVec p = TOps.Load(ref pvRef, i), q = TOps.Load(ref pwRef, i), vv = TOps.Load(ref vRef, i);
            TVec a0 = TOps.MultiplyAdd(w0, p, TOps.MultiplyAdd(u0, q, TOps.Load(ref r0, i)));
            TVec a1 = TOps.MultiplyAdd(w1, p, TOps.MultiplyAdd(u1, q, TOps.Load(ref r1, i)));
            TVec a2 = TOps.MultiplyAdd(w2, p, TOps.MultiplyAdd(u2, q, TOps.Load(ref r2, i)));
            TVec a3 = TOps.MultiplyAdd(w3, p, TOps.MultiplyAdd(u3, q, TOps.Load(ref r3, i)));
            TOps.Store(a0, ref r0, i);
            TOps.Store(a1, ref r1, i);
            TOps.Store(a2, ref r2, i);
            TOps.Store(a3, ref r3, i);
            acc0 = TOps.MultiplyAdd(a0, vv, acc0);
            acc1 = TOps.MultiplyAdd(a1, vv, acc1);
            acc2 = TOps.MultiplyAdd(a2, vv, acc2);
            acc3 = TOps.MultiplyAdd(a3, vv, acc3);
            TVec yy = TOps.MultiplyAdd(a1, b1, TOps.MultiplyAdd(a0, b0, TOps.Load(ref yRef, i)));
            TOps.Store(TOps.MultiplyAdd(a3, b3, TOps.MultiplyAdd(a2, b2, yy)), ref yRef, i);
        }
        sums[0] = TOps.Sum(acc0);
        sums[1] = TOps.Sum(acc1);
        sums[2] = TOps.Sum(acc2);
        sums[3] = TOps.Sum(acc3);
        return (int)i;
    }
}
