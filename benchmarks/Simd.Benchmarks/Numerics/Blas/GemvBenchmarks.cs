using BenchmarkDotNet.Attributes;
using Simd.Numerics;
using Simd.Numerics.Blas;

namespace Simd.Benchmarks.Numerics.Blas;

/// <summary>y = A·x and y = Aᵀ·x on a square matrix; MemoryDiagnoser proves zero allocations.</summary>
[MemoryDiagnoser]
public class GemvBenchmarks
{
    private double[] _a = [], _x = [], _y = [];

    /// <summary>Matrix order.</summary>
    [Params(256, 2048)]
    public int N { get; set; }

    /// <summary>Seeded inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = Data.Vector<double>(N * N, 1);
        _x = Data.Vector<double>(N, 2);
        _y = new double[N];
    }

    /// <summary>y = A·x.</summary>
    [Benchmark(Baseline = true)]
    public void Multiply() => Gemv.Multiply(1.0, new ReadOnlyMatrixSpan<double>(_a, N, N), MatrixOp.None, _x, 0.0, _y);

    /// <summary>y = Aᵀ·x.</summary>
    [Benchmark]
    public void MultiplyTransposed() => Gemv.Multiply(1.0, new ReadOnlyMatrixSpan<double>(_a, N, N), MatrixOp.Transpose, _x, 0.0, _y);
}
