using System;
using System.Collections.Generic;

namespace Simd.Benchmarks.Quick;

/// <summary>One family of operations in the quick report; every implementation is discovered by reflection.</summary>
internal interface IQuickSuite
{
    /// <summary>The measurements this suite offers: Simd and its peers on the same problems.</summary>
    IEnumerable<QuickCase> Cases();
}

/// <summary>
/// One timed operation. <see cref="Run"/> is called repeatedly on prepared data; the report gives its median time,
/// GFLOP/s from <see cref="Flops"/>, GB/s when <see cref="Bytes"/> is set, the speed of Simd relative to this row,
/// and the percentage of the measured FMA peak when <see cref="GemmLike"/>.
/// </summary>
/// <param name="Op">JSON op name: dot, axpy, gemv, gemm, syrk, getrf, potrf, getri, potri, syev, …</param>
/// <param name="Type">"f32" or "f64".</param>
/// <param name="M">Rows (0 when not meaningful).</param>
/// <param name="N">Columns or length.</param>
/// <param name="K">Inner dimension (0 when not meaningful).</param>
/// <param name="Threads">Threads the implementation may use.</param>
/// <param name="Impl">simd, openblas, openblas_dsyev, tensorprimitives, mathnet or naive.</param>
/// <param name="Flops">Floating-point operations per call.</param>
/// <param name="Run">The operation.</param>
internal sealed record QuickCase(string Op, string Type, int M, int N, int K, int Threads, string Impl, double Flops, Action Run)
{
    /// <summary>Bytes that must move per call for memory-bound kernels (0 when compute-bound).</summary>
    public double Bytes { get; init; }

    /// <summary>Report the rate as a percentage of the FMA peak for <see cref="Threads"/> cores.</summary>
    public bool GemmLike { get; init; }
}
