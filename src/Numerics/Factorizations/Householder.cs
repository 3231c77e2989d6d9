using System;
using System.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// Householder reflectors <c>H = I − τ·v·vᵀ</c> (v₀ = 1): generation safe against overflow and underflow, and
/// the compact WY form <c>H₀·H₁·…·H_{k−1} = I − V·T·Vᵀ</c> that lets a block of reflectors be applied with GEMM.
/// Shared by <see cref="Qr"/> and the symmetric eigensolver's tridiagonalization.
/// </summary>
public static class Householder
{
    /// <summary>
    /// Generates the reflector H = I − τ·v·vᵀ with v = [1; v′] such that <c>H·[α; x] = [β; 0]</c>.
    /// </summary>
    /// <param name="alpha">On entry, the first element α of the vector; on exit, β = ∓‖[α; x]‖₂ (sign opposite to α).</param>
    /// <param name="x">On entry, the rest of the vector; on exit, v′ (the tail of v, whose head is the implicit 1).</param>
    /// <returns>τ, in [1, 2] unless H = I, in which case τ = 0 and <paramref name="x"/> is unchanged.</returns>
    /// <remarks>
    /// The norm is computed without overflow or underflow (<see cref="SpanMath.Norm2{T}"/> and a hypotenuse), and
    /// when |β| is below the safe minimum the vector is rescaled (up to 20 times) before v is formed, so tiny
    /// vectors keep full relative accuracy. Same contract as LAPACK xLARFG.
    /// </remarks>
    public static T GenerateReflector<T>(ref T alpha, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length == 0)
            return T.Zero;
        T xNorm = SpanMath.Norm2<T>(x);
        if (xNorm == T.Zero)
            return T.Zero;

        T beta = -T.CopySign(T.Hypot(alpha, xNorm), alpha);
        T safeMin = MachineParameters<T>.SafeMinimum / MachineParameters<T>.UnitRoundoff;
        int rescalings = 0;
        if (T.Abs(beta) < safeMin)
        {
            // β may be inaccurate (subnormal): scale x and α up, recompute, scale β back at the end.
            T inverse = T.One / safeMin;
            do
            {
                rescalings++;
                SpanMath.Scale(inverse, x);
                beta *= inverse;
                alpha *= inverse;
            }
            while (T.Abs(beta) < safeMin && rescalings < 20);
            xNorm = SpanMath.Norm2<T>(x);
            beta = -T.CopySign(T.Hypot(alpha, xNorm), alpha);
        }

