using System.Numerics;
using System.Runtime.CompilerServices;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Blas.MicroKernels;

/// <summary>6 rows × 2 vectors of C in 12 accumulators; the kernel for 16-register ISAs (AVX2: 6×8 double,
/// 6×16 float; SSE/NEON 128-bit: 6×4 double, 6×8 float).</summary>
/// <remarks>
/// Register budget (16 ymm/xmm): 12 accumulators + 2 B vectors + 1 broadcast = 15, BLIS's Haswell shape
/// (<c>bli_dgemm_haswell_asm_6x8</c>). Per k step: 2 loads of B, 6 broadcasts, 12 FMAs; 12 independent
/// accumulators cover the 4-cycle latency of two FMA pipes (8 in flight) with room to spare.
/// </remarks>
internal readonly struct Kernel6x2V<T, TVec, TOps> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVec : struct
    where TOps : struct, IVectorOps<TVec, T>
{
    public static int Mr => 6;
    public static int Nr => 2 * TOps.Count;
    public static int ColumnStep => TOps.Count;

    /// <summary>6 rows × 1 vector (6 accumulators): the ragged last panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunNarrow(int columns, int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate)
    {
        TVec c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero, c4 = TOps.Zero, c5 = TOps.Zero;
        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TOps.Load(ref b, 0);
            c0 = TOps.MultiplyAdd(TOps.Broadcast(a), b0, c0);
            c1 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 1)), b0, c1);
            c2 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 2)), b0, c2);
            c3 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 3)), b0, c3);
            c4 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 4)), b0, c4);
            c5 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 5)), b0, c5);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, bStride);
        }
        StoreOne(c0, ref c, accumulate);
        StoreOne(c1, ref Unsafe.Add(ref c, cStride), accumulate);
        StoreOne(c2, ref Unsafe.Add(ref c, 2 * cStride), accumulate);
        StoreOne(c3, ref Unsafe.Add(ref c, 3 * cStride), accumulate);
        StoreOne(c4, ref Unsafe.Add(ref c, 4 * cStride), accumulate);
        StoreOne(c5, ref Unsafe.Add(ref c, 5 * cStride), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreOne(TVec v, ref T row, bool accumulate)
    {
        if (accumulate)
            v = TOps.Add(TOps.Load(ref row, 0), v);
        TOps.Store(v, ref row, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate)
    {
        nuint w = (uint)TOps.Count;
        TVec c00 = TOps.Zero, c01 = TOps.Zero;
        TVec c10 = TOps.Zero, c11 = TOps.Zero;
        TVec c20 = TOps.Zero, c21 = TOps.Zero;
        TVec c30 = TOps.Zero, c31 = TOps.Zero;
        TVec c40 = TOps.Zero, c41 = TOps.Zero;
        TVec c50 = TOps.Zero, c51 = TOps.Zero;

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
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, bStride);
        }

        StoreRow(c00, c01, ref c, accumulate);
        StoreRow(c10, c11, ref Unsafe.Add(ref c, cStride), accumulate);
        StoreRow(c20, c21, ref Unsafe.Add(ref c, 2 * cStride), accumulate);
        StoreRow(c30, c31, ref Unsafe.Add(ref c, 3 * cStride), accumulate);
        StoreRow(c40, c41, ref Unsafe.Add(ref c, 4 * cStride), accumulate);
        StoreRow(c50, c51, ref Unsafe.Add(ref c, 5 * cStride), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(TVec v0, TVec v1, ref T row, bool accumulate)
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
}
