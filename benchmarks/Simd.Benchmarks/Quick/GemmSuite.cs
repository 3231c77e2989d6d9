using System;
using System.Collections.Generic;
using System.Numerics;
using Simd.Benchmarks.Peers;
using Simd.Numerics;
using Simd.Numerics.Blas;
using MathNetMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace Simd.Benchmarks.Quick;

/// <summary>
/// GEMM (op "gemm", 2mnk flops) on square n ∈ {64 … 2048} in double and float on 1 and 2 threads, the tall-skinny
/// products 10000×64·64×64 and 64×10000·10000×64, and SYRK (op "syrk", n(n+1)k flops) at n = 1024 with the GEMM
/// it replaces (impl "simd_gemm": A·Aᵀ in full, rated at the same n(n+1)k flops, so its ratio column is SYRK's speed-up);
/// against OpenBLAS (cblas_dgemm/sgemm/dsyrk) and, at n = 1024, Math.NET's managed multiply on 1 and all threads.
/// </summary>
internal sealed class GemmSuite : IQuickSuite
{
    private static readonly int[] Sizes = [64, 128, 256, 512, 1024, 2048];

    /// <summary><c>SIMD_GEMM_SIZES=512,1024</c> restricts the square sizes (and skips the other shapes unless listed:
    /// <c>tall</c>, <c>syrk</c>, <c>mathnet</c>), for quicker tuning runs; unset, everything runs.</summary>
    private static readonly string[]? Only = Environment.GetEnvironmentVariable("SIMD_GEMM_SIZES")?.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static bool Selected(string what) => Only is null || Array.IndexOf(Only, what) >= 0;

