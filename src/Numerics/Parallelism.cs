using System;

namespace Simd.Numerics;

/// <summary>
/// How many threads a routine may use. Passed explicitly, never global state (faer's <c>Par</c>).
/// </summary>
/// <remarks>
/// The default value (<see cref="Auto"/>) lets a routine use every core once the work is large enough to
/// pay for it. Every routine in Simd splits work over disjoint output blocks, never over a reduction, so
/// results are bitwise identical for every <see cref="Parallelism"/> on the same machine.
/// </remarks>
public readonly record struct Parallelism
{
    private readonly int _maxThreads;

    private Parallelism(int maxThreads) => _maxThreads = maxThreads;

    /// <summary>Use up to <see cref="Environment.ProcessorCount"/> threads when the work pays for it.</summary>
    public static Parallelism Auto => default;

    /// <summary>Run on the calling thread only.</summary>
    public static Parallelism Sequential => new(1);

    /// <summary>Use at most <paramref name="maxThreads"/> threads (the calling thread included).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxThreads"/> is less than 1.</exception>
    public static Parallelism WithMaxThreads(int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        return new Parallelism(maxThreads);
    }

    /// <summary>The thread budget this value grants on this machine (at least 1).</summary>
    public int MaxThreads => _maxThreads == 0 ? Environment.ProcessorCount : Math.Min(_maxThreads, Environment.ProcessorCount * 4);

    /// <summary>Number of threads to use for <paramref name="work"/> units when each thread should get at least
    /// <paramref name="minWorkPerThread"/> units.</summary>
    internal int ThreadsFor(double work, double minWorkPerThread) =>
        (int)Math.Clamp(work / minWorkPerThread, 1, MaxThreads);
}
