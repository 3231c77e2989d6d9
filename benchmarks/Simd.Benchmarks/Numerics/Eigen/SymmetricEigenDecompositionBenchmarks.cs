using BenchmarkDotNet.Attributes;
using Simd.Numerics;
using Simd.Numerics.Eigen;

namespace Simd.Benchmarks.Numerics.Eigen;

/// <summary>Symmetric eigen-decomposition: values only, values and vectors, and the 10 largest pairs.</summary>
[MemoryDiagnoser]
public class SymmetricEigenDecompositionBenchmarks
{
    private Matrix<double> _a = new(0, 0);

    /// <summary>Matrix order.</summary>
    [Params(256, 1024)]
    public int N { get; set; }

    /// <summary>A seeded random symmetric matrix.</summary>
    [GlobalSetup]
    public void Setup()
    {
        double[] v = Data.Vector<double>(N * N, 1);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < i; j++)
                v[j * N + i] = v[i * N + j];
        _a = new Matrix<double>(v, N, N);
    }

    /// <summary>All eigenvalues.</summary>
    [Benchmark(Baseline = true)]
    public SymmetricEigenDecomposition<double> ValuesOnly() => SymmetricEigenDecomposition<double>.Compute(_a, computeVectors: false);

    /// <summary>All eigenpairs.</summary>
    [Benchmark]
    public SymmetricEigenDecomposition<double> WithVectors() => SymmetricEigenDecomposition<double>.Compute(_a);

    /// <summary>The 10 largest eigenpairs.</summary>
    [Benchmark]
    public SymmetricEigenDecomposition<double> Top10() => SymmetricEigenDecomposition<double>.ComputeLargest(_a, 10);
}
