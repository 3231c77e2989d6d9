using BenchmarkDotNet.Attributes;
using Simd.Numerics;
using Simd.Numerics.Factorizations;

namespace Simd.Benchmarks.Numerics.Factorizations;

/// <summary>Householder QR and least squares on a tall matrix.</summary>
[MemoryDiagnoser]
public class QrFactorizationBenchmarks
{
    private Matrix<double> _a = new(0, 0);
    private double[] _b = [], _x = [];

    /// <summary>Rows (columns fixed at 100).</summary>
    [Params(1000, 10000)]
    public int M { get; set; }

    /// <summary>Seeded inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = new Matrix<double>(Data.Vector<double>(M * 100, 1), M, 100);
        _b = Data.Vector<double>(M, 2);
        _x = new double[100];
    }

    /// <summary>Factor only.</summary>
    [Benchmark(Baseline = true)]
    public QrFactorization<double> Factor() => QrFactorization<double>.Compute(_a);

    /// <summary>Factor and solve min ‖Ax − b‖₂.</summary>
    [Benchmark]
    public double LeastSquares() => QrFactorization<double>.Compute(_a).Solve(_b, _x);
}
