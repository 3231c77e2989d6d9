using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;
using Simd.Numerics.Blas;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// All eigenvalues and eigenvectors of a symmetric tridiagonal matrix by Cuppen's divide and conquer, as LAPACK
/// xSTEDC (COMPZ = 'I') computes them.
/// </summary>
/// <remarks>
/// <para>The matrix first splits where an off-diagonal is negligible; every unreduced block is scaled by a power of
/// two to unit size. A block is torn in the middle by a rank-one change, T = diag(T₁, T₂) + |β|·v·vᵀ, the halves are
/// solved recursively (leaves of at most <see cref="LeafSize"/> by the implicit QR algorithm) and merged: in the
/// halves' eigenbasis the problem is D + ρ·z·zᵀ, z the halves' last/first eigenvector rows.</para>
/// <para>The merge deflates what needs no work (xLAED2): components with ρ·|zᵢ| below 8ε·max(|d|, |z|), and pairs of
/// poles so close that one Givens rotation zeroes a z component at an error below the same tolerance. The rest is
/// the secular equation, solved root by root (<see cref="SecularEquation"/>), after which z is recomputed from the
/// computed roots by Löwner's formula (Gu and Eisenstat) so that the new eigenvectors zᵢ/(dᵢ − λⱼ) are orthogonal to
/// working precision however close the roots (xLAED3). The eigenvectors of the merged block are then the halves'
/// eigenvectors times that K×K matrix, a GEMM — the only O(n³) work. The merged vectors are grouped into those
/// supported by the first half, by both halves (mixed by a deflating rotation), and by the second half, so that
/// the two GEMMs skip the zero blocks (xLAED2's column types).</para>
/// <para>Vectors are kept as rows (row j is an eigenvector), like everywhere in this namespace. GEMM is bitwise
/// identical whatever the thread count, and so is everything else here (sequential), so the result is too.</para>
/// </remarks>
internal static class TridiagonalDivideAndConquer
{
    /// <summary>Largest subproblem solved by the implicit QR algorithm instead of a further split.</summary>
    internal const int LeafSize = 32;

    /// <summary>
    /// Eigenvalues ascending into <paramref name="d"/>, eigenvectors of T as the rows of <paramref name="vectors"/>.
    /// </summary>
    /// <param name="d">On entry, the n diagonal entries; on exit, the eigenvalues in ascending order.</param>
    /// <param name="e">On entry, the n − 1 off-diagonal entries; on exit, destroyed.</param>
    /// <param name="vectors">n×n; receives the eigenvectors of T as rows. Not read on entry.</param>
    /// <param name="unconverged">On failure, how many subproblems (QR leaves or secular roots) failed.</param>
    /// <param name="parallelism">Threads for the merge GEMMs.</param>
    /// <returns>False if a QR leaf or a secular root did not converge (it should not happen).</returns>
    public static bool TryComputeInPlace<T>(Span<T> d, Span<T> e, MatrixSpan<T> vectors, out int unconverged,
        Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        if (e.Length < Math.Max(n - 1, 0))
            ThrowHelper.ThrowDestinationTooShort(nameof(e), n - 1, e.Length);
        if (vectors.Rows != n || vectors.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(vectors), $"a {n}×{n} matrix", vectors.Rows, vectors.Columns);
        unconverged = 0;
        vectors.Clear();
        if (n == 0)
            return true;

        T eps = MachineParameters<T>.Epsilon;
        var workspace = new Workspace<T>();
        try
        {
            for (int start = 0; start < n;)
            {
                int end = start;
                for (; end < n - 1; end++)
                {
                    if (T.Abs(e[end]) <= eps * T.Sqrt(T.Abs(d[end])) * T.Sqrt(T.Abs(d[end + 1])))
                    {
                        e[end] = T.Zero;
                        break;
                    }
                }
                int m = end - start + 1;
                Span<T> db = d.Slice(start, m), eb = e.Slice(start, m - 1);
                if (m <= LeafSize)
                {
                    if (!SolveLeaf(db, eb, vectors.Slice(start, start, m, m), ref unconverged))
                        return false;
                }
                else
                {
                    // Scale the block by a power of two (exact) so that its largest entry lies in [1, 2).
                    T norm = T.Zero;
                    for (int i = 0; i < m; i++)
                        norm = T.Max(norm, T.Abs(db[i]));
                    for (int i = 0; i < m - 1; i++)
                        norm = T.Max(norm, T.Abs(eb[i]));
                    int exponent = T.ILogB(norm);
                    ScaleBy(db, -exponent);
                    ScaleBy(eb, -exponent);
                    workspace.Ensure(m);
                    if (!Solve(db, eb, vectors.Slice(start, start, m, m), workspace, parallelism, ref unconverged))
                        return false;
                    ScaleBy(db, exponent);
                }
                start = end + 1;
            }

            SortAscending(d, vectors, workspace);
            return true;
        }
        finally
        {
            workspace.Dispose();
        }
    }

