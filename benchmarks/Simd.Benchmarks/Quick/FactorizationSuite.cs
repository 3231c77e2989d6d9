using System;
using System.Collections.Generic;
using Simd.Benchmarks.Peers;
using Simd.Numerics;
using Simd.Numerics.Factorizations;
using MathNetMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace Simd.Benchmarks.Quick;

/// <summary>
/// getrf (LU, ⅔n³), potrf (Cholesky, ⅓n³), getri (inverse through LU: getrf + getri, 2n³) and potri (inverse through
/// Cholesky: potrf + potri, n³) in double at n ∈ {256, 512, 1024, 2048} on 1 and 2 threads, against OpenBLAS's LAPACK
/// (dgetrf_, dgetri_, dpotrf_, dpotri_) and, for LU at n = 1024, Math.NET's managed LU.
/// </summary>
/// <remarks>Every call first copies the pristine matrix into the work buffer (n² element copies, the same for every
/// implementation), since the factorizations work in place.</remarks>
internal sealed class FactorizationSuite : IQuickSuite
{
    private static readonly int[] Sizes = [256, 512, 1024, 2048];

    public IEnumerable<QuickCase> Cases()
    {
        int maxThreads = Math.Min(2, Environment.ProcessorCount);
        foreach (int n in Sizes)
        {
            double[] general = General(n), spd = Spd(n), work = new double[n * n];
            var pivots = new int[n];
            double[] lapackWork = new double[64 * n], simdWork = new double[Lu.GetInverseWorkspaceLength(n)];
            double cube = (double)n * n * n;
            for (int threads = 1; threads <= maxThreads; threads++)
            {
                var par = Parallelism.WithMaxThreads(threads);
                yield return Case("getrf", n, threads, "simd", 2 * cube / 3, () =>
                {
                    general.CopyTo(work);
                    Lu.TryFactorInPlace(new MatrixSpan<double>(work, n, n), pivots, out _, par);
                });
                if (OpenBlas.IsAvailable)
                    yield return Case("getrf", n, threads, "openblas", 2 * cube / 3, () =>
                    {
                        general.CopyTo(work);
                        OpenBlas.Getrf(work, n, pivots);
                    });

                yield return Case("potrf", n, threads, "simd", cube / 3, () =>
                {
                    spd.CopyTo(work);
                    Cholesky.TryFactorInPlace(new MatrixSpan<double>(work, n, n), out _, par);
                });
                if (OpenBlas.IsAvailable)
                    yield return Case("potrf", n, threads, "openblas", cube / 3, () =>
                    {
                        spd.CopyTo(work);
                        OpenBlas.Potrf(work, n);
                    });

                yield return Case("getri", n, threads, "simd", 2 * cube, () =>
                {
                    general.CopyTo(work);
                    var a = new MatrixSpan<double>(work, n, n);
                    Lu.TryFactorInPlace(a, pivots, out _, par);
                    Lu.InvertInPlace(a, pivots, simdWork, par);
                });
                if (OpenBlas.IsAvailable)
                    yield return Case("getri", n, threads, "openblas", 2 * cube, () =>
                    {
                        general.CopyTo(work);
                        OpenBlas.Getrf(work, n, pivots);
                        OpenBlas.Getri(work, n, pivots, lapackWork);
                    });

                yield return Case("potri", n, threads, "simd", cube, () =>
                {
                    spd.CopyTo(work);
                    var a = new MatrixSpan<double>(work, n, n);
                    Cholesky.TryFactorInPlace(a, out _, par);
                    Cholesky.InvertInPlace(a, par);
                });
                if (OpenBlas.IsAvailable)
                    yield return Case("potri", n, threads, "openblas", cube, () =>
                    {
                        spd.CopyTo(work);
                        OpenBlas.Potrf(work, n);
                        OpenBlas.Potri(work, n);
                    });
            }

            if (n == 1024)
            {
                // Math.NET's managed provider (single-threaded LU).
                MathNetMatrix m = MathNetMatrix.Build.Dense(n, n, general);
                yield return Case("getrf", n, 1, "mathnet", 2 * cube / 3, () => m.LU());
            }
        }
    }

    private static QuickCase Case(string op, int n, int threads, string impl, double flops, Action run) =>
        new(op, "f64", n, n, 0, threads, impl, flops, run);

    /// <summary>A random matrix with a heavier diagonal (nonsingular, realistic pivoting).</summary>
    private static double[] General(int n)
    {
        double[] a = Data.Vector<double>(n * n, n);
        for (int i = 0; i < n; i++)
            a[i * n + i] += 2;
        return a;
    }

    /// <summary>An SPD matrix: symmetric random entries in [−1, 1) plus n on the diagonal (diagonally dominant).</summary>
    private static double[] Spd(int n)
    {
        double[] r = Data.Vector<double>(n * n, n + 1), a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i * n + j] = a[j * n + i] = i == j ? n + Math.Abs(r[i * n + j]) : r[i * n + j];
        return a;
    }
}
