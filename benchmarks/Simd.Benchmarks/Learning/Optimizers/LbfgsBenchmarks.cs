using BenchmarkDotNet.Attributes;
using Simd.Benchmarks.Peers;

namespace Simd.Benchmarks.Learning.Optimizers;

/// <summary>One L-BFGS iteration's overhead (everything but the objective) at p = 10⁶, m = 10: O(m·p) memory-bound
/// work, about 984 MB per iteration (see <see cref="LbfgsIterationWorkload"/>); effective GB/s = 0.984 / seconds.
/// MemoryDiagnoser proves the iteration allocates nothing.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class LbfgsBenchmarks
{
    private LbfgsIterationWorkload _work = null!;

    /// <summary>Parameters.</summary>
    [Params(1_000_000)]
    public int P { get; set; }

    /// <summary>Memory pairs.</summary>
    [Params(10)]
    public int M { get; set; }

    /// <summary>Allocates the vectors and fills the memory with valid pairs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _work = new LbfgsIterationWorkload(P, M);
        OpenBlas.SetThreads(1);
    }

    /// <summary>Two-loop recursion only.</summary>
    [Benchmark]
    public void Direction() => _work.Direction();

    /// <summary>The whole per-iteration vector work.</summary>
    [Benchmark(Baseline = true)]
    public double Iteration() => _work.Iteration();

    /// <summary>The same sequence with OpenBLAS BLAS-1 (single thread).</summary>
    [Benchmark]
    public double IterationOpenBlas() => OpenBlas.IsAvailable ? _work.IterationOpenBlas() : 0;
}
