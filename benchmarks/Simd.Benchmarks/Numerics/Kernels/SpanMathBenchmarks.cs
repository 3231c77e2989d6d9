using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Simd.Numerics.Kernels;

namespace Simd.Benchmarks.Numerics.Kernels;

/// <summary>BLAS-1 span kernels against TensorPrimitives, in cache (4096) and from memory (10⁶);
/// MemoryDiagnoser proves the kernels allocate nothing.</summary>
[MemoryDiagnoser]
public class SpanMathBenchmarks
{
    private double[] _x = [], _y = [];

    /// <summary>Vector length.</summary>
    [Params(4096, 1_000_000)]
    public int N { get; set; }

    /// <summary>Seeded inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Vector<double>(N, 1);
        _y = Data.Vector<double>(N, 2);
    }

    /// <summary>The peer.</summary>
    [Benchmark(Baseline = true)]
    public double DotTensorPrimitives() => TensorPrimitives.Dot<double>(_x, _y);

    /// <summary>Simd's dot.</summary>
    [Benchmark]
    public double Dot() => SpanMath.Dot<double>(_x, _y);

    /// <summary>Simd's axpy (tiny α keeps y bounded across iterations).</summary>
    [Benchmark]
    public void Axpy() => SpanMath.Axpy<double>(1e-12, _x, _y);

    /// <summary>The peer's fused multiply-add into y.</summary>
    [Benchmark]
    public void AxpyTensorPrimitives() => TensorPrimitives.MultiplyAdd<double>(_x, 1e-12, _y, _y);

    /// <summary>Overflow-safe 2-norm.</summary>
    [Benchmark]
    public double Norm2() => SpanMath.Norm2<double>(_x);

    /// <summary>The peer's (unscaled) 2-norm.</summary>
    [Benchmark]
    public double Norm2TensorPrimitives() => TensorPrimitives.Norm<double>(_x);

    /// <summary>Element-wise sum.</summary>
    [Benchmark]
    public void Add() => SpanMath.Add<double>(_x, _y, _y);
}
