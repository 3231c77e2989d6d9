using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// In-place triangular inversion (LAPACK xTRTRI) and the product L⁻ᵀ·L⁻¹ (LAPACK xLAUUM), recursive so that their
/// flops run in <see cref="Gemm"/>, <see cref="Syrk"/> and <see cref="TriangularSolve"/>. Lower triangles only.
/// </summary>
internal static class TriangularInverse
{
    private const int Threshold = TriangularSolve.RecursionThreshold;

    private static int Split(int n) => n >= 2 * Threshold ? (n / 2 + 15) / 16 * 16 : n / 2;

    /// <summary>Overwrites the lower triangle L of <paramref name="a"/> with L⁻¹ (the strict upper triangle is not touched;
    /// with <paramref name="unit"/> the diagonal is neither read nor written). n³/3 flops.</summary>
    public static void InvertLower<T>(MatrixSpan<T> a, bool unit, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n <= Threshold)
        {
            InvertLowerUnblocked(a, unit);
            return;
        }
        // [L11 0; L21 L22]⁻¹ = [L11⁻¹ 0; −L22⁻¹·L21·L11⁻¹ L22⁻¹].
        int n1 = Split(n), n2 = n - n1;
        MatrixSpan<T> l11 = a.Slice(0, 0, n1, n1), l21 = a.Slice(n1, 0, n2, n1), l22 = a.Slice(n1, n1, n2, n2);
        Diagonal diagonal = unit ? Diagonal.Unit : Diagonal.NonUnit;
        TriangularSolve.SolveCore(Side.Right, TriangularPart.Lower, MatrixOp.None, diagonal, l11, l21, parallelism);
        TriangularSolve.SolveCore(Side.Left, TriangularPart.Lower, MatrixOp.None, diagonal, l22, l21, parallelism);
        for (int i = 0; i < n2; i++)
            SpanMath.Scale(-T.One, l21.Row(i));
        InvertLower(l11, unit, parallelism);
        InvertLower(l22, unit, parallelism);
    }

    /// <summary>Row by row: X[i, j] = −(Σ_{k=j}^{i−1} L[i, k]·X[k, j]) / L[i, i], for j ascending so that each
    /// L[i, j] is read before X[i, j] replaces it.</summary>
    private static void InvertLowerUnblocked<T>(MatrixSpan<T> a, bool unit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        for (int i = 0; i < n; i++)
        {
            Span<T> row = a.Row(i);
            T inverseDiagonal = unit ? T.One : T.One / row[i];
            for (int j = 0; j < i; j++)
            {
                // X[j, j] = 1 for a unit triangle, 1/L[j, j] (already stored) otherwise.
                T sum = unit ? row[j] : row[j] * a[j, j];
                for (int k = j + 1; k < i; k++)
                    sum += row[k] * a[k, j];
                row[j] = -sum * inverseDiagonal;
            }
            if (!unit)
                row[i] = inverseDiagonal;
        }
    }

    /// <summary>Overwrites the lower triangle X of <paramref name="a"/> with the lower triangle of Xᵀ·X
    /// (the strict upper triangle is not touched). n³/3 flops.</summary>
    public static void LowerTransposeTimesLower<T>(MatrixSpan<T> a, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n <= Threshold)
        {
            LauumUnblocked(a);
            return;
        }
        // [X11 0; X21 X22]ᵀ·[X11 0; X21 X22] = [X11ᵀX11 + X21ᵀX21, ·; X22ᵀX21, X22ᵀX22].
        int n1 = Split(n), n2 = n - n1;
        MatrixSpan<T> x11 = a.Slice(0, 0, n1, n1), x21 = a.Slice(n1, 0, n2, n1), x22 = a.Slice(n1, n1, n2, n2);
        LowerTransposeTimesLower(x11, parallelism);
        Syrk.Update(T.One, x21, MatrixOp.Transpose, T.One, x11, TriangularPart.Lower, parallelism);
        MultiplyByLowerTransposed(x22, x21, parallelism);
        LowerTransposeTimesLower(x22, parallelism);
    }

    /// <summary>Row i of the result is Σ_{k≥i} X[k, i]·X[k, 0..i]; rows below i are still X when row i is formed.</summary>
    private static void LauumUnblocked<T>(MatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        for (int i = 0; i < n; i++)
        {
            Span<T> row = a.Row(i)[..(i + 1)];
            SpanMath.Scale(row[i], row);
            for (int k = i + 1; k < n; k++)
                SpanMath.Axpy(a[k, i], a.Row(k)[..(i + 1)], row);
        }
    }

    /// <summary>Columns of B per unit of the split of <see cref="MultiplyByLowerTransposed{T}"/> over threads: a multiple
    /// of every leaf strip (four vectors of up to 16 elements). The GEMM sums and the leaf chains do not depend on where
    /// a slice starts (only on the depth), so neither does any bit of the result.</summary>
    private const int SliceGranule = 64;

    /// <summary>B ← Lᵀ·B in place (BLAS xTRMM, left, lower, transposed, non-unit), L lower. The columns of B are
    /// independent: with several threads they are cut into contiguous slices of whole <see cref="SliceGranule"/> units,
    /// each multiplied sequentially (leaves and GEMMs) by one thread, so the result is bitwise the same for every
    /// thread count.</summary>
    private static unsafe void MultiplyByLowerTransposed<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.Rows, columns = b.Columns;
        int threads = parallelism.ThreadsFor((double)m * m * columns, Gemm.MinFlopsPerThread);
        int parts = Math.Min(threads, columns / SliceGranule);
        if (parts > 1 && m > Threshold)
        {
            fixed (T* pl = l.Span, pb = b.Span)
            {
                var work = new SlicedTrmm<T>
                {
                    L = (nint)pl, LLength = l.Span.Length, Order = m, LStride = l.RowStride,
                    B = (nint)pb, BLength = b.Span.Length, BColumns = columns, BStride = b.RowStride, Parts = parts,
                };
                ParallelJob<SlicedTrmm<T>>.Run(work, parts, parts);
            }
            return;
        }
        MultiplyByLowerTransposedSequential(l, b, parallelism);
    }

    private unsafe struct SlicedTrmm<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint L, B;
        public int LLength, Order, LStride, BLength, BColumns, BStride, Parts;

        public readonly void Run(int part)
        {
            var l = ReadOnlyMatrixSpan<T>.CreateTrusted(new ReadOnlySpan<T>((void*)L, LLength), Order, Order, LStride);
            var b = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)B, BLength), Order, BColumns, BStride);
            int units = (BColumns + SliceGranule - 1) / SliceGranule;
            int s0 = Math.Min(BColumns, units * part / Parts * SliceGranule);
            int s1 = part == Parts - 1 ? BColumns : Math.Min(BColumns, units * (part + 1) / Parts * SliceGranule);
            if (s1 > s0)
                MultiplyByLowerTransposedSequential(l, b.Slice(0, s0, Order, s1 - s0), Parallelism.Sequential);
        }
    }

    private static void MultiplyByLowerTransposedSequential<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.Rows;
        if (m <= Threshold)
        {
            MultiplyByLowerTransposedLeaf(l, b);
            return;
        }
        // [L11ᵀ L21ᵀ; 0 L22ᵀ]·[B1; B2] = [L11ᵀB1 + L21ᵀB2; L22ᵀB2].
        int m1 = Split(m), m2 = m - m1;
        MatrixSpan<T> b1 = b.SliceRows(0, m1), b2 = b.SliceRows(m1, m2);
        MultiplyByLowerTransposedSequential(l.Slice(0, 0, m1, m1), b1, parallelism);
        Gemm.Multiply(T.One, l.Slice(m1, 0, m2, m1), MatrixOp.Transpose, b2, MatrixOp.None, T.One, b1, parallelism);
        MultiplyByLowerTransposedSequential(l.Slice(m1, m1, m2, m2), b2, parallelism);
    }

    /// <summary>B ← Lᵀ·B for at most <see cref="Threshold"/> rows: row i of the product is
    /// L[i, i]·B[i, :] + Σ_{k&gt;i} L[k, i]·B[k, :], formed top-down (rows below i are still the input).</summary>
    /// <remarks>B is swept in strips of four vectors copied to a contiguous block (rows a power-of-two stride apart
    /// would share L1 sets), each coefficient broadcast once per four FMAs; every element is the same chain of
    /// fused multiply-adds in every strip and in the scalar tail.</remarks>
    [SkipLocalsInit]
    private static void MultiplyByLowerTransposedLeaf<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.Rows, n = b.Columns;
        Span<T> coefficients = stackalloc T[m * m];
        for (int i = 0; i < m; i++)
            for (int k = i; k < m; k++)
                coefficients[i * m + k] = l[k, i];
        int start = 0;
        if (Vector512Ops<T>.IsAccelerated)
            start = TrmmStrips<T, Vector512<T>, Vector512Ops<T>>(coefficients, b);
        else if (Vector256Ops<T>.IsAccelerated)
            start = TrmmStrips<T, Vector256<T>, Vector256Ops<T>>(coefficients, b);
        else if (Vector128Ops<T>.IsAccelerated)
            start = TrmmStrips<T, Vector128<T>, Vector128Ops<T>>(coefficients, b);
        for (int c = start; c < n; c++)
            for (int i = 0; i < m; i++)
            {
                T x = coefficients[i * m + i] * b[i, c];
                for (int k = i + 1; k < m; k++)
                    x = T.MultiplyAddEstimate(coefficients[i * m + k], b[k, c], x);
                b[i, c] = x;
            }
    }

    [SkipLocalsInit]
    private static int TrmmStrips<T, TVec, TOps>(ReadOnlySpan<T> coefficients, MatrixSpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int m = b.Rows, n = b.Columns, w = TOps.Count, sw = 4 * w;
        Span<T> strip = stackalloc T[Threshold * 4 * Vector512<byte>.Count / 4];
        nint stride = b.RowStride;
        ref T b0 = ref b.GetReference();
        ref T p0 = ref MemoryMarshal.GetReference(strip);
        ref T c0 = ref MemoryMarshal.GetReference(coefficients);
        int c = 0;
        for (; c + w <= n; c += sw)
        {
            int width = c + sw <= n ? sw : w;
            for (int i = 0; i < m; i++)
            {
                ref T src = ref Unsafe.Add(ref b0, i * stride + c);
                for (int v = 0; v < width; v += w)
                    TOps.Store(TOps.Load(ref src, (nuint)v), ref p0, (nuint)(i * sw + v));
            }
            for (int i = 0; i < m; i++)
            {
                ref T pi = ref Unsafe.Add(ref p0, i * sw);
                ref T ci = ref Unsafe.Add(ref c0, i * m);
                TVec d = TOps.Broadcast(Unsafe.Add(ref ci, i));
                if (width == sw)
                {
                    TVec x0 = TOps.Multiply(d, TOps.Load(ref pi, 0)), x1 = TOps.Multiply(d, TOps.Load(ref pi, (nuint)w));
                    TVec x2 = TOps.Multiply(d, TOps.Load(ref pi, (nuint)(2 * w))), x3 = TOps.Multiply(d, TOps.Load(ref pi, (nuint)(3 * w)));
                    for (int k = i + 1; k < m; k++)
                    {
                        TVec coefficient = TOps.Broadcast(Unsafe.Add(ref ci, k));
                        ref T pk = ref Unsafe.Add(ref p0, k * sw);
                        x0 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pk, 0), x0);
                        x1 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pk, (nuint)w), x1);
                        x2 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pk, (nuint)(2 * w)), x2);
                        x3 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pk, (nuint)(3 * w)), x3);
                    }
                    TOps.Store(x0, ref pi, 0);
                    TOps.Store(x1, ref pi, (nuint)w);
                    TOps.Store(x2, ref pi, (nuint)(2 * w));
                    TOps.Store(x3, ref pi, (nuint)(3 * w));
                }
                else
                {
                    TVec x0 = TOps.Multiply(d, TOps.Load(ref pi, 0));
                    for (int k = i + 1; k < m; k++)
                        x0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref ci, k)), TOps.Load(ref p0, (nuint)(k * sw)), x0);
                    TOps.Store(x0, ref pi, 0);
                }
            }
            for (int i = 0; i < m; i++)
            {
                ref T dst = ref Unsafe.Add(ref b0, i * stride + c);
                for (int v = 0; v < width; v += w)
                    TOps.Store(TOps.Load(ref p0, (nuint)(i * sw + v)), ref dst, (nuint)v);
            }
            c += width - sw;
        }
        return c;
    }
}
