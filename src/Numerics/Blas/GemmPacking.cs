using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Blas;

/// <summary>Packing of op(A) blocks into Mr-row micro-panels and op(B) slabs into Nr-column micro-panels (BLIS
/// <c>packm</c>). Packing absorbs transposes and strides, folds α into A, and zero-pads partial micro-panels so the
/// kernel only ever sees full tiles.</summary>
internal static class GemmPacking
{

    /// <summary>Packs the mc×kc block of op(A) at (i0, p0) into <paramref name="destination"/>: micro-panel r (rows
    /// r·mr..r·mr+mr−1) starts at <c>r·mr·kc</c> and stores, for each p, its mr values scaled by α.</summary>
    public static void PackA<T>(in GemmProblem<T> problem, int i0, int p0, int mc, int kc, int mr, ref T destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T alpha = problem.Alpha;
        nint rs = problem.RowStrideA, cs = problem.ColumnStrideA;
        int fullPanels = mc / mr;
        if (rs == 1 && cs != 1 && fullPanels > 0)
        {
            PackTransposedRows(ref problem.AAt(i0, p0), cs, kc, fullPanels, mr, alpha, ref destination);
            if (fullPanels * mr == mc)
                return;
        }
        else
            fullPanels = 0;
        for (int ir = fullPanels * mr; ir < mc; ir += mr)
        {
            int rows = System.Math.Min(mr, mc - ir);
            ref T panel = ref Unsafe.Add(ref destination, ir * kc);
            ref T source = ref problem.AAt(i0 + ir, p0);
            if (cs == 1 && rows == mr && mr == 8)
                PackRows8(ref source, rs, kc, alpha, ref panel, 8);
            else if (cs == 1)
            {
                // op(A) rows are contiguous: walk each row once (sequential reads), scatter with stride mr.
                for (int r = 0; r < rows; r++)
                {
                    ref T from = ref Unsafe.Add(ref source, r * rs);
                    ref T to = ref Unsafe.Add(ref panel, r);
                    for (int p = 0; p < kc; p++)
                    {
                        to = alpha * from;
                        from = ref Unsafe.Add(ref from, 1);
                        to = ref Unsafe.Add(ref to, mr);
                    }
                }
            }
            else
            {
                // op(A) = Aᵀ: the mr values of one p are contiguous in memory (rs = 1 in the common case).
                for (int p = 0; p < kc; p++)
                {
                    ref T from = ref Unsafe.Add(ref source, p * cs);
                    ref T to = ref Unsafe.Add(ref panel, p * mr);
                    for (int r = 0; r < rows; r++)
                    {
                        Unsafe.Add(ref to, r) = alpha * from;
                        from = ref Unsafe.Add(ref from, rs);
                    }
                }
            }
            if (rows < mr)
                ZeroPad(ref panel, kc, mr, rows);
        }
    }

    /// <summary>The whole micro-panels of an A block stored transposed (op(A) = Aᵀ with unit row stride): row p of the
    /// source holds, for step p, the values of every micro-panel side by side. Each source row is read once, front to
    /// back, and each panel's mr values are one contiguous copy; walking a panel at a time instead reads one cache line
    /// from each of kc rows a page apart, which measured 10–14 % off the whole GEMM at n = 512 to 1024.</summary>
    private static void PackTransposedRows<T>(ref T source, nint rowStride, int kc, int panels, int mr, T alpha, ref T destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int panelLength = mr * kc, vectorEnd = Vector256.IsHardwareAccelerated ? mr - mr % Vector256<T>.Count : 0;
        Vector256<T> scale = Vector256.Create(alpha);
        bool unit = alpha == T.One;
        for (int p = 0; p < kc; p++)
        {
            ref T from = ref Unsafe.Add(ref source, p * rowStride);
            ref T to = ref Unsafe.Add(ref destination, p * mr);
            for (int panel = 0; panel < panels; panel++)
            {
                ref T f = ref Unsafe.Add(ref from, panel * mr);
                ref T t = ref Unsafe.Add(ref to, panel * panelLength);
                int r = 0;
                for (; r < vectorEnd; r += Vector256<T>.Count)
                {
                    Vector256<T> x = Vector256.LoadUnsafe(ref f, (nuint)r);
                    (unit ? x : x * scale).StoreUnsafe(ref t, (nuint)r);
                }
                for (; r < mr; r++)
                    Unsafe.Add(ref t, r) = alpha * Unsafe.Add(ref f, r);
            }
        }
    }

