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
    /// <remarks>In strips of 16 source columns (8 when the destination rows lie a multiple of 4 KiB apart), each walked
    /// down the rows: a pass reads the strip's cache lines of every source row and writes its destination rows front
    /// to back. 4×4 blocks of doubles and 8×8 of floats go through register transposes where they fit, single
    /// elements elsewhere. Exact; the stride gaps of <paramref name="destination"/> are not written.</remarks>
    public static void Transpose<T>(ReadOnlyMatrixSpan<T> source, MatrixSpan<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Rows != source.Columns || destination.Columns != source.Rows)
            ThrowHelper.ThrowShapeMismatch(nameof(destination), $"a {source.Columns}×{source.Rows} matrix", destination.Rows, destination.Columns);
        if (source.Span.Overlaps(destination.Span))
            ThrowHelper.ThrowPartialOverlap(nameof(destination));
        TransposeCore(source, destination);
    }

    /// <summary>Source columns per pass of <see cref="TransposeCore{T}"/>: as many destination streams as the
    /// write-combining and prefetch hardware follows, two cache lines of each source row.</summary>
    private const int TransposeStrip = 16;

    /// <summary>Source columns per pass when the destination rows lie a multiple of 4 KiB apart: they then all map to
    /// one set of the 8-way L1, which 16 streams would thrash (a 2048×64 double source: 110–120 µs with 16, 53–66 µs
    /// with 8; a 1024×1024 one 1.10 ms against 0.78–0.87).</summary>
    private const int AliasedTransposeStrip = 8;

    /// <summary><see cref="Transpose{T}"/> without validation: the shapes must match and the views must not overlap.</summary>
    internal static void TransposeCore<T>(ReadOnlyMatrixSpan<T> source, MatrixSpan<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = source.Rows, n = source.Columns, block = RegisterTranspose.BlockSize<T>();
        nint ss = source.RowStride, ds = destination.RowStride;
        if (m == 0 || n == 0)
            return;
        ref T s = ref source.GetReference();
        ref T d = ref destination.GetReference();
        int strip = ds * Unsafe.SizeOf<T>() % 4096 == 0 ? AliasedTransposeStrip : TransposeStrip;
        for (int j0 = 0; j0 < n; j0 += strip)
        {
            int j1 = Math.Min(n, j0 + strip);
            int blockedColumns = block == 0 ? j0 : j0 + (j1 - j0) / block * block;
            int blockedRows = blockedColumns == j0 ? 0 : m / block * block;
            for (int i = 0; i < blockedRows; i += block)
                for (int j = j0; j < blockedColumns; j += block)
                    RegisterTranspose.TransposeBlock(ref Unsafe.Add(ref s, i * ss + j), ss, ref Unsafe.Add(ref d, j * ds + i), ds, T.One);
            if (blockedColumns < j1)
                TransposeElements(ref s, ss, ref d, ds, 0, blockedRows, blockedColumns, j1);
            TransposeElements(ref s, ss, ref d, ds, blockedRows, m, j0, j1);
        }
    }

    /// <summary>d[j, i] = s[i, j] for i in [i0, i1), j in [j0, j1), one element at a time.</summary>
    private static void TransposeElements<T>(ref T s, nint ss, ref T d, nint ds, int i0, int i1, int j0, int j1)
    {
        for (int i = i0; i < i1; i++)
        {
            ref T row = ref Unsafe.Add(ref s, i * ss);
            for (int j = j0; j < j1; j++)
                Unsafe.Add(ref d, j * ds + i) = Unsafe.Add(ref row, j);
        }
    }
}
