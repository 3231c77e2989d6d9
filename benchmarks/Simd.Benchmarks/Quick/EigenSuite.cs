using System;
using System.Collections.Generic;
using Simd.Benchmarks.Peers;
using Simd.Numerics;
using Simd.Numerics.Eigen;
using Simd.Numerics.Factorizations;
using MathNetMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace Simd.Benchmarks.Quick;

/// <summary>
/// Symmetric eigen (values only, values + vectors, top-k) against LAPACK dsyevd (impl openblas) and dsyev
/// (impl openblas_dsyev) from OpenBLAS, Math.NET's managed Evd at n = 1024, and least squares 10000×100 against dgels.
/// Every run starts from a fresh copy of the input (the copy is inside the timing for every implementation).
/// </summary>
internal sealed class EigenSuite : IQuickSuite
{
    private static readonly int[] Sizes = [128, 256, 512, 1024, 2048];

    /// <summary><c>SIMD_EIGEN_SIZES=1024,2048</c> restricts the orders (and skips least squares unless <c>gels</c> is
    /// listed), for quicker tuning runs; unset, everything runs.</summary>
    private static readonly string[]? Only = Environment.GetEnvironmentVariable("SIMD_EIGEN_SIZES")?.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static bool Selected(string what) => Only is null || Array.IndexOf(Only, what) >= 0;
    private const int TopK = 10;

    public IEnumerable<QuickCase> Cases()
    {
        foreach (int threads in new[] { 1, 2 })
            foreach (int n in Sizes)
            {
                if (!Selected(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    continue;
                double[] source = SymmetricRandom(n, n);
                var matrix = new Matrix<double>(source, n, n);
                double valuesFlops = 4.0 / 3 * n * n * n, vectorFlops = 9.0 * n * n * n;
                var par = Parallelism.WithMaxThreads(threads);
                var w = new double[n];
                var work = new double[n * n];

                yield return new QuickCase("syev", "f64", 0, n, 0, threads, "simd", valuesFlops,
                    () => SymmetricEigenDecomposition<double>.Compute(matrix, computeVectors: false, par));
                yield return new QuickCase("syev_vectors", "f64", 0, n, 0, threads, "simd", vectorFlops,
                    () => SymmetricEigenDecomposition<double>.Compute(matrix, computeVectors: true, par));
                yield return new QuickCase("syev_topk", "f64", 0, n, TopK, threads, "simd", valuesFlops,
                    () => SymmetricEigenDecomposition<double>.ComputeLargest(matrix, TopK, par));

                if (OpenBlas.IsAvailable)
                {
                    var wsN = new OpenBlas.SyevWorkspace();
                    var wsV = new OpenBlas.SyevWorkspace();
                    var ws1 = new OpenBlas.SyevWorkspace();
                    var ws2 = new OpenBlas.SyevWorkspace();
                    yield return new QuickCase("syev", "f64", 0, n, 0, threads, "openblas", valuesFlops,
                        () => { source.CopyTo(work, 0); Check(OpenBlas.Dsyevd(false, n, work, w, wsN)); });
                    yield return new QuickCase("syev_vectors", "f64", 0, n, 0, threads, "openblas", vectorFlops,
                        () => { source.CopyTo(work, 0); Check(OpenBlas.Dsyevd(true, n, work, w, wsV)); });
                    yield return new QuickCase("syev", "f64", 0, n, 0, threads, "openblas_dsyev", valuesFlops,
                        () => { source.CopyTo(work, 0); Check(OpenBlas.Dsyev(false, n, work, w, ws1)); });
                    if (n <= 1024) // about 9 s per call at n = 2048
                        yield return new QuickCase("syev_vectors", "f64", 0, n, 0, threads, "openblas_dsyev", vectorFlops,
                            () => { source.CopyTo(work, 0); Check(OpenBlas.Dsyev(true, n, work, w, ws2)); });
                }
                if (n == 1024 && threads == 1)
                {
                    var mathNet = MathNetMatrix.Build.Dense(n, n, source);
                    yield return new QuickCase("syev_vectors", "f64", 0, n, 0, threads, "mathnet", vectorFlops,
                        () => mathNet.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric));
                }
            }

        // Least squares, m = 10000, n = 100, one right-hand side.
        if (!Selected("gels"))
            yield break;
        const int m = 10000, cols = 100;
        double[] a = Data.Vector<double>(m * cols, 3), b = Data.Vector<double>(m, 4);
        var am = new Matrix<double>(a, m, cols);
        double gelsFlops = 2.0 * m * cols * cols - 2.0 / 3 * cols * cols * cols;
        var x = new double[cols];
        var aCol = new double[m * cols];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < cols; j++)
                aCol[j * m + i] = a[i * cols + j];
        var aWork = new double[m * cols];
        var bWork = new double[m];
        foreach (int threads in new[] { 1, 2 })
        {
            var par = Parallelism.WithMaxThreads(threads);
            yield return new QuickCase("gels", "f64", m, cols, 1, threads, "simd", gelsFlops,
                () => QrFactorization<double>.Compute(am, par).Solve(b, x));
            if (OpenBlas.IsAvailable)
            {
                var ws = new OpenBlas.SyevWorkspace();
                yield return new QuickCase("gels", "f64", m, cols, 1, threads, "openblas", gelsFlops,
                    () => { aCol.CopyTo(aWork, 0); b.CopyTo(bWork, 0); Check(OpenBlas.Dgels(m, cols, 1, aWork, bWork, ws)); });
            }
        }
    }

    private static void Check(int info)
    {
        if (info != 0)
            throw new InvalidOperationException($"LAPACK returned info = {info}.");
    }

    private static double[] SymmetricRandom(int n, int seed)
    {
        double[] v = Data.Vector<double>(n * n, seed);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                v[j * n + i] = v[i * n + j];
        return v;
    }
}
