using System;
using System.Buffers;
using System.Numerics;

namespace Simd.Numerics.Blas;

/// <summary>Symmetric rank-2k update <c>C = α·(op(A)·op(B)ᵀ + op(B)·op(A)ᵀ) + β·C</c> on one triangle of C (BLAS xSYR2K).</summary>
public static class Syr2k
{
    /// <summary><c>C = α·(A·Bᵀ + B·Aᵀ) + β·C</c>, or <c>α·(Aᵀ·B + Bᵀ·A) + β·C</c> when <paramref name="op"/> is
    /// <see cref="MatrixOp.Transpose"/>, computing and writing only the <paramref name="part"/> triangle of C.</summary>
    /// <param name="alpha">The scale α of the products.</param>
    /// <param name="a">The matrix A; op(A) is n×k.</param>
    /// <param name="b">The matrix B, the same shape as A.</param>
    /// <param name="op"><see cref="MatrixOp.None"/> when A and B are n×k, <see cref="MatrixOp.Transpose"/> when they are k×n.</param>
    /// <param name="beta">The scale β of the previous C; when β = 0, C is not read.</param>
    /// <param name="c">On entry, the n×n matrix C (only <paramref name="part"/> is read, and only when β ≠ 0); on exit,
    /// that triangle holds the result and the other strict triangle is untouched. Must not share an element with A or B.</param>
    /// <param name="part">The triangle of C to update.</param>
    /// <param name="parallelism">How many threads the update may use.</param>
    /// <exception cref="ArgumentException">A and B differ in shape, C is not n×n, or C shares an element with A or B.</exception>
    /// <remarks>2·n·(n+1)·k flops, half of two GEMMs: one pass of the packed GEMM driver over the depth-2k product
    /// [A B]·[B A]ᵀ (A and B copied side by side into a pooled buffer), skipping every register tile outside the
    /// triangle as <see cref="Syrk"/> does. Same NaN, β = 0 and
    /// determinism contract as <see cref="Gemm"/>: bitwise identical for every <paramref name="parallelism"/>.
    /// Equivalent to BLAS xSYR2K (row-major). The trailing update of the band reduction in the symmetric
    /// eigensolver is one such call.</remarks>
    public static void Update<T>(T alpha, ReadOnlyMatrixSpan<T> a, ReadOnlyMatrixSpan<T> b, MatrixOp op, T beta, MatrixSpan<T> c,
        TriangularPart part, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool transposed = op == MatrixOp.Transpose;
        int n = transposed ? a.Columns : a.Rows, k = transposed ? a.Rows : a.Columns;
        if (b.Rows != a.Rows || b.Columns != a.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(b), $"a {a.Rows}×{a.Columns} matrix (the shape of a)", b.Rows, b.Columns);
        if (c.Rows != n || c.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(c), $"a {n}×{n} matrix (op(A) is {n}×{k})", c.Rows, c.Columns);
        if (ViewOverlap.SharesElements(c, a) || ViewOverlap.SharesElements(c, b))
            ThrowHelper.ThrowSharesElements(nameof(c));
        if (n == 0)
            return;
        if (alpha == T.Zero || k == 0)
        {
            Syrk.ScaleTriangle(beta, c, part);
            return;
        }

        // One pass of the driver with depth 2k instead of two passes of depth k: C is read and written once.
        // [A | B | A] side by side (or stacked, for op = Transpose) holds both [A B] and [B A] as views:
        // [A B]·[B A]ᵀ = A·Bᵀ + B·Aᵀ. The copy is 3·n·k elements against 2·n²·k flops.
        int threads = parallelism.ThreadsFor(2.0 * n * (n + 1) * k, Gemm.MinFlopsPerThread);
        T[] buffer = ArrayPool<T>.Shared.Rent(3 * n * k);
        try
        {
            MatrixSpan<T> abaView = transposed
                ? new MatrixSpan<T>(buffer.AsSpan(0, 3 * n * k), 3 * k, n)
                : new MatrixSpan<T>(buffer.AsSpan(0, 3 * n * k), n, 3 * k);
            for (int part3 = 0; part3 < 3; part3++)
            {
                ReadOnlyMatrixSpan<T> source = part3 == 1 ? b : a;
                MatrixSpan<T> target = transposed ? abaView.Slice(part3 * k, 0, k, n) : abaView.Slice(0, part3 * k, n, k);
                for (int i = 0; i < source.Rows; i++)
                    source.Row(i).CopyTo(target.Row(i));
            }
            ReadOnlyMatrixSpan<T> x = transposed ? abaView.Slice(0, 0, 2 * k, n) : abaView.Slice(0, 0, n, 2 * k);
            ReadOnlyMatrixSpan<T> y = transposed ? abaView.Slice(k, 0, 2 * k, n) : abaView.Slice(0, k, n, 2 * k);
            Syrk.TriangleProduct(alpha, x, y, transposed, beta, c, part == TriangularPart.Lower ? GemmTriangle.Lower : GemmTriangle.Upper, threads);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }
}
