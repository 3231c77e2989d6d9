using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Simd.Numerics.Kernels;

/// <summary>Transposes of small square blocks held in 256-bit registers (callers check <see cref="Avx.IsSupported"/>):
/// a strided gather of single elements costs a load and a store each, the register transpose a few shuffles per
/// vector. Pure moves, so nothing a caller computes changes.</summary>
internal static class RegisterTranspose
{
    /// <summary>The side of the square block <see cref="TransposeBlock{T}"/> moves: 4 for double and 8 for float (one
    /// 256-bit row each), 0 where AVX or the type is missing (callers then move single elements).</summary>
    public static int BlockSize<T>() =>
        !Avx.IsSupported ? 0 : typeof(T) == typeof(double) ? 4 : typeof(T) == typeof(float) ? 8 : 0;

    /// <summary>Writes the transpose of the <see cref="BlockSize{T}"/>-square block at <paramref name="from"/> (rows
    /// <paramref name="fromStride"/> elements apart) to <paramref name="to"/> (rows <paramref name="toStride"/> apart),
    /// each element multiplied by <paramref name="scale"/> unless it is one (the same single rounding as a scalar
    /// product); either stride may be negative. The two blocks must not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposeBlock<T>(ref T from, nint fromStride, ref T to, nint toStride, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool unit = scale == T.One;
        if (typeof(T) == typeof(double))
        {
            ref double f = ref Unsafe.As<T, double>(ref from), t = ref Unsafe.As<T, double>(ref to);
            Vector256<double> x0 = Vector256.LoadUnsafe(ref f), x1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, fromStride));
            Vector256<double> x2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, 2 * fromStride)), x3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, 3 * fromStride));
            if (!unit)
            {
                Vector256<double> s = Vector256.Create(double.CreateTruncating(scale));
                x0 *= s; x1 *= s; x2 *= s; x3 *= s;
            }
            Transpose4x4(ref x0, ref x1, ref x2, ref x3);
            x0.StoreUnsafe(ref t);
            x1.StoreUnsafe(ref Unsafe.Add(ref t, toStride));
            x2.StoreUnsafe(ref Unsafe.Add(ref t, 2 * toStride));
            x3.StoreUnsafe(ref Unsafe.Add(ref t, 3 * toStride));
        }
        else
        {
            ref float f = ref Unsafe.As<T, float>(ref from), t = ref Unsafe.As<T, float>(ref to);
            Vector256<float> x0 = Vector256.LoadUnsafe(ref f), x1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, fromStride));
            Vector256<float> x2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, 2 * fromStride)), x3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, 3 * fromStride));
            Vector256<float> x4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, 4 * fromStride)), x5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, 5 * fromStride));
            Vector256<float> x6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, 6 * fromStride)), x7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref f, 7 * fromStride));
            if (!unit)
            {
                Vector256<float> s = Vector256.Create(float.CreateTruncating(scale));
                x0 *= s; x1 *= s; x2 *= s; x3 *= s; x4 *= s; x5 *= s; x6 *= s; x7 *= s;
            }
            Transpose8x8(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7);
            x0.StoreUnsafe(ref t);
            x1.StoreUnsafe(ref Unsafe.Add(ref t, toStride));
            x2.StoreUnsafe(ref Unsafe.Add(ref t, 2 * toStride));
            x3.StoreUnsafe(ref Unsafe.Add(ref t, 3 * toStride));
            x4.StoreUnsafe(ref Unsafe.Add(ref t, 4 * toStride));
            x5.StoreUnsafe(ref Unsafe.Add(ref t, 5 * toStride));
            x6.StoreUnsafe(ref Unsafe.Add(ref t, 6 * toStride));
            x7.StoreUnsafe(ref Unsafe.Add(ref t, 7 * toStride));
        }
    }

    /// <summary>Transposes the 4×4 block of doubles whose rows are <paramref name="x0"/>..<paramref name="x3"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(ref Vector256<double> x0, ref Vector256<double> x1, ref Vector256<double> x2, ref Vector256<double> x3)
    {
        Vector256<double> a = Avx.UnpackLow(x0, x1), b = Avx.UnpackHigh(x0, x1);
        Vector256<double> c = Avx.UnpackLow(x2, x3), d = Avx.UnpackHigh(x2, x3);
        x0 = Avx.Permute2x128(a, c, 0x20);
        x1 = Avx.Permute2x128(b, d, 0x20);
        x2 = Avx.Permute2x128(a, c, 0x31);
        x3 = Avx.Permute2x128(b, d, 0x31);
    }

    /// <summary>Transposes the 8×8 block of floats whose rows are <paramref name="x0"/>..<paramref name="x7"/>
    /// (unpack, shuffle, lane permute).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref Vector256<float> x0, ref Vector256<float> x1, ref Vector256<float> x2, ref Vector256<float> x3,
        ref Vector256<float> x4, ref Vector256<float> x5, ref Vector256<float> x6, ref Vector256<float> x7)
    {
        Vector256<float> t0 = Avx.UnpackLow(x0, x1), t1 = Avx.UnpackHigh(x0, x1), t2 = Avx.UnpackLow(x2, x3), t3 = Avx.UnpackHigh(x2, x3);
        Vector256<float> t4 = Avx.UnpackLow(x4, x5), t5 = Avx.UnpackHigh(x4, x5), t6 = Avx.UnpackLow(x6, x7), t7 = Avx.UnpackHigh(x6, x7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        x0 = Avx.Permute2x128(u0, u4, 0x20);
        x1 = Avx.Permute2x128(u1, u5, 0x20);
        x2 = Avx.Permute2x128(u2, u6, 0x20);
        x3 = Avx.Permute2x128(u3, u7, 0x20);
        x4 = Avx.Permute2x128(u0, u4, 0x31);
        x5 = Avx.Permute2x128(u1, u5, 0x31);
        x6 = Avx.Permute2x128(u2, u6, 0x31);
        x7 = Avx.Permute2x128(u3, u7, 0x31);
    }
}
