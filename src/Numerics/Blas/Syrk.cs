using System;
using System.Numerics;

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
    /// on exit, that triangle holds the result and the other strict triangle is untouched. Must not overlap A.</param>
    /// <param name="part">The triangle of C to update.</param>
    /// <param name="parallelism">How many threads the update may use.</param>
    /// <exception cref="ArgumentException">C is not n×n for op(A) n×k, or C overlaps A.</exception>
    /// <remarks>n·(n+1)·k flops: half of the equivalent GEMM. Same NaN, β = 0 and determinism contract as
    /// <see cref="Gemm"/>. Equivalent to BLAS xSYRK (row-major).</remarks>
    public static void Update<T>(T alpha, ReadOnlyMatrixSpan<T> a, MatrixOp opA, T beta, MatrixSpan<T> c,
        TriangularPart part, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool ta = opA == MatrixOp.Transpose;
        int n = ta ? a.Columns : a.Rows, k = ta ? a.Rows : a.Columns;
        if (c.Rows != n || c.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(c), $"a {n}×{n} matrix (op(A) is {n}×{k})", c.Rows, c.Columns);
        if (c.Span.Overlaps(a.Span))
            ThrowHelper.ThrowPartialOverlap(nameof(c));
        _ = parallelism;

        // Row i of the triangle is the block C[i, j0..j1) = α·op(A)[i, :]·op(A)[j0..j1, :]ᵀ + β·C[i, j0..j1):
        // one GEMM per row keeps this simple reference-speed version exactly on the GEMM contract.
        for (int i = 0; i < n; i++)
        {
            int j0 = part == TriangularPart.Lower ? 0 : i, count = part == TriangularPart.Lower ? i + 1 : n - i;
            ReadOnlyMatrixSpan<T> rowI = ta ? a.Slice(0, i, k, 1) : a.Slice(i, 0, 1, k);
            ReadOnlyMatrixSpan<T> rowsJ = ta ? a.Slice(0, j0, k, count) : a.Slice(j0, 0, count, k);
            Gemm.Multiply(alpha, rowI, opA, rowsJ, ta ? MatrixOp.None : MatrixOp.Transpose, beta, c.Slice(i, j0, 1, count), Parallelism.Sequential);
        }
    }
}
