using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simd.Numerics.Blas;

/// <summary>Symmetric rank-k update <c>C = α·op(A)·op(A)ᵀ + β·C</c> on one triangle of C (BLAS xSYRK).</summary>
public static class Syrk
{
    /// <summary><c>C = α·A·Aᵀ + β·C</c> (or <c>α·Aᵀ·A + β·C</c> when <paramref name="opA"/> is
    /// <see cref="MatrixOp.Transpose"/>), computing and writing only the <paramref name="part"/> triangle of C.</summary>
    /// <param name="alpha">The scale α of the product.</param>
    /// <param name="a">The matrix A; op(A) is n×k.</param>
    /// <param name="opA"><see cref="MatrixOp.None"/> for A·Aᵀ, <see cref="MatrixOp.Transpose"/> for Aᵀ·A.</param>
    /// <param name="beta">The scale β of the previous C; when β = 0, C is not read.</param>
    /// <param name="c">On entry, the n×n matrix C (only <paramref name="part"/> is read, and only when β ≠ 0);
    /// on exit, that triangle holds the result and the other strict triangle is untouched. Must not share an element with A (a disjoint block of the same matrix is fine).</param>
    /// <param name="part">The triangle of C to update.</param>
    /// <param name="parallelism">How many threads the update may use.</param>
    /// <exception cref="ArgumentException">C is not n×n for op(A) n×k, or C shares an element with A.</exception>
    /// <remarks>n·(n+1)·k flops: half of the equivalent GEMM. It runs on the packed GEMM driver and micro-kernels with
    /// B = op(A)ᵀ and skips every register tile outside the triangle; tiles crossing the diagonal are computed in a
    /// scratch tile and only their triangle part is written. Threads split the rows so that each gets an equal
    /// area of the triangle. Same NaN, β = 0 and determinism contract as <see cref="Gemm"/> (bitwise identical for
    /// every <paramref name="parallelism"/>). Equivalent to BLAS xSYRK (row-major).</remarks>
    public static void Update<T>(T alpha, ReadOnlyMatrixSpan<T> a, MatrixOp opA, T beta, MatrixSpan<T> c,
        TriangularPart part, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool ta = opA == MatrixOp.Transpose;
        int n = ta ? a.Columns : a.Rows, k = ta ? a.Rows : a.Columns;
        if (c.Rows != n || c.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(c), $"a {n}×{n} matrix (op(A) is {n}×{k})", c.Rows, c.Columns);
        if (ViewOverlap.SharesElements(c, a))
            ThrowHelper.ThrowSharesElements(nameof(c));
        if (n == 0)
            return;
        if (alpha == T.Zero || k == 0)
        {
            ScaleTriangle(beta, c, part);
            return;
        }

        // The GEMM driver with B = op(A)ᵀ, visiting only the tiles that touch the triangle (diagonal tiles go through
        // the scratch tile and are written inside the triangle only), so the work is n·(n+1)·k plus a thin band.
        TriangleProduct(alpha, a, a, ta, beta, c, part == TriangularPart.Lower ? GemmTriangle.Lower : GemmTriangle.Upper,
            parallelism.ThreadsFor((double)n * (n + 1) * k, Gemm.MinFlopsPerThread));
    }

    /// <summary>β·C on one triangle (C not read when β = 0): a rank update with α = 0 or k = 0.</summary>
    internal static void ScaleTriangle<T>(T beta, MatrixSpan<T> c, TriangularPart part)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < c.Rows; i++)
        {
            Span<T> row = c.Row(i);
            Gemv.ScaleOrClear(beta, part == TriangularPart.Lower ? row[..(i + 1)] : row[i..]);
        }
    }

    /// <summary>One triangle of <c>α·op(X)·op(Y)ᵀ + β·C</c> on the GEMM driver (op(X), op(Y) n×k; X = Y for SYRK).</summary>
    internal static void TriangleProduct<T>(T alpha, ReadOnlyMatrixSpan<T> x, ReadOnlyMatrixSpan<T> y, bool transposed, T beta,
        MatrixSpan<T> c, GemmTriangle triangle, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = c.Rows, k = transposed ? x.Rows : x.Columns;
        GemmProblem<T> problem = default;
        problem.M = n;
        problem.N = n;
        problem.K = k;
        problem.Alpha = alpha;
        problem.Beta = beta;
        problem.RowStrideA = transposed ? 1 : x.RowStride;
        problem.ColumnStrideA = transposed ? x.RowStride : 1;
        problem.RowStrideB = transposed ? y.RowStride : 1;
        problem.ColumnStrideB = transposed ? 1 : y.RowStride;
        problem.RowStrideC = c.RowStride;
        problem.Triangle = triangle;
        // A small or narrow row-major op(Y)ᵀ stays in L2 and is read without packing.
        problem.BInPlace = transposed && ((long)n * k * Unsafe.SizeOf<T>() <= 128 * 1024 || n <= 96);
        Gemm.Run(ref problem, x.Span, y.Span, c.Span, threads);
    }
}
