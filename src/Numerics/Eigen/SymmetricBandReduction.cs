using System;
using System.Buffers;
using System.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Factorizations;

namespace Simd.Numerics.Eigen;

/// <summary>
/// First stage of the two-stage tridiagonalization: a symmetric matrix reduced to a band of half-width b,
/// <c>A = Q₁·B·Q₁ᵀ</c>, by blocked Householder QR of b-column panels below the band (LAPACK xSYTRD_SY2SB).
/// </summary>
/// <remarks>
/// Why two stages: the one-stage reduction needs a symmetric matrix-vector product per column, so half of its
/// ⁴⁄₃n³ flops stream the whole trailing matrix from memory (at n = 2048 the reduction is bound by memory
/// bandwidth). Here every flop of the trailing update is level 3: per panel one symmetric product
/// <c>X = A₂₂·V</c> and one rank-2b update <c>A₂₂ ← A₂₂ − W·Vᵀ − V·Wᵀ</c> (<see cref="Syr2k"/>), both on the GEMM
/// driver. The band is then chased to tridiagonal form by <see cref="BandTridiagonalization"/> in O(n²·b) flops
/// that stay in cache. The price is a second orthogonal factor, so the eigensolver uses two stages where few or
/// no vectors are back-transformed (values only, the k extreme eigenpairs), as LAPACK xSYEVD_2STAGE does.
/// <para>Storage (row-major, lower): on exit the band B is in the lower triangle (entries with
/// 0 ≤ i − j ≤ b; the rest of the lower triangle is garbage), and panel p's reflectors (columns j₀ = p·b …)
/// are kept as explicit rows of Vᵀ in the strict upper triangle: row j₀ + j, columns j₀ + b …, with the
/// scalars in τ[j₀ + j].</para>
/// </remarks>
internal static class SymmetricBandReduction
{
    /// <summary>Block order of the symmetric product: diagonal blocks are mirrored into a full scratch block,
    /// the rest of each block column goes through two GEMMs (its rows left of the diagonal, its column below).
    /// 96 measured fastest of 96/192/256/512 at n = 2048 (b = 32, one thread).</summary>
    private const int SymmetricBlock = 96;

