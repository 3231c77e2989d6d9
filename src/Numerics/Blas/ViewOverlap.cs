using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simd.Numerics.Blas;

/// <summary>Exact element-level overlap test for two row-major views (spans of blocks that share rows interleave
/// without sharing elements, so <see cref="MemoryExtensions.Overlaps{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/> is too coarse).</summary>
internal static class ViewOverlap
{
    /// <summary>True when the two views have an element in common. Views with different strides whose spans overlap
    /// are reported as sharing (conservative).</summary>
    public static bool SharesElements<T>(ReadOnlyMatrixSpan<T> a, ReadOnlyMatrixSpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.IsEmpty || b.IsEmpty || !a.Span.Overlaps(b.Span))
            return false;
        if (a.RowStride != b.RowStride)
            return true;
        long s = a.RowStride;
        long offset = (long)Unsafe.ByteOffset(ref a.GetReference(), ref b.GetReference()) / Unsafe.SizeOf<T>();
        // b's element (0, 0) sits at a's grid position (r, c) with 0 ≤ c < s; its rows may wrap once past the stride.
        long r = Math.DivRem(offset, s, out long c);
        if (c < 0)
        {
            c += s;
            r -= 1;
        }
        return Intersects(r, r + b.Rows, c, Math.Min(c + b.Columns, s), a.Rows, a.Columns)
            || (c + b.Columns > s && Intersects(r + 1, r + 1 + b.Rows, 0, c + b.Columns - s, a.Rows, a.Columns));
    }

    private static bool Intersects(long r0, long r1, long c0, long c1, int rows, int columns) =>
        r0 < rows && r1 > 0 && c0 < columns && c1 > 0 && r0 < r1 && c0 < c1;
}
