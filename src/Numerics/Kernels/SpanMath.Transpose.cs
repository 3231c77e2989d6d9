using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simd.Numerics.Kernels;

public static partial class SpanMath
{
    /// <summary><c>destination = sourceᵀ</c>.</summary>
    /// <param name="source">An m×n matrix.</param>
    /// <param name="destination">An n×m matrix that receives the transpose; must not overlap <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not match, or the views overlap.</exception>
    /// <remarks>Cache-blocked: 32×32 tiles (8 KiB of doubles each side) keep both the rows read and the rows
    /// written resident in L1, so neither side streams with a large stride. Exact; the stride gaps of
    /// <paramref name="destination"/> are not written.</remarks>
    public static void Transpose<T>(ReadOnlyMatrixSpan<T> source, MatrixSpan<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Rows != source.Columns || destination.Columns != source.Rows)
            ThrowHelper.ThrowShapeMismatch(nameof(destination), $"a {source.Columns}×{source.Rows} matrix", destination.Rows, destination.Columns);
        if (source.Span.Overlaps(destination.Span))
            ThrowHelper.ThrowPartialOverlap(nameof(destination));

        const int Block = 32;
        int m = source.Rows, n = source.Columns;
        int ss = source.RowStride, ds = destination.RowStride;
        if (m == 0 || n == 0)
            return;
        ref T s = ref source.GetReference();
        ref T d = ref destination.GetReference();
        for (int ib = 0; ib < m; ib += Block)
        {
            int iEnd = Math.Min(ib + Block, m);
            for (int jb = 0; jb < n; jb += Block)
            {
                int jEnd = Math.Min(jb + Block, n);
                for (int i = ib; i < iEnd; i++)
                    for (int j = jb; j < jEnd; j++)
                        Unsafe.Add(ref d, (nint)j * ds + i) = Unsafe.Add(ref s, (nint)i * ss + j);
            }
        }
    }
}
