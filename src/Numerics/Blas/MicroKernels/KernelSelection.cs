using System.Numerics;
using System.Runtime.Intrinsics;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Blas.MicroKernels;

/// <summary>The one table that maps (element type, vector width) to a micro-kernel and its cache blocking —
/// the analogue of BLIS's <c>bli_cntx_init_&lt;arch&gt;.c</c>. Nothing else in the library knows which kernel runs.</summary>
/// <remarks>
/// <code>
///  width    | kernel       | double tile | float tile | Mc (d/f)  | Kc  | Nc
///  512-bit  | Kernel8x3V   | 8×24        | 8×48       | 192 / 192 | 384 | 3072
///  256-bit  | Kernel6x2V   | 6×8         | 6×16       | 144 / 288 | 256 | 3072
///  128-bit  | Kernel6x2V   | 6×4         | 6×8        | 144 / 288 | 256 | 3072
///  scalar   | ScalarKernel | 4×4         | 4×4        | 128       | 256 | 2048
/// </code>
/// To add a kernel: write an <see cref="IGemmMicroKernel{T}"/> (full tiles only), add a row here and a case to
/// <see cref="Dispatch{T, TAction}"/>, and run the GEMM tests under the SIMD configuration that selects it.
/// </remarks>
internal static class KernelSelection
{
    /// <summary>Something to run with the selected kernel; a struct so the call is specialized, not virtual.</summary>
    internal interface IKernelAction<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        void Invoke<TKernel>(GemmBlocking blocking)
            where TKernel : struct, IGemmMicroKernel<T>;
    }

    /// <summary>Calls <paramref name="action"/> with the widest accelerated kernel for <typeparamref name="T"/>.
    /// The cascade reads JIT-time constants, so only one branch survives in each instantiation.</summary>
    internal static void Dispatch<T, TAction>(ref TAction action)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TAction : struct, IKernelAction<T>
    {
        bool isDouble = typeof(T) == typeof(double);
        if (Vector512Ops<T>.IsAccelerated)
            action.Invoke<Kernel8x3V<T, Vector512<T>, Vector512Ops<T>>>(new GemmBlocking(192, 384, 3072));
        else if (Vector256Ops<T>.IsAccelerated)
            action.Invoke<Kernel6x2V<T, Vector256<T>, Vector256Ops<T>>>(new GemmBlocking(isDouble ? 144 : 288, 256, 3072));
        else if (Vector128Ops<T>.IsAccelerated)
            action.Invoke<Kernel6x2V<T, Vector128<T>, Vector128Ops<T>>>(new GemmBlocking(isDouble ? 144 : 288, 256, 3072));
        else
            action.Invoke<ScalarKernel<T>>(new GemmBlocking(128, 256, 2048));
    }
}