    private static void ScaleBy<T>(Span<T> x, int exponent)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (exponent == 0)
            return;
        for (int i = 0; i < x.Length; i++)
            x[i] = T.ScaleB(x[i], exponent);
    }

    private static bool SolveLeaf<T>(Span<T> d, Span<T> e, MatrixSpan<T> w, ref int unconverged)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = d.Length;
        for (int i = 0; i < m; i++)
            w[i, i] = T.One;
        if (TridiagonalQr.TryComputeInPlace(d, e, w, out int failed, Parallelism.Sequential))
            return true;
        unconverged += failed;
        return false;
    }

    /// <summary>Eigenpairs of the unreduced block (d, e) into the m×m view w (rows); eigenvalues come back unordered.</summary>
    private static bool Solve<T>(Span<T> d, Span<T> e, MatrixSpan<T> w, Workspace<T> ws, Parallelism parallelism,
        ref int unconverged)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = d.Length;
        if (m <= LeafSize)
            return SolveLeaf(d, e[..Math.Max(m - 1, 0)], w, ref unconverged);

        int n1 = m / 2;
        T beta = e[n1 - 1], absBeta = T.Abs(beta);
        d[n1 - 1] -= absBeta;
        d[n1] -= absBeta;
        if (!Solve(d[..n1], e[..(n1 - 1)], w.Slice(0, 0, n1, n1), ws, parallelism, ref unconverged))
            return false;
        if (!Solve(d[n1..], e[n1..], w.Slice(n1, n1, m - n1, m - n1), ws, parallelism, ref unconverged))
            return false;
        if (Merge(d, w, n1, beta, ws, parallelism))
            return true;
        unconverged++;
        return false;
    }

    /// <summary>
    /// Merges the solved halves of an m×m block (rows 0..n1 of w hold the first half's eigenvectors in columns
    /// 0..n1, the rest the second's in columns n1..m) torn by the off-diagonal <paramref name="beta"/>.
    /// </summary>
    private static bool Merge<T>(Span<T> d, MatrixSpan<T> w, int n1, T beta, Workspace<T> ws, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = d.Length;
        T eps = MachineParameters<T>.Epsilon;
        T two = T.CreateTruncating(2), eight = T.CreateTruncating(8);
        T rho = two * T.Abs(beta);
        T invSqrt2 = T.One / T.Sqrt(two);
        T signBeta = beta < T.Zero ? -T.One : T.One;

        // Sort the poles; z in the same order (‖z‖ = 1 after the 1/√2).
        Span<int> perm = ws.Perm.AsSpan(0, m), type = ws.Type.AsSpan(0, m), rowOf = ws.RowOf.AsSpan(0, m);
        Span<T> ds = ws.Ds.AsSpan(0, m), zs = ws.Zs.AsSpan(0, m), keys = ws.Keys.AsSpan(0, m);
        for (int i = 0; i < m; i++)
        {
            perm[i] = i;
            keys[i] = d[i];
        }
        keys.Sort(perm);
        T dmax = T.Zero, zmax = T.Zero;
        for (int k = 0; k < m; k++)
        {
            int src = perm[k];
            ds[k] = d[src];
            zs[k] = src < n1 ? w[src, n1 - 1] * invSqrt2 : signBeta * w[src, n1] * invSqrt2;
            type[k] = src < n1 ? 1 : 3;
            dmax = T.Max(dmax, T.Abs(ds[k]));
            zmax = T.Max(zmax, T.Abs(zs[k]));
        }
        T tol = eight * eps * T.Max(dmax, zmax);

        // Deflation (xLAED2): tiny z components, then nearly equal poles rotated into one.
        List<int> kept = ws.Kept, deflated = ws.Deflated;
        List<(int P, int J, T C, T S)> rotations = ws.Rotations;
        kept.Clear();
        deflated.Clear();
        rotations.Clear();
        if (rho * zmax <= tol)
        {
            for (int k = 0; k < m; k++)
                deflated.Add(k);
        }
        else
        {
            int pj = -1;
            for (int j = 0; j < m; j++)
            {
                if (rho * T.Abs(zs[j]) <= tol)
                {
                    deflated.Add(j);
                    continue;
                }
                if (pj < 0)
                {
                    pj = j;
                    continue;
                }
                T s = zs[pj], c = zs[j];
                T tau = T.Hypot(c, s), t = ds[j] - ds[pj];
                c /= tau;
                s = -s / tau;
                if (T.Abs(t * c * s) <= tol)
                {
                    zs[j] = tau;
                    zs[pj] = T.Zero;
                    rotations.Add((pj, j, c, s));
                    if (type[pj] != type[j])
                        type[pj] = type[j] = 2;
                    T dp = ds[pj] * c * c + ds[j] * s * s;
                    ds[j] = ds[pj] * s * s + ds[j] * c * c;
                    ds[pj] = dp;
                    deflated.Add(pj);
                }
                else
                {
                    kept.Add(pj);
                }
                pj = j;
            }
            if (pj >= 0)
                kept.Add(pj);
        }
        int kk = kept.Count;

        // Rows of the gathered vectors: kept ones grouped by support (first half, both, second half), then deflated.
        int c1 = 0, c2 = 0;
        foreach (int k in kept)
        {
            if (type[k] == 1) c1++;
            else if (type[k] == 2) c2++;
        }
        int[] groupNext = [0, c1, c1 + c2];
        Span<int> pos = ws.Pos.AsSpan(0, Math.Max(kk, 1));
        for (int t = 0; t < kk; t++)
        {
            int k = kept[t];
            int g = type[k] == 1 ? 0 : type[k] == 2 ? 1 : 2;
            pos[t] = groupNext[g]++;
            rowOf[k] = pos[t];
        }
        for (int t = 0; t < deflated.Count; t++)
            rowOf[deflated[t]] = kk + t;

        var vg = new MatrixSpan<T>(ws.Vg.AsSpan(0, m * m), m, m);
        for (int k = 0; k < m; k++)
            w.Row(perm[k]).CopyTo(vg.Row(rowOf[k]));
        foreach (var (pj, j, c, s) in rotations)
        {
            Span<T> x = vg.Row(rowOf[pj]), y = vg.Row(rowOf[j]);
            for (int i = 0; i < m; i++)
            {
                T xi = x[i], yi = y[i];
                x[i] = c * xi + s * yi;
                y[i] = c * yi - s * xi;
            }
        }

        if (kk > 0)
        {
            // Secular equation for the kept poles, differences dᵢ − λⱼ into row j of u (kk×kk).
            Span<T> dk = ws.Dk.AsSpan(0, kk), zk = ws.Zk.AsSpan(0, kk), lambda = ws.Lambda.AsSpan(0, kk);
            for (int t = 0; t < kk; t++)
            {
                dk[t] = ds[kept[t]];
                zk[t] = zs[kept[t]];
            }
            var u = new MatrixSpan<T>(ws.U.AsSpan(0, kk * kk), kk, kk);
            int threads = parallelism.ThreadsFor(40.0 * kk * kk, MinWorkPerThread);
            if (!SecularStage(ws, kk, rho, threads))
                return false;

            // New eigenvectors (rows 0..kk of w) = u · gathered vectors, skipping the zero blocks.
            int n2 = m - n1;
            Gemm.Multiply(T.One, u.Slice(0, 0, kk, c1 + c2), MatrixOp.None, vg.Slice(0, 0, c1 + c2, n1), MatrixOp.None,
                T.Zero, w.Slice(0, 0, kk, n1), Tridiagonalization.ForkIfWorth(parallelism, 2.0 * kk * (c1 + c2) * n1));
            Gemm.Multiply(T.One, u.Slice(0, c1, kk, kk - c1), MatrixOp.None, vg.Slice(c1, n1, kk - c1, n2), MatrixOp.None,
                T.Zero, w.Slice(0, n1, kk, n2), Tridiagonalization.ForkIfWorth(parallelism, 2.0 * kk * (kk - c1) * n2));
            lambda.CopyTo(d);
        }

        for (int t = 0; t < deflated.Count; t++)
        {
            vg.Row(kk + t).CopyTo(w.Row(kk + t));
            d[kk + t] = ds[deflated[t]];
        }
        return true;
    }

    /// <summary>Least secular-stage work (≈ 40·k² for k kept poles) per thread before the stage is split.</summary>
    /// <remarks>2²² keeps merges below k ≈ 460 on the calling thread. With 2¹⁸ (k ≥ 115) the quick report measured
    /// two threads slower than one at n = 128 and 256 (7.1 against 5.1 ms at 256: on this 2-core VM waking a pool thread
    /// for well under a millisecond of work can cost about as much as the work); with 2²² two threads measured
    /// 5.0–5.4 ms there, level with one thread. Thread counts never change the results; tests lower it to reach the
    /// split stage on small matrices.</remarks>
    internal static double MinWorkPerThread = 1 << 22;

    /// <summary>
    /// The secular roots (differences dᵢ − λⱼ into row j of ws.U), Löwner's ẑ, and the unit eigenvectors of
    /// D + ρ·ẑ·ẑᵀ as the rows of ws.U in the grouped order ws.Pos. Roots, columns of the Löwner products and rows
    /// are independent, so threads split them without changing a bit.
    /// </summary>
    private static bool SecularStage<T>(Workspace<T> ws, int kk, T rho, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] dk = ws.Dk, zk = ws.Zk, lambda = ws.Lambda, u = ws.U, zhat = ws.Zhat;
        int[] pos = ws.Pos;
        bool ok = true;
        For(kk, threads, (j0, j1) =>
        {
            for (int j = j0; j < j1; j++)
                if (!SecularEquation.TrySolve(j, dk.AsSpan(0, kk), zk.AsSpan(0, kk), rho, u.AsSpan(j * kk, kk), out lambda[j]))
                    ok = false;
        });
        if (!ok)
            return false;

        // Löwner: ẑᵢ² = (λᵢ − dᵢ)/ρ · Πⱼ≠ᵢ (λⱼ − dᵢ)/(dⱼ − dᵢ), all factors positive; accumulated row by row.
        For(kk, threads, (i0, i1) =>
        {
            Span<T> prod = zhat.AsSpan(i0, i1 - i0);
            prod.Fill(T.One);
            ReadOnlySpan<T> dAll = dk.AsSpan(0, kk);
            for (int j = 0; j < kk; j++)
            {
                ReadOnlySpan<T> row = u.AsSpan(j * kk, kk);
                T dj = dAll[j];
                int below = Math.Clamp(j, i0, i1), above = Math.Clamp(j + 1, i0, i1);
                MultiplyRatios(prod[..(below - i0)], row[i0..below], dAll[i0..below], dj);
                if (j >= i0 && j < i1)
                    prod[j - i0] *= -row[j] / rho;
                MultiplyRatios(prod[(above - i0)..], row[above..i1], dAll[above..i1], dj);
            }
            for (int i = i0; i < i1; i++)
                zhat[i] = T.CopySign(T.Sqrt(zhat[i]), zk[i]);
        });

        // Row j ← the unit eigenvector ẑᵢ/(dᵢ − λⱼ), scattered to the grouped order.
        For(kk, threads, (j0, j1) =>
        {
            T[] tmp = new T[kk];
            for (int j = j0; j < j1; j++)
            {
                Span<T> row = u.AsSpan(j * kk, kk);
                T sum = QuotientsAndSquareSum<T>(zhat.AsSpan(0, kk), row, tmp);
                T scale = T.One / T.Sqrt(sum);
                for (int i = 0; i < kk; i++)
                    row[pos[i]] = tmp[i] * scale;
            }
        });
        return true;
    }

    /// <summary>prod[i] *= row[i]/(d[i] − dj), element by element (exactly rounded: every width gives the same bits).</summary>
    private static void MultiplyRatios<T>(Span<T> prod, ReadOnlySpan<T> row, ReadOnlySpan<T> d, T dj)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector512Ops<T>.IsAccelerated)
            i = MultiplyRatiosCore<T, Vector512<T>, Vector512Ops<T>>(prod, row, d, dj);
        else if (Vector256Ops<T>.IsAccelerated)
            i = MultiplyRatiosCore<T, Vector256<T>, Vector256Ops<T>>(prod, row, d, dj);
        else if (Vector128Ops<T>.IsAccelerated)
            i = MultiplyRatiosCore<T, Vector128<T>, Vector128Ops<T>>(prod, row, d, dj);
        for (; i < prod.Length; i++)
            prod[i] *= row[i] / (d[i] - dj);
    }

    private static int MultiplyRatiosCore<T, TVec, TOps>(Span<T> prod, ReadOnlySpan<T> row, ReadOnlySpan<T> d, T dj)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T pRef = ref MemoryMarshal.GetReference(prod);
        ref T rRef = ref MemoryMarshal.GetReference(row);
        ref T dRef = ref MemoryMarshal.GetReference(d);
        nuint n = (uint)prod.Length, w = (uint)TOps.Count, i = 0;
        TVec vj = TOps.Broadcast(dj);
        for (; i + w <= n; i += w)
        {
            TVec ratio = TOps.Divide(TOps.Load(ref rRef, i), TOps.Subtract(TOps.Load(ref dRef, i), vj));
            TOps.Store(TOps.Multiply(TOps.Load(ref pRef, i), ratio), ref pRef, i);
        }
        return (int)i;
    }

    /// <summary>v[i] = zhat[i]/row[i]; returns Σ v[i]² (order fixed by the length and the vector width).</summary>
    private static T QuotientsAndSquareSum<T>(ReadOnlySpan<T> zhat, ReadOnlySpan<T> row, Span<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            return QuotientsCore<T, Vector512<T>, Vector512Ops<T>>(zhat, row, v);
        if (Vector256Ops<T>.IsAccelerated)
            return QuotientsCore<T, Vector256<T>, Vector256Ops<T>>(zhat, row, v);
        if (Vector128Ops<T>.IsAccelerated)
            return QuotientsCore<T, Vector128<T>, Vector128Ops<T>>(zhat, row, v);
        return QuotientsTail(zhat, row, v, 0, T.Zero);
    }

    private static T QuotientsCore<T, TVec, TOps>(ReadOnlySpan<T> zhat, ReadOnlySpan<T> row, Span<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T zRef = ref MemoryMarshal.GetReference(zhat);
        ref T rRef = ref MemoryMarshal.GetReference(row);
        ref T vRef = ref MemoryMarshal.GetReference(v);
        nuint n = (uint)zhat.Length, w = (uint)TOps.Count, i = 0;
        TVec s0 = TOps.Zero, s1 = TOps.Zero;
        for (; i + 2 * w <= n; i += 2 * w)
        {
            TVec q0 = TOps.Divide(TOps.Load(ref zRef, i), TOps.Load(ref rRef, i));
            TVec q1 = TOps.Divide(TOps.Load(ref zRef, i + w), TOps.Load(ref rRef, i + w));
            TOps.Store(q0, ref vRef, i);
            TOps.Store(q1, ref vRef, i + w);
            s0 = TOps.MultiplyAdd(q0, q0, s0);
            s1 = TOps.MultiplyAdd(q1, q1, s1);
        }
        for (; i + w <= n; i += w)
        {
            TVec q0 = TOps.Divide(TOps.Load(ref zRef, i), TOps.Load(ref rRef, i));
            TOps.Store(q0, ref vRef, i);
            s0 = TOps.MultiplyAdd(q0, q0, s0);
        }
        return QuotientsTail(zhat, row, v, (int)i, TOps.Sum(TOps.Add(s0, s1)));
    }

    private static T QuotientsTail<T>(ReadOnlySpan<T> zhat, ReadOnlySpan<T> row, Span<T> v, int start, T sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < zhat.Length; i++)
        {
            T q = zhat[i] / row[i];
            v[i] = q;
            sum += q * q;
        }
        return sum;
    }

    /// <summary>
    /// Runs body over [0, count) in <see cref="ForChunks"/>·<paramref name="threads"/> contiguous ranges that the
    /// caller and <paramref name="threads"/> − 1 pool helpers claim in turn. The caller never waits for a helper
    /// that has not started (it claims the rest itself), only for ranges a running helper holds: a helper whose core
    /// is taken by another process costs a range, not a scheduler slice per call. Indices are independent, so the
    /// split never changes a result.
    /// </summary>
    private static void For(int count, int threads, Action<int, int> body)
    {
        threads = Math.Clamp(threads, 1, Math.Max(count, 1));
        if (threads == 1)
        {
            body(0, count);
            return;
        }
        var job = new ForJob(count, Math.Min(count, ForChunks * threads), body);
        for (int t = 1; t < threads; t++)
            ThreadPool.UnsafeQueueUserWorkItem(static j => j.Claim(), job, preferLocal: false);
        job.Claim();
        var spinner = new SpinWait();
        while (Volatile.Read(ref job.Completed) < job.Chunks)
            spinner.SpinOnce();
        if (job.Error is not null)
            ExceptionDispatchInfo.Throw(job.Error);
    }

    /// <summary>Ranges per thread in <see cref="For"/>.</summary>
    private const int ForChunks = 4;

    private sealed class ForJob(int count, int chunks, Action<int, int> body)
    {
        public readonly int Chunks = chunks;
        public int Next, Completed;
        public Exception? Error;

        public void Claim()
        {
            int c;
            while ((c = Interlocked.Increment(ref Next) - 1) < Chunks)
            {
                try
                {
                    body((int)((long)count * c / Chunks), (int)((long)count * (c + 1) / Chunks));
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Error, e, null);
                }
                Interlocked.Increment(ref Completed);
            }
        }
    }

    /// <summary>Sorts d ascending and permutes the rows of <paramref name="vectors"/> along.</summary>
    private static void SortAscending<T>(Span<T> d, MatrixSpan<T> vectors, Workspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        bool sorted = true;
        for (int i = 1; i < n && sorted; i++)
            sorted = d[i - 1] <= d[i];
        if (sorted)
            return;
        ws.Ensure(n);
        Span<int> perm = ws.Perm.AsSpan(0, n);
        Span<T> keys = ws.Keys.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            perm[i] = i;
            keys[i] = d[i];
        }
        keys.Sort(perm);
        var copy = new MatrixSpan<T>(ws.Vg.AsSpan(0, n * n), n, n);
        for (int i = 0; i < n; i++)
            vectors.Row(perm[i]).CopyTo(copy.Row(i));
        for (int i = 0; i < n; i++)
        {
            copy.Row(i).CopyTo(vectors.Row(i));
            d[i] = keys[i];
        }
    }

    /// <summary>Buffers for the merges, sized for the largest block and reused by every merge (they run in turn).</summary>
    private sealed class Workspace<T> : IDisposable
        where T : unmanaged
    {
        private int _size = -1;
        public T[] Vg = [], U = [], Ds = [], Zs = [], Keys = [], Dk = [], Zk = [], Lambda = [], Zhat = [], Tmp = [];
        public int[] Perm = [], Type = [], RowOf = [], Pos = [];
        public readonly List<int> Kept = [], Deflated = [];
        public readonly List<(int P, int J, T C, T S)> Rotations = [];

        public void Ensure(int m)
        {
            if (m <= _size)
                return;
            Dispose();
            _size = m;
            Vg = ArrayPool<T>.Shared.Rent(m * m);
            U = ArrayPool<T>.Shared.Rent(m * m);
            Ds = new T[m];
            Zs = new T[m];
            Keys = new T[m];
            Dk = new T[m];
            Zk = new T[m];
            Lambda = new T[m];
            Zhat = new T[m];
            Tmp = new T[m];
            Perm = new int[m];
            Type = new int[m];
            RowOf = new int[m];
            Pos = new int[m];
        }

        public void Dispose()
        {
            if (Vg.Length > 0)
                ArrayPool<T>.Shared.Return(Vg);
            if (U.Length > 0)
                ArrayPool<T>.Shared.Return(U);
            Vg = U = [];
            _size = -1;
        }
    }
}
