using System;
using System.Threading;

namespace Simd.TestSupport;

/// <summary>Steady-state allocation measurements.</summary>
public static class Allocations
{
    /// <summary>Bytes the calling thread allocates in <paramref name="calls"/> calls of <paramref name="action"/>, measured
    /// once the JIT has settled: tier-0 code, on-stack replacement and the switch to tier-1 code can allocate runtime
    /// objects on the calling thread during the first calls, which is start-up cost, not the routine's.</summary>
    public static long SteadyStateBytes(Action action, int calls = 3)
    {
        for (int i = 0; i < 64; i++)
            action();
        Thread.Sleep(250); // lets the tier-1 compilations queued by the calls above finish and install
        for (int i = 0; i < 64; i++)
            action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
            action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