        T tau = (beta - alpha) / beta;
        SpanMath.Scale(T.One / (alpha - beta), x);
        for (int j = 0; j < rescalings; j++)
            beta *= safeMin;
        alpha = beta;
        return tau;
    }

    /// <summary>
    /// Builds the upper-triangular factor T of the compact WY form <c>H₀·H₁·…·H_{k−1} = I − V·T·Vᵀ</c>.
    /// </summary>
    /// <param name="vt">Vᵀ, k×L, given explicitly: row j is zero before column j, one at column j, then the reflector tail.</param>
    /// <param name="tau">The k scalars τⱼ.</param>
    /// <param name="t">Receives T (k×k upper triangular; the strict lower triangle is set to zero).</param>
    /// <remarks>Forward, column-wise, as LAPACK xLARFT('F', 'C'); the upper half of the Gram matrix VᵀV is one SYRK.</remarks>
    internal static void FormTriangularFactor<T>(ReadOnlyMatrixSpan<T> vt, ReadOnlySpan<T> tau, MatrixSpan<T> t)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = vt.Rows;
        // Gram matrix G = Vᵀ·V in t's storage, then T column by column: T[0:i, i] = −τᵢ·T[0:i, 0:i]·G[0:i, i].
        Syrk.Update(T.One, vt, MatrixOp.None, T.Zero, t, TriangularPart.Upper, Parallelism.Sequential); // upper half only
        Span<T> column = k <= 64 ? stackalloc T[k] : new T[k];
        for (int i = 0; i < k; i++)
        {
            T ti = tau[i];
            for (int r = 0; r < i; r++)
            {
                T sum = T.Zero;
                for (int p = r; p < i; p++)
                    sum += t[r, p] * t[p, i];
                column[r] = -ti * sum;
            }
            for (int r = 0; r < i; r++)
                t[r, i] = column[r];
            t[i, i] = ti;
            for (int r = i + 1; r < k; r++)
                t[r, i] = T.Zero;
        }
    }

    /// <summary><c>C = (I − V·op(T)·Vᵀ)·C</c>: the block of reflectors applied from the left.</summary>
    /// <param name="vt">Vᵀ (k×m), explicit as for <see cref="FormTriangularFactor{T}"/>.</param>
    /// <param name="t">T from <see cref="FormTriangularFactor{T}"/>.</param>
    /// <param name="transpose">Apply (H₀…H_{k−1})ᵀ (op(T) = Tᵀ) instead of H₀…H_{k−1}.</param>
    /// <param name="c">The m×n matrix, updated in place.</param>
    /// <param name="work">At least k·n elements.</param>
    /// <param name="parallelism">Threads for the two GEMMs.</param>
    internal static void ApplyBlockLeft<T>(ReadOnlyMatrixSpan<T> vt, ReadOnlyMatrixSpan<T> t, bool transpose, MatrixSpan<T> c,
        Span<T> work, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = vt.Rows, n = c.Columns;
        if (k == 0 || n == 0 || c.Rows == 0)
            return;
        if (n == 1)
        {
            // One column (a single right-hand side): two GEMVs on a contiguous copy.
            int m = c.Rows;
            T[] column = System.Buffers.ArrayPool<T>.Shared.Rent(m);
            try
            {
                Span<T> x = column.AsSpan(0, m), w1 = work[..k];
                for (int i = 0; i < m; i++)
                    x[i] = c[i, 0];
                Gemv.Multiply(T.One, vt, MatrixOp.None, x, T.Zero, w1);                 // w = Vᵀ·c
                MultiplyTriangular(t, transpose, new MatrixSpan<T>(w1, k, 1));          // w = op(T)·w
                Gemv.Multiply(-T.One, vt, MatrixOp.Transpose, w1, T.One, x);            // c −= V·w
                for (int i = 0; i < m; i++)
                    c[i, 0] = x[i];
            }
            finally
            {
                System.Buffers.ArrayPool<T>.Shared.Return(column);
            }
            return;
        }
        var w = new MatrixSpan<T>(work, k, n);
        Gemm.Multiply(T.One, vt, MatrixOp.None, c, MatrixOp.None, T.Zero, w, parallelism);   // W = Vᵀ·C
        MultiplyTriangular(t, transpose, w);                                                   // W = op(T)·W
        Gemm.Multiply(-T.One, vt, MatrixOp.Transpose, w, MatrixOp.None, T.One, c, parallelism); // C −= V·W
    }

    /// <summary><c>C = C·(I − V·op(T)·Vᵀ)</c>: the block of reflectors applied from the right.</summary>
    /// <param name="vt">Vᵀ (k×n), explicit as for <see cref="FormTriangularFactor{T}"/>.</param>
    /// <param name="t">T from <see cref="FormTriangularFactor{T}"/>.</param>
    /// <param name="transpose">Use op(T) = Tᵀ, i.e. multiply by (H₀…H_{k−1})ᵀ.</param>
    /// <param name="c">The m×n matrix, updated in place.</param>
    /// <param name="work">At least 2·m·k elements.</param>
    /// <param name="parallelism">Threads for the two large GEMMs.</param>
    /// <remarks>Three GEMMs: W = C·V, W·op(T) (k×k, on one thread; T is zero below its diagonal) and C −= (W·op(T))·Vᵀ.
    /// The middle product as a GEMM rather than a loop over the rows of W measured twice as fast for the eigenvector
    /// back-transformation (n = 1024: 173 → 81 ms).</remarks>
    internal static void ApplyBlockRight<T>(ReadOnlyMatrixSpan<T> vt, ReadOnlyMatrixSpan<T> t, bool transpose, MatrixSpan<T> c,
        Span<T> work, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = vt.Rows, m = c.Rows;
        if (k == 0 || m == 0 || c.Columns == 0)
            return;
        var w = new MatrixSpan<T>(work[..(m * k)], m, k);
        var wt = new MatrixSpan<T>(work.Slice(m * k, m * k), m, k);
        MultiplyByV(c, vt, w, parallelism);                                                                          // W = C·V
        Gemm.Multiply(T.One, w, MatrixOp.None, t, transpose ? MatrixOp.Transpose : MatrixOp.None, T.Zero, wt, Parallelism.Sequential); // W·op(T)
        Gemm.Multiply(-T.One, wt, MatrixOp.None, vt, MatrixOp.None, T.One, c, parallelism);                         // C −= W·op(T)·Vᵀ
    }

    /// <summary>Depth of one slice when <see cref="MultiplyByV{T}"/> splits a long product over threads.</summary>
    private const int DepthSlice = 2048;

    /// <summary>Largest W (m·k elements) that <see cref="MultiplyByV{T}"/> computes by depth slices: up to a panel's
    /// 64 trailing columns by 128 reflectors. A larger W has enough tiles for GEMM to split it over threads itself.</summary>
    private const int MaxSlicedOutput = 64 * 128;

    /// <summary><c>W = C·V</c> (C m×L, Vᵀ k×L). For a small W and a long L (a tall QR panel: 32×32 out of 10000-long
    /// columns) a GEMM cannot be split over threads, since it splits only W; here L is cut into fixed slices of
    /// <see cref="DepthSlice"/> whose partial products are computed in parallel and added in slice order. The cut
    /// depends on the shape alone, so the bits do not depend on the thread count.</summary>
    private static unsafe void MultiplyByV<T>(ReadOnlyMatrixSpan<T> c, ReadOnlyMatrixSpan<T> vt, MatrixSpan<T> w, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = c.Rows, k = vt.Rows, length = c.Columns, slices = length / DepthSlice;
        if (slices < 2 || (long)m * k > MaxSlicedOutput)
        {
            Gemm.Multiply(T.One, c, MatrixOp.None, vt, MatrixOp.Transpose, T.Zero, w, parallelism);
            return;
        }
        T[] partials = System.Buffers.ArrayPool<T>.Shared.Rent(slices * m * k);
        try
        {
            fixed (T* pc = c.Span, pv = vt.Span, pp = partials)
            {
                var job = new SlicedProduct<T>
                {
                    C = (nint)pc, CLength = c.Span.Length, CStride = c.RowStride, M = m,
                    Vt = (nint)pv, VtLength = vt.Span.Length, VtStride = vt.RowStride, K = k,
                    Partials = (nint)pp, Length = length, Slices = slices,
                };
                int threads = Math.Min(slices, parallelism.ThreadsFor(2.0 * m * k * length, Gemm.MinFlopsPerThread));
                if (threads <= 1)
                    for (int s = 0; s < slices; s++)
                        job.Run(s);
                else
                    ParallelJob<SlicedProduct<T>>.Run(job, slices, threads);
            }
            var first = new ReadOnlyMatrixSpan<T>(partials.AsSpan(0, m * k), m, k);
            for (int i = 0; i < m; i++)
                first.Row(i).CopyTo(w.Row(i));
            for (int s = 1; s < slices; s++)
            {
                var partial = new ReadOnlyMatrixSpan<T>(partials.AsSpan(s * m * k, m * k), m, k);
                for (int i = 0; i < m; i++)
                    SpanMath.Add<T>(w.Row(i), partial.Row(i), w.Row(i));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(partials);
        }
    }

    /// <summary>Slice s of <see cref="MultiplyByV{T}"/>: its partial product into its own m×k block (the last slice
    /// also takes the remainder of the length).</summary>
    private unsafe struct SlicedProduct<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint C, Vt, Partials;
        public int CLength, CStride, M, VtLength, VtStride, K, Length, Slices;

        public readonly void Run(int slice)
        {
            var c = ReadOnlyMatrixSpan<T>.CreateTrusted(new ReadOnlySpan<T>((void*)C, CLength), M, Length, CStride);
            var vt = ReadOnlyMatrixSpan<T>.CreateTrusted(new ReadOnlySpan<T>((void*)Vt, VtLength), K, Length, VtStride);
            int start = slice * DepthSlice, count = slice == Slices - 1 ? Length - start : DepthSlice;
            var partial = new MatrixSpan<T>(new Span<T>((void*)Partials, Slices * M * K).Slice(slice * M * K, M * K), M, K);
            Gemm.Multiply(T.One, c.Slice(0, start, M, count), MatrixOp.None, vt.Slice(0, start, K, count), MatrixOp.Transpose,
                T.Zero, partial, Parallelism.Sequential);
        }
    }

    /// <summary>W = op(T)·W in place, T upper triangular k×k.</summary>
    private static void MultiplyTriangular<T>(ReadOnlyMatrixSpan<T> t, bool transpose, MatrixSpan<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = t.Rows;
        if (!transpose)
        {
            // Row i of T·W uses rows p ≥ i: go top-down so those rows are still the old ones.
            for (int i = 0; i < k; i++)
            {
                Span<T> wi = w.Row(i);
                SpanMath.Scale(t[i, i], wi);
                for (int p = i + 1; p < k; p++)
                    SpanMath.Axpy(t[i, p], w.Row(p), wi);
            }
        }
        else
        {
            // Row i of Tᵀ·W uses rows p ≤ i: go bottom-up.
            for (int i = k - 1; i >= 0; i--)
            {
                Span<T> wi = w.Row(i);
                SpanMath.Scale(t[i, i], wi);
                for (int p = 0; p < i; p++)
                    SpanMath.Axpy(t[p, i], w.Row(p), wi);
            }
        }
    }
}
