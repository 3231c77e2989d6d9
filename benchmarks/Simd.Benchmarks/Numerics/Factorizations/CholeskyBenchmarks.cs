using System;
using BenchmarkDotNet.Attributes;
using Simd.Numerics;
using Simd.Numerics.Factorizations;

namespace Simd.Benchmarks.Numerics.Factorizations;

/// <summary>Cholesky factorization and inverse in place; MemoryDiagnoser shows that only pooled scratch is used.</summary>
[MemoryDiagnoser]
public class CholeskyBenchmarks
{
    private double[] _a = [], _work = [];

    /// <summary>Matrix order.</summary>
    [Params(256, 1024)]
    public int N { get; set; }

    /// <summary>A diagonally dominant SPD matrix.</summary>
    [GlobalSetup]
    public void Setup()
    {
        double[] r = Data.Vector<double>(N * N, 1);
        _a = new double[N * N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j <= i; j++)
                _a[i * N + j] = _a[j * N + i] = i == j ? N + Math.Abs(r[i * N + j]) : r[i * N + j];
        _work = new double[N * N];
    }

    /// <summary>Copy, then A = L·Lᵀ.</summary>
    [Benchmark(Baseline = true)]
    public bool Factor()
    {
        _a.CopyTo(_work);
        return Cholesky.TryFactorInPlace(new MatrixSpan<double>(_work, N, N), out _);
    }

    /// <summary>Copy, factor, invert.</summary>
    [Benchmark]
    public void Invert()
    {
        _a.CopyTo(_work);
        var a = new MatrixSpan<double>(_work, N, N);
        Cholesky.TryFactorInPlace(a, out _);
        Cholesky.InvertInPlace(a);
    }
}
