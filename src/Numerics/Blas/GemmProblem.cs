using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simd.Numerics.Blas;

/// <summary>Which part of C a product writes: all of it (GEMM) or one triangle (SYRK).</summary>
internal enum GemmTriangle
{
    /// <summary>Every element of C.</summary>
    None = 0,

    /// <summary>Only elements with j ≤ i.</summary>
    Lower = 1,

    /// <summary>Only elements with j ≥ i.</summary>
    Upper = 2,
}

/// <summary>
/// One product <c>C = α·op(A)·op(B) + β·C</c> described by addresses and element strides, so that it can be handed
/// to worker threads (a span cannot leave its stack). op(A)(i, p) lives at <c>A + i·RowStrideA + p·ColumnStrideA</c>,
/// op(B)(p, j) at <c>B + p·RowStrideB + j·ColumnStrideB</c>: a transpose is just swapped strides, absorbed by packing.
/// </summary>
/// <remarks>The addresses are only valid while <see cref="Gemm"/> keeps the operands pinned; the public entry points
/// validate every shape and stride before building one, so the driver trusts it.</remarks>
internal unsafe struct GemmProblem<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public nint A, B, C;
    public nint RowStrideA, ColumnStrideA, RowStrideB, ColumnStrideB, RowStrideC;
    public int M, N, K;
    public T Alpha, Beta;
    public GemmTriangle Triangle;

    /// <summary>Read B in place instead of packing it (row-major B with unit column stride only).</summary>
    public bool BInPlace;

    /// <summary>op(A)(i, p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref T AAt(int i, int p) => ref Unsafe.AsRef<T>((T*)A + (i * RowStrideA + p * ColumnStrideA));

    /// <summary>op(B)(p, j).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref T BAt(int p, int j) => ref Unsafe.AsRef<T>((T*)B + (p * RowStrideB + j * ColumnStrideB));

    /// <summary>C(i, j).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref T CAt(int i, int j) => ref Unsafe.AsRef<T>((T*)C + (i * RowStrideC + j));
}
