using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simd.Numerics.Blas.MicroKernels;

/// <summary>The reference kernel: a 4×4 tile in 16 scalar locals, for any <typeparamref name="T"/>; the scalar
/// path (no SIMD) and the oracle that proves the framework (packing, blocking, edges) independently of vectors.</summary>
/// <remarks>Plain <c>a·b + c</c>, not <see cref="IFloatingPointIeee754{TSelf}.FusedMultiplyAdd"/>: without hardware
/// FMA that call is a slow software emulation. 16 accumulators + 4 B values + 1 A value fit the 16 scalar
/// registers of x64 with a few spills at worst.</remarks>
internal readonly struct ScalarKernel<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 4;
    public static int Nr => 4;
    public static int ColumnStep => 4;

    public static void RunNarrow(int columns, int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate) =>
        Run(kc, ref a, ref b, bStride, ref c, cStride, accumulate); // never called: ColumnStep = Nr

    public static void Run(int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate)
    {
        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            T b0 = b, b1 = Unsafe.Add(ref b, 1), b2 = Unsafe.Add(ref b, 2), b3 = Unsafe.Add(ref b, 3);
            T ai = a;
            c00 += ai * b0; c01 += ai * b1; c02 += ai * b2; c03 += ai * b3;
            ai = Unsafe.Add(ref a, 1);
            c10 += ai * b0; c11 += ai * b1; c12 += ai * b2; c13 += ai * b3;
            ai = Unsafe.Add(ref a, 2);
            c20 += ai * b0; c21 += ai * b1; c22 += ai * b2; c23 += ai * b3;
            ai = Unsafe.Add(ref a, 3);
            c30 += ai * b0; c31 += ai * b1; c32 += ai * b2; c33 += ai * b3;
            a = ref Unsafe.Add(ref a, 4);
            b = ref Unsafe.Add(ref b, bStride);
        }
        StoreRow(c00, c01, c02, c03, ref c, accumulate);
        StoreRow(c10, c11, c12, c13, ref Unsafe.Add(ref c, cStride), accumulate);
        StoreRow(c20, c21, c22, c23, ref Unsafe.Add(ref c, 2 * cStride), accumulate);
        StoreRow(c30, c31, c32, c33, ref Unsafe.Add(ref c, 3 * cStride), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T v0, T v1, T v2, T v3, ref T row, bool accumulate)
    {
        if (accumulate)
        {
            v0 = row + v0;
            v1 = Unsafe.Add(ref row, 1) + v1;
            v2 = Unsafe.Add(ref row, 2) + v2;
            v3 = Unsafe.Add(ref row, 3) + v3;
        }
        row = v0;
        Unsafe.Add(ref row, 1) = v1;
        Unsafe.Add(ref row, 2) = v2;
        Unsafe.Add(ref row, 3) = v3;
    }
}