    /// <summary>Packs the kc×nc slab of op(B) at (p0, j0) into <paramref name="destination"/>, or only its micro-panels
    /// from column <paramref name="firstColumn"/> on: the micro-panel of columns jr..jr+nr−1 starts at
    /// <c>(jr − firstColumn)·kc</c> and stores, for each p, its nr values.</summary>
    public static void PackB<T>(in GemmProblem<T> problem, int p0, int j0, int kc, int nc, int nr, int firstColumn, ref T destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint rs = problem.RowStrideB, cs = problem.ColumnStrideB;
        for (int jr = firstColumn; jr < nc; jr += nr)
        {
            int columns = System.Math.Min(nr, nc - jr);
            ref T panel = ref Unsafe.Add(ref destination, (jr - firstColumn) * kc);
            ref T source = ref problem.BAt(p0, j0 + jr);
            if (cs == 1)
            {
                // Rows of op(B) are contiguous: one block copy per k.
                uint bytes = (uint)(columns * Unsafe.SizeOf<T>());
                for (int p = 0; p < kc; p++)
                    Unsafe.CopyBlockUnaligned(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref panel, p * nr)),
                        ref Unsafe.As<T, byte>(ref Unsafe.Add(ref source, p * rs)), bytes);
            }
            else if (rs == 1 && columns == nr && nr % 8 == 0)
            {
                // op(B) = Bᵀ with whole micro-panels: nr contiguous rows of B, packed 8 at a time like A's rows.
                for (int g = 0; g < nr; g += 8)
                    PackRows8(ref Unsafe.Add(ref source, g * cs), cs, kc, T.One, ref Unsafe.Add(ref panel, g), nr);
            }
            else
            {
                // op(B) = Bᵀ: walk each column of op(B) (a contiguous row of B), scatter with stride nr.
                for (int j = 0; j < columns; j++)
                {
                    ref T from = ref Unsafe.Add(ref source, j * cs);
                    ref T to = ref Unsafe.Add(ref panel, j);
                    for (int p = 0; p < kc; p++)
                    {
                        to = from;
                        from = ref Unsafe.Add(ref from, rs);
                        to = ref Unsafe.Add(ref to, nr);
                    }
                }
            }
            if (columns < nr)
                ZeroPad(ref panel, kc, nr, columns);
        }
    }

    /// <summary>Eight contiguous rows packed as 8-value groups, group p at <c>panel + p·stride</c> (a full A micro-panel,
    /// stride 8, or 8 columns of a transposed B micro-panel, stride Nr): eight row streams read in step, one contiguous 8-value
    /// store group per k (about 2.5× faster than the generic scatter, which mattered most at n ≈ 64).</summary>
    private static void PackRows8<T>(ref T source, nint rs, int kc, T alpha, ref T panel, nint stride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T r0 = ref source;
        ref T r1 = ref Unsafe.Add(ref r0, rs);
        ref T r2 = ref Unsafe.Add(ref r1, rs);
        ref T r3 = ref Unsafe.Add(ref r2, rs);
        ref T r4 = ref Unsafe.Add(ref r3, rs);
        ref T r5 = ref Unsafe.Add(ref r4, rs);
        ref T r6 = ref Unsafe.Add(ref r5, rs);
        ref T r7 = ref Unsafe.Add(ref r6, rs);
        nint p0 = 0;
        if (Avx.IsSupported)
            p0 = typeof(T) == typeof(double)
                ? PackRows8Double(ref Unsafe.As<T, double>(ref source), rs, kc, double.CreateTruncating(alpha), ref Unsafe.As<T, double>(ref panel), stride)
                : PackRows8Single(ref Unsafe.As<T, float>(ref source), rs, kc, float.CreateTruncating(alpha), ref Unsafe.As<T, float>(ref panel), stride);
        if (alpha == T.One)
        {
            for (nint p = p0; p < kc; p++)
            {
                ref T to = ref Unsafe.Add(ref panel, stride * p);
                to = Unsafe.Add(ref r0, p);
                Unsafe.Add(ref to, 1) = Unsafe.Add(ref r1, p);
                Unsafe.Add(ref to, 2) = Unsafe.Add(ref r2, p);
                Unsafe.Add(ref to, 3) = Unsafe.Add(ref r3, p);
                Unsafe.Add(ref to, 4) = Unsafe.Add(ref r4, p);
                Unsafe.Add(ref to, 5) = Unsafe.Add(ref r5, p);
                Unsafe.Add(ref to, 6) = Unsafe.Add(ref r6, p);
                Unsafe.Add(ref to, 7) = Unsafe.Add(ref r7, p);
            }
            return;
        }
        for (nint p = p0; p < kc; p++)
        {
            ref T to = ref Unsafe.Add(ref panel, stride * p);
            to = alpha * Unsafe.Add(ref r0, p);
            Unsafe.Add(ref to, 1) = alpha * Unsafe.Add(ref r1, p);
            Unsafe.Add(ref to, 2) = alpha * Unsafe.Add(ref r2, p);
            Unsafe.Add(ref to, 3) = alpha * Unsafe.Add(ref r3, p);
            Unsafe.Add(ref to, 4) = alpha * Unsafe.Add(ref r4, p);
            Unsafe.Add(ref to, 5) = alpha * Unsafe.Add(ref r5, p);
            Unsafe.Add(ref to, 6) = alpha * Unsafe.Add(ref r6, p);
            Unsafe.Add(ref to, 7) = alpha * Unsafe.Add(ref r7, p);
        }
    }

    /// <summary>The leading multiple of 4 steps of <see cref="PackRows8{T}"/> for double: 8 rows × 4 values as two 4×4
    /// register transposes (<see cref="RegisterTranspose"/>), stored as 4 contiguous groups of 8, in place of 32 scalar
    /// gathers. α is applied with the same single multiply, so the packed bits are unchanged. Returns the number of
    /// steps done.</summary>
    private static nint PackRows8Double(ref double source, nint rs, int kc, double alpha, ref double panel, nint stride)
    {
        nint p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            RegisterTranspose.TransposeBlock(ref Unsafe.Add(ref source, p), rs, ref Unsafe.Add(ref panel, stride * p), stride, alpha);
            RegisterTranspose.TransposeBlock(ref Unsafe.Add(ref source, p + 4 * rs), rs, ref Unsafe.Add(ref panel, stride * p + 4), stride, alpha);
        }
        return p;
    }

    /// <summary>The leading multiple of 8 steps of <see cref="PackRows8{T}"/> for float: one 8×8 register transpose
    /// (<see cref="RegisterTranspose"/>) per 8 steps. Returns the number of steps done.</summary>
    private static nint PackRows8Single(ref float source, nint rs, int kc, float alpha, ref float panel, nint stride)
    {
        nint p = 0;
        for (; p + 8 <= kc; p += 8)
            RegisterTranspose.TransposeBlock(ref Unsafe.Add(ref source, p), rs, ref Unsafe.Add(ref panel, stride * p), stride, alpha);
        return p;
    }

    /// <summary>Zeros lanes <paramref name="used"/>..<paramref name="width"/>−1 of every k step of a micro-panel, so
    /// the kernel's extra rows or columns compute exact zeros that are never copied out.</summary>
    private static void ZeroPad<T>(ref T panel, int kc, int width, int used)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < kc; p++)
            for (int r = used; r < width; r++)
                Unsafe.Add(ref panel, p * width + r) = T.Zero;
    }
}
