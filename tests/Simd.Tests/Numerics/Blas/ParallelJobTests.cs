using System;
using System.Threading;
using Simd.Numerics.Blas;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

/// <summary>The fork–join under the GEMM layer and the factorizations: every part runs exactly once whichever helper
/// (spinning worker or thread-pool fallback) claims it, also for more threads than cores, nested jobs and many jobs
/// in a row, and a part's exception reaches the caller.</summary>
public sealed class ParallelJobTests
{
    private sealed class Counters
    {
        public readonly int[] Runs;
        public Counters(int parts) => Runs = new int[parts];
    }

    private struct CountingWork : IPartitionedWork
    {
        public Counters Counters;
        public int NestedParts, NestedThreads;

        public readonly void Run(int part)
        {
            Interlocked.Increment(ref Counters.Runs[part]);
            if (NestedParts > 0)
            {
                var inner = new Counters(NestedParts);
                ParallelJob<CountingWork>.Run(new CountingWork { Counters = inner }, NestedParts, NestedThreads);
                foreach (int runs in inner.Runs)
                    if (runs != 1)
                        throw new InvalidOperationException($"a nested part ran {runs} times");
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 3)]
    [InlineData(16, 8)]
    public void EveryPartRunsExactlyOnce_ManyJobsInARow(int parts, int threads)
    {
        for (int job = 0; job < 200; job++)
        {
            var counters = new Counters(parts);
            ParallelJob<CountingWork>.Run(new CountingWork { Counters = counters }, parts, threads);
            Assert.All(counters.Runs, runs => Assert.Equal(1, runs));
        }
    }

    [Fact]
    public void NestedJobs_WithMoreThreadsThanCores_Complete()
    {
        for (int job = 0; job < 50; job++)
        {
            var counters = new Counters(4);
            ParallelJob<CountingWork>.Run(new CountingWork { Counters = counters, NestedParts = 5, NestedThreads = 3 }, 4, 4);
            Assert.All(counters.Runs, runs => Assert.Equal(1, runs));
        }
    }

    private struct ThrowingWork : IPartitionedWork
    {
        public readonly void Run(int part)
        {
            if (part == 2)
                throw new InvalidOperationException("part 2");
        }
    }

    [Fact]
    public void AnExceptionInAPart_ReachesTheCaller_AndLaterJobsStillRun()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ParallelJob<ThrowingWork>.Run(default, 4, 2));
        Assert.Equal("part 2", e.Message);
        var counters = new Counters(3);
        ParallelJob<CountingWork>.Run(new CountingWork { Counters = counters }, 3, 2);
        Assert.All(counters.Runs, runs => Assert.Equal(1, runs));
    }
}
