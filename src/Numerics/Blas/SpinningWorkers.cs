using System;
using System.Diagnostics;
using System.Threading;

namespace Simd.Numerics.Blas;

/// <summary>
/// The helper threads of <see cref="ParallelJob{TWork}"/>: one dedicated thread per extra core, which after each job
/// spins for <see cref="SpinMilliseconds"/> before it blocks, so that the next fork of the same computation finds it
/// running (as OpenBLAS's and OpenMP's worker threads do).
/// </summary>
/// <remarks>
/// Why: a blocked thread pool worker on an idle virtual CPU took 0.6–1.8 ms on average to start a queued job on the
/// 2-core KVM guest this was measured on (fork–join latency counted inside <c>ParallelJob</c>), against ~1 µs for a
/// spinning one; a blocked factorization forks tens of times, so the two-thread Cholesky inverse ran no faster than one
/// thread. The caller likewise spins before it blocks on a job's completion. When every worker is busy (nested jobs,
/// more threads than cores), helpers fall back to the thread pool; the caller claims parts too, so nothing can deadlock.
/// Which thread runs a part never changes its bits.
/// </remarks>
internal static class SpinningWorkers
{
    /// <summary>How long an idle worker (or a waiting caller) spins before it blocks.</summary>
    internal const int SpinMilliseconds = 1;

    private static readonly long SpinTicks = Stopwatch.Frequency * SpinMilliseconds / 1000;

    private sealed class Worker
    {
        public IThreadPoolWorkItem? Item;
        public volatile bool Sleeping;
        public readonly SemaphoreSlim Wake = new(0);
    }

    private static readonly Worker[] Workers = Start();

    private static Worker[] Start()
    {
        var workers = new Worker[Math.Max(0, Environment.ProcessorCount - 1)];
        for (int i = 0; i < workers.Length; i++)
        {
            Worker worker = workers[i] = new Worker();
            new Thread(() => Loop(worker)) { IsBackground = true, Name = "Simd worker " + (i + 1) }.Start();
        }
        return workers;
    }

    /// <summary>Hands <paramref name="item"/> to an idle worker, or to the thread pool when none is idle.</summary>
    public static void Queue(IThreadPoolWorkItem item)
    {
        foreach (Worker worker in Workers)
        {
            if (Interlocked.CompareExchange(ref worker.Item, item, null) is null)
            {
                // The exchange is a full fence: either the worker sees the item before it blocks, or we see Sleeping.
                if (worker.Sleeping)
                    worker.Wake.Release();
                return;
            }
        }
        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
    }

    /// <summary>Spins up to <see cref="SpinMilliseconds"/> for <paramref name="done"/>, then blocks on it.</summary>
    public static void Wait(ManualResetEventSlim done)
    {
        if (done.IsSet)
            return;
        long end = Stopwatch.GetTimestamp() + SpinTicks;
        while (!done.IsSet && Stopwatch.GetTimestamp() < end)
            Thread.SpinWait(20);
        done.Wait();
    }

    private static void Loop(Worker worker)
    {
        while (true)
        {
            long end = Stopwatch.GetTimestamp() + SpinTicks;
            IThreadPoolWorkItem? item;
            while ((item = Volatile.Read(ref worker.Item)) is null && Stopwatch.GetTimestamp() < end)
                Thread.SpinWait(20);
            if (item is null)
            {
                worker.Sleeping = true;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref worker.Item) is null)
                    worker.Wake.Wait();
                worker.Sleeping = false;
                continue;
            }
            item.Execute();
            Volatile.Write(ref worker.Item, null);
        }
    }
}
