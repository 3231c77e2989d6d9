using System;
using System.Buffers;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Blas;

/// <summary>General matrix multiply <c>C = α·op(A)·op(B) + β·C</c> (BLAS xGEMM).</summary>
public static class Gemm
{
    /// <summary><c>C = α·op(A)·op(B) + β·C</c>, where op(X) is X or Xᵀ.</summary>
    /// <param name="alpha">The scale α of the product.</param>
    /// <param name="a">The matrix A; op(A) is m×k.</param>
    /// <param name="opA">Whether to use A or Aᵀ.</param>
    /// <param name="b">The matrix B; op(B) is k×n.</param>
    /// <param name="opB">Whether to use B or Bᵀ.</param>
    /// <param name="beta">The scale β of the previous C.</param>
    /// <param name="c">On entry, the m×n matrix C (not read when β = 0); on exit, the result. Must not overlap A or B.</param>
    /// <param name="parallelism">How many threads the product may use.</param>
    /// <exception cref="ArgumentException">The shapes of op(A), op(B) and C do not agree, or C overlaps an input.</exception>
    /// <remarks>
    /// BLAS semantics: when β = 0, C is never read, so NaN or garbage there cannot leak; when α = 0 or k = 0,
    /// only β·C is computed (A and B are not read). NaN and ∞ in A or B propagate as IEEE arithmetic dictates.
    /// Each element is a sum over k whose order depends only on the shape and the vector width, never on
    /// <paramref name="parallelism"/>: results are bitwise identical for every thread count.
    /// 2·m·n·k flops. Equivalent to BLAS xGEMM (row-major).
    /// </remarks>
    public static void Multiply<T>(T alpha, ReadOnlyMatrixSpan<T> a, MatrixOp opA, ReadOnlyMatrixSpan<T> b, MatrixOp opB,
        T beta, MatrixSpan<T> c, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool ta = opA == MatrixOp.Transpose, tb = opB == MatrixOp.Transpose;
        int m = ta ? a.Columns : a.Rows, k = ta ? a.Rows : a.Columns;
        int kb = tb ? b.Columns : b.Rows, n = tb ? b.Rows : b.Columns;
        if (kb != k)
            throw new ArgumentException(
                $"op(A) is {m}×{k} but op(B) is {kb}×{n}: the inner dimensions differ.", nameof(b));
        if (c.Rows != m || c.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(c), $"a {m}×{n} matrix (op(A) is {m}×{k}, op(B) is {k}×{n})", c.Rows, c.Columns);
        if (c.Span.Overlaps(a.Span) || c.Span.Overlaps(b.Span))
            ThrowHelper.ThrowPartialOverlap(nameof(c));
        _ = parallelism;

        if (m == 0 || n == 0)
            return;
        if (alpha == T.Zero || k == 0)
        {
            for (int i = 0; i < m; i++)
                Gemv.ScaleOrClear(beta, c.Row(i));
            return;
        }

        // Row-oriented product: row i of C gathers row i of op(A) once, then is built either from
        // scaled rows of B (axpy) or from dot products with the rows of Bᵀ.
        T[] rowBuffer = ArrayPool<T>.Shared.Rent(k);
        try
        {
            Span<T> aRow = rowBuffer.AsSpan(0, k);
            for (int i = 0; i < m; i++)
            {
                if (ta)
                    for (int p = 0; p < k; p++)
                        aRow[p] = a[p, i];
                else
                    a.Row(i).CopyTo(aRow);

                Span<T> cRow = c.Row(i);
                if (tb)
                {
                    for (int j = 0; j < n; j++)
                    {
                        T dot = alpha * SpanMath.Dot<T>(aRow, b.Row(j));
                        cRow[j] = beta == T.Zero ? dot : dot + beta * cRow[j];
                    }
                }
                else
                {
                    Gemv.ScaleOrClear(beta, cRow);
                    for (int p = 0; p < k; p++)
                        SpanMath.Axpy(alpha * aRow[p], b.Row(p), cRow);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rowBuffer);
        }
    }

    /// <summary><c>C = A·B</c>.</summary>
    /// <param name="a">The m×k matrix A.</param>
    /// <param name="b">The k×n matrix B.</param>
    /// <param name="c">Receives the m×n product; not read. Must not overlap A or B.</param>
    /// <param name="parallelism">How many threads the product may use.</param>
    /// <exception cref="ArgumentException">The shapes do not agree, or C overlaps an input.</exception>
    /// <remarks>Shorthand for <see cref="Multiply{T}(T, ReadOnlyMatrixSpan{T}, MatrixOp, ReadOnlyMatrixSpan{T}, MatrixOp, T, MatrixSpan{T}, Parallelism)"/>
    /// with α = 1, β = 0 and no transposes.</remarks>
    public static void Multiply<T>(ReadOnlyMatrixSpan<T> a, ReadOnlyMatrixSpan<T> b, MatrixSpan<T> c, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Multiply(T.One, a, MatrixOp.None, b, MatrixOp.None, T.Zero, c, parallelism);

    /// <summary>Returns the new matrix <c>A·B</c>.</summary>
    /// <param name="a">The m×k matrix A.</param>
    /// <param name="b">The k×n matrix B.</param>
    /// <param name="parallelism">How many threads the product may use.</param>
    /// <exception cref="ArgumentNullException">An operand is null.</exception>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public static Matrix<T> Multiply<T>(Matrix<T> a, Matrix<T> b, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = new Matrix<T>(a.Rows, b.Columns);
        Multiply(a.AsReadOnlySpan(), b.AsReadOnlySpan(), c.AsSpan(), parallelism);
        return c;
    }
}
