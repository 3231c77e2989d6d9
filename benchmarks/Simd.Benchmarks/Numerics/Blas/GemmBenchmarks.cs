using BenchmarkDotNet.Attributes;
using Simd.Numerics;
using Simd.Numerics.Blas;

namespace Simd.Benchmarks.Numerics.Blas;

/// <summary>Square DGEMM and SGEMM on one thread, both sides of the register-tile and slab boundaries; the tall-skinny
/// H = X·W; SYRK against the GEMM it replaces. MemoryDiagnoser proves zero allocations per call.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private double[] _a = [], _b = [], _c = [];
    private float[] _af = [], _bf = [], _cf = [];
    private double[] _x = [], _w = [], _h = [];

    /// <summary>Matrix order.</summary>
    [Params(64, 257, 1024)]
    public int N { get; set; }

    /// <summary>Seeded inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = Data.Vector<double>(N * N, 1);
        _b = Data.Vector<double>(N * N, 2);
        _c = new double[N * N];
        _af = Data.Vector<float>(N * N, 1);
        _bf = Data.Vector<float>(N * N, 2);
        _cf = new float[N * N];
        _x = Data.Vector<double>(10000 * 64, 3);
        _w = Data.Vector<double>(64 * 64, 4);
        _h = new double[10000 * 64];
    }

    /// <summary>C = A·B in double.</summary>
    [Benchmark(Baseline = true)]
    public void Dgemm() => Gemm.Multiply(1.0, new ReadOnlyMatrixSpan<double>(_a, N, N), MatrixOp.None,
        new ReadOnlyMatrixSpan<double>(_b, N, N), MatrixOp.None, 0.0, new MatrixSpan<double>(_c, N, N), Parallelism.Sequential);

    /// <summary>C = Aᵀ·Bᵀ + C in double (both operands through the transposing packers).</summary>
    [Benchmark]
    public void DgemmTransposed() => Gemm.Multiply(1.0, new ReadOnlyMatrixSpan<double>(_a, N, N), MatrixOp.Transpose,
        new ReadOnlyMatrixSpan<double>(_b, N, N), MatrixOp.Transpose, 1.0, new MatrixSpan<double>(_c, N, N), Parallelism.Sequential);

    /// <summary>C = A·B in float.</summary>
    [Benchmark]
    public void Sgemm() => Gemm.Multiply(1f, new ReadOnlyMatrixSpan<float>(_af, N, N), MatrixOp.None,
        new ReadOnlyMatrixSpan<float>(_bf, N, N), MatrixOp.None, 0f, new MatrixSpan<float>(_cf, N, N), Parallelism.Sequential);

    /// <summary>C = A·B in double on every core.</summary>
    [Benchmark]
    public void DgemmParallel() => Gemm.Multiply(1.0, new ReadOnlyMatrixSpan<double>(_a, N, N), MatrixOp.None,
        new ReadOnlyMatrixSpan<double>(_b, N, N), MatrixOp.None, 0.0, new MatrixSpan<double>(_c, N, N), Parallelism.Auto);

    /// <summary>Lower triangle of C = A·Aᵀ (half the flops of <see cref="Dgemm"/>).</summary>
    [Benchmark]
    public void Dsyrk() => Syrk.Update(1.0, new ReadOnlyMatrixSpan<double>(_a, N, N), MatrixOp.None, 0.0,
        new MatrixSpan<double>(_c, N, N), TriangularPart.Lower, Parallelism.Sequential);

    /// <summary>H = X·W, 10000×64 · 64×64 (independent of N).</summary>
    [Benchmark]
    public void TallSkinny() => Gemm.Multiply(1.0, new ReadOnlyMatrixSpan<double>(_x, 10000, 64), MatrixOp.None,
        new ReadOnlyMatrixSpan<double>(_w, 64, 64), MatrixOp.None, 0.0, new MatrixSpan<double>(_h, 10000, 64), Parallelism.Sequential);
}
