using System;
using System.Buffers;
using System.Numerics;

namespace Simd.Numerics.Blas;

/// <summary>
/// GEMM and SYRK calls for the blocked factorizations, whose operands are disjoint blocks of one matrix.
/// </summary>
/// <remarks>
/// In a row-major matrix two disjoint blocks that share rows (A₂₁ and A₂₂ of a trailing update, say) have
/// interleaved spans, which the public <see cref="Gemm.Multiply{T}(T, ReadOnlyMatrixSpan{T}, MatrixOp, ReadOnlyMatrixSpan{T}, MatrixOp, T, MatrixSpan{T}, Parallelism)"/>
/// rightly rejects as a possible overlap. These helpers copy such an operand into a pooled contiguous buffer
/// first: an O(size of the operand) copy in front of an O(size · k) product, i.e. the same traffic a packing
/// GEMM spends anyway. Callers guarantee that the blocks do not share elements.
/// </remarks>
internal static class Level3
{
    /// <summary><c>C = α·op(A)·op(B) + β·C</c> where A or B may be a block of the same matrix as C (but disjoint from it).</summary>
    public static void Gemm<T>(T alpha, ReadOnlyMatrixSpan<T> a, MatrixOp opA, ReadOnlyMatrixSpan<T> b, MatrixOp opB,
        T beta, MatrixSpan<T> c, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.IsEmpty)
            return;
        T[]? aBuffer = null, bBuffer = null;
        try
        {
            if (!a.IsEmpty && c.Span.Overlaps(a.Span))
                a = Copy(a, aBuffer = Rent(a));
            if (!b.IsEmpty && c.Span.Overlaps(b.Span))
                b = Copy(b, bBuffer = Rent(b));
            Blas.Gemm.Multiply(alpha, a, opA, b, opB, beta, c, parallelism);
        }
        finally
        {
            if (aBuffer is not null)
                ArrayPool<T>.Shared.Return(aBuffer);
            if (bBuffer is not null)
                ArrayPool<T>.Shared.Return(bBuffer);
        }
    }

    /// <summary><c>C = α·op(A)·op(A)ᵀ + β·C</c> on one triangle, where A may be a block of the same matrix as C.</summary>
    public static void Syrk<T>(T alpha, ReadOnlyMatrixSpan<T> a, MatrixOp opA, T beta, MatrixSpan<T> c,
        TriangularPart part, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.IsEmpty)
            return;
        T[]? aBuffer = null;
        try
        {
            if (!a.IsEmpty && c.Span.Overlaps(a.Span))
                a = Copy(a, aBuffer = Rent(a));
            Blas.Syrk.Update(alpha, a, opA, beta, c, part, parallelism);
        }
        finally
        {
            if (aBuffer is not null)
                ArrayPool<T>.Shared.Return(aBuffer);
        }
    }

    private static T[] Rent<T>(ReadOnlyMatrixSpan<T> source)
        where T : unmanaged, IFloatingPointIeee754<T> => ArrayPool<T>.Shared.Rent(source.Rows * source.Columns);

    private static ReadOnlyMatrixSpan<T> Copy<T>(ReadOnlyMatrixSpan<T> source, T[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = source.Rows * source.Columns;
        var copy = MatrixSpan<T>.CreateTrusted(buffer.AsSpan(0, length), source.Rows, source.Columns, source.Columns);
        source.CopyTo(copy);
        return copy;
    }
}
