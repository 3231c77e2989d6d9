using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simd.Numerics.Blas;

/// <summary>Per-thread packing buffers, allocated once and reused: GEMM allocates nothing in steady state.</summary>
/// <remarks>Pinned (on the pinned object heap) so that the 64-byte alignment computed here holds for the life of the
/// buffer: every packed micro-panel then starts on a cache line and a 512-bit load never splits one.</remarks>
internal static class GemmBuffers<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static T[]? t_buffer;

    /// <summary>A 64-byte aligned span of <paramref name="length"/> elements, private to the calling thread,
    /// with unspecified contents.</summary>
    public static unsafe Span<T> Get(int length)
    {
        int slack = Alignment / sizeof(T);
        T[]? buffer = t_buffer;
        if (buffer is null || buffer.Length < length + slack)
        {
            // Grow geometrically so a sequence of growing problems reallocates only a few times.
            int size = Math.Max(length + slack, buffer is null ? 0 : (int)Math.Min(int.MaxValue / 2, 3L * buffer.Length / 2));
            buffer = GC.AllocateUninitializedArray<T>(size, pinned: true);
            t_buffer = buffer;
        }
        nint address = (nint)Unsafe.AsPointer(ref buffer[0]);
        int offset = (int)((Alignment - (address & (Alignment - 1))) & (Alignment - 1)) / sizeof(T);
        return buffer.AsSpan(offset, length);
    }
}
