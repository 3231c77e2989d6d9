using System;
using BenchmarkDotNet.Attributes;
using Simd.Numerics;
using Simd.Numerics.Factorizations;

namespace Simd.Benchmarks.Numerics.Factorizations;

/// <summary>LU factorization and inverse in place; MemoryDiagnoser shows that only pooled scratch is used.</summary>
[MemoryDiagnoser]
public class LuBenchmarks
{
    private double[] _a = [], _work = [], _inverseWork = [];
    private int[] _pivots = [];

    /// <summary>Matrix order.</summary>
    [Params(256, 1024)]
    public int N { get; set; }

    /// <summary>Seeded inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = Data.Vector<double>(N * N, 1);
        _work = new double[N * N];
        _pivots = new int[N];
        _inverseWork = new double[Lu.GetInverseWorkspaceLength(N)];
    }

    /// <summary>Copy, then P·A = L·U.</summary>
    [Benchmark(Baseline = true)]
    public bool Factor()
    {
        _a.CopyTo(_work);
        return Lu.TryFactorInPlace(new MatrixSpan<double>(_work, N, N), _pivots, out _);
    }

    /// <summary>Copy, factor, invert.</summary>
    [Benchmark]
    public void Invert()
    {
        _a.CopyTo(_work);
        var a = new MatrixSpan<double>(_work, N, N);
        Lu.TryFactorInPlace(a, _pivots, out _);
        Lu.InvertInPlace(a, _pivots, _inverseWork);
    }
}
