using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Simd.Numerics.Kernels;

namespace Simd.Benchmarks.Numerics.Kernels;

/// <summary>exp, tanh and sigmoid on floats in [−10, 10) against TensorPrimitives, in cache (4096) and from memory (10⁶).</summary>
[MemoryDiagnoser]
public class ActivationBenchmarks
{
    private float[] _x = [], _y = [];

    /// <summary>Vector length.</summary>
    [Params(4096, 1_000_000)]
    public int N { get; set; }

    /// <summary>Seeded inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Vector<float>(N, 1);
        for (int i = 0; i < _x.Length; i++)
            _x[i] *= 10;
        _y = new float[N];
    }

    /// <summary>The peer's exp.</summary>
    [Benchmark(Baseline = true)]
    public void ExpTensorPrimitives() => TensorPrimitives.Exp<float>(_x, _y);

    /// <summary>Simd's exp.</summary>
    [Benchmark]
    public void Exp() => SpanMath.Exp<float>(_x, _y);

    /// <summary>The peer's tanh.</summary>
    [Benchmark]
    public void TanhTensorPrimitives() => TensorPrimitives.Tanh<float>(_x, _y);

    /// <summary>Simd's tanh.</summary>
    [Benchmark]
    public void Tanh() => SpanMath.Tanh<float>(_x, _y);

    /// <summary>The peer's sigmoid.</summary>
    [Benchmark]
    public void SigmoidTensorPrimitives() => TensorPrimitives.Sigmoid<float>(_x, _y);

    /// <summary>Simd's sigmoid.</summary>
    [Benchmark]
    public void Sigmoid() => SpanMath.Sigmoid<float>(_x, _y);
}
