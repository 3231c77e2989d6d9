using System;
using System.Buffers;
using System.Numerics;

namespace Simd.Numerics.Factorizations;

/// <summary>Matrix norms that the condition estimates need.</summary>
internal static class MatrixNorms
{
    /// <summary>maxⱼ Σᵢ |A[i, j]|, accumulated row by row so that A is read in storage order; NaN propagates.</summary>
    public static T OneNorm<T>(ReadOnlyMatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.IsEmpty)
            return T.Zero;
        T[] buffer = ArrayPool<T>.Shared.Rent(a.Columns);
        try
        {
            Span<T> sums = buffer.AsSpan(0, a.Columns);
            sums.Clear();
            for (int i = 0; i < a.Rows; i++)
            {
                ReadOnlySpan<T> row = a.Row(i);
                for (int j = 0; j < row.Length; j++)
                    sums[j] += T.Abs(row[j]);
            }
            return MaxPropagatingNaN(sums);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>‖A‖₁ of the symmetric matrix whose lower triangle <paramref name="a"/> holds (the strict upper triangle is not read).</summary>
    public static T SymmetricOneNorm<T>(ReadOnlyMatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n == 0)
            return T.Zero;
        T[] buffer = ArrayPool<T>.Shared.Rent(n);
        try
        {
            Span<T> sums = buffer.AsSpan(0, n);
            sums.Clear();
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<T> row = a.Row(i);
                T rowSum = T.Zero;
                for (int j = 0; j < i; j++)
                {
                    T v = T.Abs(row[j]);
                    sums[j] += v; // A[i, j] in column j
                    rowSum += v;  // A[j, i] = A[i, j] in column i
                }
                sums[i] += rowSum + T.Abs(row[i]);
            }
            return MaxPropagatingNaN(sums);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    private static T MaxPropagatingNaN<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.Zero;
        foreach (T v in values)
        {
            if (T.IsNaN(v))
                return v;
            if (v > max)
                max = v;
        }
        return max;
    }
}
