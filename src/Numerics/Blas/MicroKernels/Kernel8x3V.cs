using System.Numerics;
using System.Runtime.CompilerServices;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Blas.MicroKernels;

/// <summary>8 rows × 3 vectors of C in 24 accumulators; the AVX-512 kernel (8×24 for double, 8×48 for float).</summary>
/// <remarks>
/// Register budget (32 zmm): 24 accumulators + 3 B vectors + 1 broadcast A value = 28, leaving the JIT room for
/// C loads at the end without spilling. Per k step: 3 loads of B, 8 broadcasts of A (folded into the FMA as
/// embedded broadcasts), 24 FMAs; with two 512-bit FMA pipes that is 12 cycles of FMA against 11 loads, so the
/// loop is FMA-bound, and each accumulator is touched every 24 FMAs, far more than the 4-cycle FMA latency × 2
/// pipes = 8 in flight it needs to hide. Written once against <see cref="IVectorOps{TVec, T}"/>; with only 16
/// registers (AVX2, SSE) it would spill, so the selection table uses it for 512-bit only.
/// </remarks>
internal readonly struct Kernel8x3V<T, TVec, TOps> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVec : struct
    where TOps : struct, IVectorOps<TVec, T>
{
    public static int Mr => 8;
    public static int Nr => 3 * TOps.Count;
    public static int ColumnStep => TOps.Count;

    /// <summary>8 rows × 1 or 2 vectors (8 or 16 accumulators, still enough to cover the FMA latency): the ragged
    /// last panel, e.g. the 16 columns left of n = 64 for double.</summary>
    public static void RunNarrow(int columns, int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate)
    {
        if (columns == TOps.Count)
            Run8x1(kc, ref a, ref b, bStride, ref c, cStride, accumulate);
        else
            Run8x2(kc, ref a, ref b, bStride, ref c, cStride, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run8x1(int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate)
    {
        TVec c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero;
        TVec c4 = TOps.Zero, c5 = TOps.Zero, c6 = TOps.Zero, c7 = TOps.Zero;
        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TOps.Load(ref b, 0);
            c0 = TOps.MultiplyAdd(TOps.Broadcast(a), b0, c0);
            c1 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 1)), b0, c1);
            c2 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 2)), b0, c2);
            c3 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 3)), b0, c3);
            c4 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 4)), b0, c4);
            c5 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 5)), b0, c5);
            c6 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 6)), b0, c6);
            c7 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 7)), b0, c7);
            a = ref Unsafe.Add(ref a, 8);
            b = ref Unsafe.Add(ref b, bStride);
        }
        StoreOne(c0, ref c, accumulate);
        StoreOne(c1, ref Unsafe.Add(ref c, cStride), accumulate);
        StoreOne(c2, ref Unsafe.Add(ref c, 2 * cStride), accumulate);
        StoreOne(c3, ref Unsafe.Add(ref c, 3 * cStride), accumulate);
        StoreOne(c4, ref Unsafe.Add(ref c, 4 * cStride), accumulate);
        StoreOne(c5, ref Unsafe.Add(ref c, 5 * cStride), accumulate);
        StoreOne(c6, ref Unsafe.Add(ref c, 6 * cStride), accumulate);
        StoreOne(c7, ref Unsafe.Add(ref c, 7 * cStride), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run8x2(int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate)
    {
        nuint w = (uint)TOps.Count;
        TVec c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
        TVec c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        TVec c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        TVec c60 = TOps.Zero, c61 = TOps.Zero, c70 = TOps.Zero, c71 = TOps.Zero;
        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TOps.Load(ref b, 0), b1 = TOps.Load(ref b, w);
            TVec ai = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(ai, b0, c00); c01 = TOps.MultiplyAdd(ai, b1, c01);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 1));
            c10 = TOps.MultiplyAdd(ai, b0, c10); c11 = TOps.MultiplyAdd(ai, b1, c11);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 2));
            c20 = TOps.MultiplyAdd(ai, b0, c20); c21 = TOps.MultiplyAdd(ai, b1, c21);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 3));
            c30 = TOps.MultiplyAdd(ai, b0, c30); c31 = TOps.MultiplyAdd(ai, b1, c31);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 4));
            c40 = TOps.MultiplyAdd(ai, b0, c40); c41 = TOps.MultiplyAdd(ai, b1, c41);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 5));
            c50 = TOps.MultiplyAdd(ai, b0, c50); c51 = TOps.MultiplyAdd(ai, b1, c51);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 6));
            c60 = TOps.MultiplyAdd(ai, b0, c60); c61 = TOps.MultiplyAdd(ai, b1, c61);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 7));
            c70 = TOps.MultiplyAdd(ai, b0, c70); c71 = TOps.MultiplyAdd(ai, b1, c71);
            a = ref Unsafe.Add(ref a, 8);
            b = ref Unsafe.Add(ref b, bStride);
        }
        StoreTwo(c00, c01, ref c, accumulate);
        StoreTwo(c10, c11, ref Unsafe.Add(ref c, cStride), accumulate);
        StoreTwo(c20, c21, ref Unsafe.Add(ref c, 2 * cStride), accumulate);
        StoreTwo(c30, c31, ref Unsafe.Add(ref c, 3 * cStride), accumulate);
        StoreTwo(c40, c41, ref Unsafe.Add(ref c, 4 * cStride), accumulate);
        StoreTwo(c50, c51, ref Unsafe.Add(ref c, 5 * cStride), accumulate);
        StoreTwo(c60, c61, ref Unsafe.Add(ref c, 6 * cStride), accumulate);
        StoreTwo(c70, c71, ref Unsafe.Add(ref c, 7 * cStride), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreOne(TVec v, ref T row, bool accumulate)
    {
        if (accumulate)
            v = TOps.Add(TOps.Load(ref row, 0), v);
        TOps.Store(v, ref row, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTwo(TVec v0, TVec v1, ref T row, bool accumulate)
    {
        nuint w = (uint)TOps.Count;
        if (accumulate)
        {
            v0 = TOps.Add(TOps.Load(ref row, 0), v0);
            v1 = TOps.Add(TOps.Load(ref row, w), v1);
        }
        TOps.Store(v0, ref row, 0);
        TOps.Store(v1, ref row, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate)
    {
        nuint w = (uint)TOps.Count;
        TVec c00 = TOps.Zero, c01 = TOps.Zero, c02 = TOps.Zero;
        TVec c10 = TOps.Zero, c11 = TOps.Zero, c12 = TOps.Zero;
        TVec c20 = TOps.Zero, c21 = TOps.Zero, c22 = TOps.Zero;
        TVec c30 = TOps.Zero, c31 = TOps.Zero, c32 = TOps.Zero;
        TVec c40 = TOps.Zero, c41 = TOps.Zero, c42 = TOps.Zero;
        TVec c50 = TOps.Zero, c51 = TOps.Zero, c52 = TOps.Zero;
        TVec c60 = TOps.Zero, c61 = TOps.Zero, c62 = TOps.Zero;
        TVec c70 = TOps.Zero, c71 = TOps.Zero, c72 = TOps.Zero;

        for (int p = 0; p < kc; p++)
        {
            // One row of the B micro-panel, then a rank-1 update with one broadcast A value per tile row.
            TVec b0 = TOps.Load(ref b, 0), b1 = TOps.Load(ref b, w), b2 = TOps.Load(ref b, 2 * w);
            TVec ai = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(ai, b0, c00); c01 = TOps.MultiplyAdd(ai, b1, c01); c02 = TOps.MultiplyAdd(ai, b2, c02);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 1));
            c10 = TOps.MultiplyAdd(ai, b0, c10); c11 = TOps.MultiplyAdd(ai, b1, c11); c12 = TOps.MultiplyAdd(ai, b2, c12);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 2));
            c20 = TOps.MultiplyAdd(ai, b0, c20); c21 = TOps.MultiplyAdd(ai, b1, c21); c22 = TOps.MultiplyAdd(ai, b2, c22);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 3));
            c30 = TOps.MultiplyAdd(ai, b0, c30); c31 = TOps.MultiplyAdd(ai, b1, c31); c32 = TOps.MultiplyAdd(ai, b2, c32);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 4));
            c40 = TOps.MultiplyAdd(ai, b0, c40); c41 = TOps.MultiplyAdd(ai, b1, c41); c42 = TOps.MultiplyAdd(ai, b2, c42);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 5));
            c50 = TOps.MultiplyAdd(ai, b0, c50); c51 = TOps.MultiplyAdd(ai, b1, c51); c52 = TOps.MultiplyAdd(ai, b2, c52);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 6));
            c60 = TOps.MultiplyAdd(ai, b0, c60); c61 = TOps.MultiplyAdd(ai, b1, c61); c62 = TOps.MultiplyAdd(ai, b2, c62);
            ai = TOps.Broadcast(Unsafe.Add(ref a, 7));
            c70 = TOps.MultiplyAdd(ai, b0, c70); c71 = TOps.MultiplyAdd(ai, b1, c71); c72 = TOps.MultiplyAdd(ai, b2, c72);
            a = ref Unsafe.Add(ref a, 8);
            b = ref Unsafe.Add(ref b, bStride);
        }

        StoreRow(c00, c01, c02, ref c, accumulate);
        StoreRow(c10, c11, c12, ref Unsafe.Add(ref c, cStride), accumulate);
        StoreRow(c20, c21, c22, ref Unsafe.Add(ref c, 2 * cStride), accumulate);
        StoreRow(c30, c31, c32, ref Unsafe.Add(ref c, 3 * cStride), accumulate);
        StoreRow(c40, c41, c42, ref Unsafe.Add(ref c, 4 * cStride), accumulate);
        StoreRow(c50, c51, c52, ref Unsafe.Add(ref c, 5 * cStride), accumulate);
        StoreRow(c60, c61, c62, ref Unsafe.Add(ref c, 6 * cStride), accumulate);
        StoreRow(c70, c71, c72, ref Unsafe.Add(ref c, 7 * cStride), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(TVec v0, TVec v1, TVec v2, ref T row, bool accumulate)
    {
        nuint w = (uint)TOps.Count;
        if (accumulate)
        {
            // C + A·B, the sum over k first: the same bits whichever slab or tile this is.
            v0 = TOps.Add(TOps.Load(ref row, 0), v0);
            v1 = TOps.Add(TOps.Load(ref row, w), v1);
            v2 = TOps.Add(TOps.Load(ref row, 2 * w), v2);
        }
        TOps.Store(v0, ref row, 0);
        TOps.Store(v1, ref row, w);
        TOps.Store(v2, ref row, 2 * w);
    }
}
