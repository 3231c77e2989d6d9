using System.Numerics;

namespace Simd.Numerics.Blas.MicroKernels;

/// <summary>One register tile of C, <c>Mr × Nr</c>: the only code that must change per architecture (BLIS's
/// <c>gemm_ukr</c>). Implementations are <c>readonly struct</c>s so the driver, generic over the kernel, is
/// specialized and the call inlined by the JIT.</summary>
/// <remarks>
/// Contract, after BLIS's <c>KernelsHowTo.md</c>: full tiles only, no edge logic, no validation.
/// <list type="bullet">
/// <item>A is a packed micro-panel: for each p in [0, kc), <c>Mr</c> consecutive values (column p of the tile rows).</item>
/// <item>B row p of the micro-panel starts at <c>b + p·bStride</c> and holds <c>Nr</c> values: a packed panel has
/// <c>bStride = Nr</c>; an unpacked row-major B is read in place with its row stride.</item>
/// <item><c>C = A·B</c>, or <c>C = C + A·B</c> when <c>accumulate</c>. C is not read when <c>accumulate</c> is false,
/// so NaN garbage there is harmless. The sum over p runs in order 0..kc−1 from zero, then C is added: the bits of
/// an element never depend on where its tile sits, which is what makes threaded results reproducible.</item>
/// </list>
/// </remarks>
internal interface IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of the tile; a packed A micro-panel stores <c>Mr</c> values per k.</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the tile; a B micro-panel row holds <c>Nr</c> values.</summary>
    static abstract int Nr { get; }

    /// <summary>Granularity of the narrower tiles <see cref="RunNarrow"/> computes (the vector width); equal to
    /// <see cref="Nr"/> for a kernel without narrow forms.</summary>
    static abstract int ColumnStep { get; }

    /// <summary>Like <see cref="Run"/> on an <c>Mr × columns</c> tile, where <paramref name="columns"/> is a multiple of
    /// <see cref="ColumnStep"/> below <see cref="Nr"/>: the ragged last panel of C without a scratch tile (no scalar
    /// cliff at the right edge). Only the first <paramref name="columns"/> values of each B row are read.</summary>
    static abstract void RunNarrow(int columns, int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate);

    /// <summary>Full tiles only: <c>C = A·B</c>, or <c>C += A·B</c> when <paramref name="accumulate"/>.</summary>
    /// <param name="kc">Depth of the panels (≥ 0).</param>
    /// <param name="a">Packed A micro-panel, <c>Mr·kc</c> values.</param>
    /// <param name="b">First row of the B micro-panel.</param>
    /// <param name="bStride">Distance between consecutive rows of the B micro-panel.</param>
    /// <param name="c">Element (0, 0) of the C tile.</param>
    /// <param name="cStride">Row stride of C.</param>
    /// <param name="accumulate">Add to C instead of overwriting it (C is read only then).</param>
    static abstract void Run(int kc, ref T a, ref T b, nint bStride, ref T c, nint cStride, bool accumulate);
}