    public IEnumerable<QuickCase> Cases()
    {
        int maxThreads = Math.Min(2, Environment.ProcessorCount);
        foreach (int n in Sizes)
        {
            if (!Selected(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                continue;
            for (int threads = 1; threads <= maxThreads; threads++)
            {
                foreach (QuickCase c in Square<double>(n, threads))
                    yield return c;
                foreach (QuickCase c in Square<float>(n, threads))
                    yield return c;
            }
        }

        if (Selected("tall"))
        {
            foreach (QuickCase c in Rectangular(10000, 64, 64))
                yield return c;
            foreach (QuickCase c in Rectangular(64, 64, 10000))
                yield return c;
        }

        if (Selected("syrk"))
            for (int threads = 1; threads <= maxThreads; threads++)
                foreach (QuickCase c in SymmetricRankUpdate(1024, threads))
                    yield return c;

        if (Selected("mathnet"))
            foreach (QuickCase c in MathNetCases(1024, maxThreads))
                yield return c;
    }

    /// <summary>Math.NET's managed provider at n = 1024, like with like: one thread against Simd on one thread, all
    /// cores against Simd on all cores. Its managed multiply is parallel by default (Control.MaxDegreeOfParallelism =
    /// processor count), so the thread count is set before every call (the setting is process-wide); Simd's rows for
    /// the same size and thread count are timed first in <see cref="Cases"/> (n = 1024 must be selected).</summary>
    private static IEnumerable<QuickCase> MathNetCases(int n, int maxThreads)
    {
        var ma = MathNetMatrix.Build.Dense(n, n, Data.Vector<double>(n * n, 1));
        var mb = MathNetMatrix.Build.Dense(n, n, Data.Vector<double>(n * n, 2));
        var mc = MathNetMatrix.Build.Dense(n, n);
        int defaultDegree = global::MathNet.Numerics.Control.MaxDegreeOfParallelism;
        for (int threads = 1; threads <= maxThreads; threads++)
        {
            int degree = threads;
            yield return new QuickCase("gemm", "f64", n, n, n, threads, "mathnet", 2.0 * n * n * n, () =>
            {
                global::MathNet.Numerics.Control.MaxDegreeOfParallelism = degree;
                ma.Multiply(mb, mc);
            }) { GemmLike = true };
        }
        global::MathNet.Numerics.Control.MaxDegreeOfParallelism = defaultDegree;
    }

    private static IEnumerable<QuickCase> Square<T>(int n, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] a = Data.Vector<T>(n * n, 1), b = Data.Vector<T>(n * n, 2), c = new T[n * n];
        string type = typeof(T) == typeof(double) ? "f64" : "f32";
        double flops = 2.0 * n * n * n;
        var parallelism = Parallelism.WithMaxThreads(threads);
        yield return new QuickCase("gemm", type, n, n, n, threads, "simd", flops,
            () => Gemm.Multiply(T.One, new ReadOnlyMatrixSpan<T>(a, n, n), MatrixOp.None, new ReadOnlyMatrixSpan<T>(b, n, n),
                MatrixOp.None, T.Zero, new MatrixSpan<T>(c, n, n), parallelism)) { GemmLike = true };
        if (OpenBlas.IsAvailable)
            yield return new QuickCase("gemm", type, n, n, n, threads, "openblas", flops, OpenBlasGemm(a, b, c, n, n, n)) { GemmLike = true };
    }

    private static IEnumerable<QuickCase> Rectangular(int m, int n, int k)
    {
        double[] a = Data.Vector<double>(m * k, 1), b = Data.Vector<double>(k * n, 2), c = new double[m * n];
        double flops = 2.0 * m * n * k;
        yield return new QuickCase("gemm", "f64", m, n, k, 1, "simd", flops,
            () => Gemm.Multiply(1.0, new ReadOnlyMatrixSpan<double>(a, m, k), MatrixOp.None, new ReadOnlyMatrixSpan<double>(b, k, n),
                MatrixOp.None, 0.0, new MatrixSpan<double>(c, m, n), Parallelism.Sequential)) { GemmLike = true };
        if (OpenBlas.IsAvailable)
            yield return new QuickCase("gemm", "f64", m, n, k, 1, "openblas", flops, OpenBlasGemm(a, b, c, m, n, k)) { GemmLike = true };
    }

    private static IEnumerable<QuickCase> SymmetricRankUpdate(int n, int threads)
    {
        double[] a = Data.Vector<double>(n * n, 1), c = new double[n * n];
        double flops = (double)n * (n + 1) * n;
        var parallelism = Parallelism.WithMaxThreads(threads);
        yield return new QuickCase("syrk", "f64", n, n, n, threads, "simd", flops,
            () => Syrk.Update(1.0, new ReadOnlyMatrixSpan<double>(a, n, n), MatrixOp.None, 0.0, new MatrixSpan<double>(c, n, n),
                TriangularPart.Lower, parallelism)) { GemmLike = true };
        if (OpenBlas.IsAvailable)
            yield return new QuickCase("syrk", "f64", n, n, n, threads, "openblas", flops,
                () => OpenBlas.cblas_dsyrk(OpenBlas.RowMajor, OpenBlas.Lower, OpenBlas.NoTrans, n, n, 1.0, ref a[0], n, 0.0, ref c[0], n)) { GemmLike = true };
        // The same product through GEMM (C = A·Aᵀ in full), rated at SYRK's flop count: its "ratio" is SYRK's speed-up.
        yield return new QuickCase("syrk", "f64", n, n, n, threads, "simd_gemm", flops,
            () => Gemm.Multiply(1.0, new ReadOnlyMatrixSpan<double>(a, n, n), MatrixOp.None, new ReadOnlyMatrixSpan<double>(a, n, n),
                MatrixOp.Transpose, 0.0, new MatrixSpan<double>(c, n, n), parallelism)) { GemmLike = true };
    }

    private static Action OpenBlasGemm<T>(T[] a, T[] b, T[] c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            double[] da = (double[])(object)a, db = (double[])(object)b, dc = (double[])(object)c;
            return () => OpenBlas.cblas_dgemm(OpenBlas.RowMajor, OpenBlas.NoTrans, OpenBlas.NoTrans, m, n, k, 1.0, ref da[0], k, ref db[0], n, 0.0, ref dc[0], n);
        }
        float[] fa = (float[])(object)a, fb = (float[])(object)b, fc = (float[])(object)c;
        return () => OpenBlas.cblas_sgemm(OpenBlas.RowMajor, OpenBlas.NoTrans, OpenBlas.NoTrans, m, n, k, 1f, ref fa[0], k, ref fb[0], n, 0f, ref fc[0], n);
    }
}