    /// <summary>Reduces <paramref name="a"/> (lower triangle read) to a band of half-width <paramref name="bandwidth"/>.</summary>
    /// <param name="a">On entry the symmetric n×n matrix (lower triangle); on exit the band and the reflectors (see remarks).</param>
    /// <param name="bandwidth">The half-bandwidth b ≥ 1.</param>
    /// <param name="tau">At least n elements: receives the reflector scalars (τ[j₀ + j] for panel j₀).</param>
    /// <param name="parallelism">Threads for the GEMMs.</param>
    public static void ReduceInPlace<T>(MatrixSpan<T> a, int bandwidth, Span<T> tau, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows, b = bandwidth;
        if (n - b <= 1)
            return; // already a band: nothing lies more than b below the diagonal
        T[] tBuffer = ArrayPool<T>.Shared.Rent(b * b);
        T[] small = ArrayPool<T>.Shared.Rent(2 * b * b);
        T[] work = ArrayPool<T>.Shared.Rent(2 * b * (n - b));
        try
        {
            for (int j0 = 0; n - j0 - b > 1; j0 += b)
            {
                int m = n - j0 - b, k = Math.Min(m, b);

                // The panel below the band, transposed into its mirror position (strict upper triangle, free), and
                // factored there: row q becomes R's column q (entries 0..q) followed by reflector q's tail.
                MatrixSpan<T> panelT = a.Slice(j0, j0 + b, b, m);
                Qr.TransposeInto<T>(a.Slice(j0 + b, j0, m, b), panelT);
                Qr.FactorTransposedInPlace(panelT, tau.Slice(j0, k), default, Parallelism.Sequential);
                for (int q = 0; q < b; q++)
                    for (int p = 0, last = Math.Min(q, k - 1); p <= last; p++)
                        a[j0 + b + p, j0 + q] = panelT[q, p];

                MatrixSpan<T> vt = panelT.Slice(0, 0, k, m);
                for (int j = 0; j < k; j++)
                {
                    Span<T> row = vt.Row(j);
                    row[..j].Clear();
                    row[j] = T.One;
                }
                var t = new MatrixSpan<T>(tBuffer.AsSpan(0, k * k), k, k);
                Householder.FormTriangularFactor<T>(vt, tau.Slice(j0, k), t);

                // A₂₂ ← Qᵀ·A₂₂·Q with Q = I − V·T·Vᵀ, in rows (transposed) form:
                // Xᵀ = Vᵀ·A₂₂, Yᵀ = Tᵀ·Xᵀ, M = Tᵀ·(Vᵀ·Y), Wᵀ = Yᵀ − ½·Mᵀ·Vᵀ, A₂₂ −= W·Vᵀ + V·Wᵀ.
                MatrixSpan<T> a22 = a.Slice(j0 + b, j0 + b, m, m);
                var xt = new MatrixSpan<T>(work.AsSpan(0, k * m), k, m);
                var yt = new MatrixSpan<T>(work.AsSpan(k * m, k * m), k, m);
                var g = new MatrixSpan<T>(small.AsSpan(0, k * k), k, k);
                var mm = new MatrixSpan<T>(small.AsSpan(k * k, k * k), k, k);
                SymmetricTimesPanel(a22, vt, xt, parallelism);
                Gemm.Multiply(T.One, t, MatrixOp.Transpose, xt, MatrixOp.None, T.Zero, yt, parallelism);
                Gemm.Multiply(T.One, vt, MatrixOp.None, yt, MatrixOp.Transpose, T.Zero, g, Parallelism.Sequential);
                Gemm.Multiply(T.One, t, MatrixOp.Transpose, g, MatrixOp.None, T.Zero, mm, Parallelism.Sequential);
                Gemm.Multiply(-T.One / T.CreateTruncating(2), mm, MatrixOp.Transpose, vt, MatrixOp.None, T.One, yt, parallelism);
                Syr2k.Update(-T.One, yt, vt, MatrixOp.Transpose, T.One, a22, TriangularPart.Lower, parallelism);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(tBuffer);
            ArrayPool<T>.Shared.Return(small);
            ArrayPool<T>.Shared.Return(work);
        }
    }

    /// <summary><c>Xᵀ = Vᵀ·A</c> for a symmetric A given by its lower triangle (BLAS xSYMM from the right).</summary>
    /// <remarks>Block column J of Xᵀ is Vᵀ_J·A_JJ + Vᵀ_{&lt;J}·A_{J,&lt;J}ᵀ + Vᵀ_{&gt;J}·A_{&gt;J,J}: the row block left of the
    /// diagonal block and the column block below it are both stored, so every element of the triangle is read twice
    /// and never mirrored (only the diagonal blocks are, into a scratch block). Block columns cost the same (each
    /// reads m·jb elements of A), so threads take equal contiguous ranges of them, each running its GEMMs on one
    /// thread: Xᵀ's output is only k rows tall, too thin to split inside a GEMM, and every block column is computed
    /// by the same calls whatever the thread count (bitwise identical results).</remarks>
    private static unsafe void SymmetricTimesPanel<T>(MatrixSpan<T> a, MatrixSpan<T> vt, MatrixSpan<T> xt, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, blocks = (m + SymmetricBlock - 1) / SymmetricBlock;
        int parts = Math.Min(blocks, parallelism.ThreadsFor(2.0 * m * m * vt.Rows, Gemm.MinFlopsPerThread));
        T[] scratch = ArrayPool<T>.Shared.Rent(parts * SymmetricBlock * SymmetricBlock);
        try
        {
            fixed (T* pa = a.Span, pv = vt.Span, px = xt.Span, ps = scratch)
            {
                var work = new SymmetricProductWork<T>
                {
                    A = (nint)pa, ALength = a.Span.Length, M = m, AStride = a.RowStride,
                    Vt = (nint)pv, VtLength = vt.Span.Length, K = vt.Rows, VtStride = vt.RowStride,
                    Xt = (nint)px, XtLength = xt.Span.Length, XtStride = xt.RowStride,
                    Scratch = (nint)ps, Blocks = blocks, Parts = parts,
                };
                if (parts == 1)
                    work.Run(0);
                else
                    ParallelJob<SymmetricProductWork<T>>.Run(work, parts, parts);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>A contiguous range of block columns of <see cref="SymmetricTimesPanel{T}"/> per part.</summary>
    private unsafe struct SymmetricProductWork<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint A, Vt, Xt, Scratch;
        public int ALength, M, AStride, VtLength, K, VtStride, XtLength, XtStride, Blocks, Parts;

        public readonly void Run(int part)
        {
            var a = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)A, ALength), M, M, AStride);
            var vt = ReadOnlyMatrixSpan<T>.CreateTrusted(new ReadOnlySpan<T>((void*)Vt, VtLength), K, M, VtStride);
            var xt = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)Xt, XtLength), K, M, XtStride);
            var block = new Span<T>((void*)Scratch, Parts * SymmetricBlock * SymmetricBlock).Slice(part * SymmetricBlock * SymmetricBlock, SymmetricBlock * SymmetricBlock);
            Parallelism one = Parallelism.Sequential;
            for (int b = Blocks * part / Parts, end = Blocks * (part + 1) / Parts; b < end; b++)
            {
                int j0 = b * SymmetricBlock, jb = Math.Min(SymmetricBlock, M - j0), j1 = j0 + jb;
                var diagonal = new MatrixSpan<T>(block[..(jb * jb)], jb, jb);
                for (int i = 0; i < jb; i++)
                {
                    Span<T> row = a.Row(j0 + i).Slice(j0, i + 1);
                    row.CopyTo(diagonal.Row(i));
                    for (int j = 0; j < i; j++)
                        diagonal[j, i] = row[j];
                }
                MatrixSpan<T> xj = xt.Slice(0, j0, K, jb);
                Gemm.Multiply(T.One, vt.Slice(0, j0, K, jb), MatrixOp.None, diagonal, MatrixOp.None, T.Zero, xj, one);
                if (j0 > 0)
                    Gemm.Multiply(T.One, vt.Slice(0, 0, K, j0), MatrixOp.None, a.Slice(j0, 0, jb, j0), MatrixOp.Transpose, T.One, xj, one);
                if (j1 < M)
                    Gemm.Multiply(T.One, vt.Slice(0, j1, K, M - j1), MatrixOp.None, a.Slice(j1, j0, M - j1, jb), MatrixOp.None, T.One, xj, one);
            }
        }
    }

    /// <summary><c>Rows ← Rows·Q₁ᵀ</c>: vectors of the band matrix, stored as rows, become vectors of A.</summary>
    /// <param name="reduced">The output of <see cref="ReduceInPlace{T}"/>.</param>
    /// <param name="bandwidth">The half-bandwidth it was reduced with.</param>
    /// <param name="tau">Its reflector scalars.</param>
    /// <param name="rows">r×n, updated in place.</param>
    /// <param name="parallelism">Threads for the GEMMs.</param>
    public static void ApplyQTransposeFromRight<T>(ReadOnlyMatrixSpan<T> reduced, int bandwidth, ReadOnlySpan<T> tau, MatrixSpan<T> rows,
        Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = reduced.Rows, b = bandwidth, r = rows.Rows;
        if (n - b <= 1 || r == 0)
            return;
        T[] tBuffer = ArrayPool<T>.Shared.Rent(b * b);
        T[] work = ArrayPool<T>.Shared.Rent(2 * b * r);
        try
        {
            // Q₁ = Q⁽⁰⁾·Q⁽¹⁾·…, so Z_A = Q⁽⁰⁾·(Q⁽¹⁾·(…·Z_B)): the last panel first. In rows form
            // Zᵀ ← Zᵀ·(I − V·T·Vᵀ)ᵀ = Zᵀ − ((Zᵀ·V)·Tᵀ)·Vᵀ on the columns the panel's reflectors touch.
            int lastPanel = (n - b - 2) / b * b;
            for (int j0 = lastPanel; j0 >= 0; j0 -= b)
            {
                int m = n - j0 - b, k = Math.Min(m, b);
                ReadOnlyMatrixSpan<T> vt = reduced.Slice(j0, j0 + b, k, m);
                var t = new MatrixSpan<T>(tBuffer.AsSpan(0, k * k), k, k);
                Householder.FormTriangularFactor<T>(vt, tau.Slice(j0, k), t);
                Householder.ApplyBlockRight<T>(vt, t, transpose: true, rows.Slice(0, j0 + b, r, m), work, parallelism);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(tBuffer);
            ArrayPool<T>.Shared.Return(work);
        }
    }
}
