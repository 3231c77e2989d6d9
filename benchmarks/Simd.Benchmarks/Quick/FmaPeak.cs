using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;
using Simd.Numerics.Kernels;

namespace Simd.Benchmarks.Quick;

/// <summary>
/// Measures this machine's fused multiply-add peak with a register-only loop at the widest width this run
/// accelerates: twelve independent accumulators cover the FMA latency (4 cycles) times two pipes with room to spare,
/// and nothing touches memory, so the loop runs at the issue rate of the FMA units.
/// </summary>
internal static class FmaPeak
{
    /// <summary>GFLOP/s of one core, or of <paramref name="threads"/> cores running the loop at once.</summary>
    public static double Measure<T>(int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            return Run<T, Vector512<T>, Vector512Ops<T>>(threads);
        if (Vector256Ops<T>.IsAccelerated)
            return Run<T, Vector256<T>, Vector256Ops<T>>(threads);
        if (Vector128Ops<T>.IsAccelerated)
            return Run<T, Vector128<T>, Vector128Ops<T>>(threads);
        return double.NaN;
    }

    private static double Run<T, TVec, TOps>(int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        const long Iterations = 100_000_000; // about 0.35 s per thread at one 512-bit FMA per cycle
        Loop<T, TVec, TOps>(1000); // JIT
        double best = 0;
        for (int trial = 0; trial < 3; trial++)
        {
            // Dedicated threads that spin until released together: threads parked on a barrier are all woken onto
            // the waker's core and ran one after the other for most of the loop (two threads measured one core's
            // rate); spinning threads are runnable, so the scheduler spreads them over the cores before the start.
            int ready = 0, go = 0;
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    Interlocked.Increment(ref ready);
                    while (Volatile.Read(ref go) == 0)
                        Thread.SpinWait(20);
                    Loop<T, TVec, TOps>(Iterations);
                });
                workers[t].Start();
            }
            while (Volatile.Read(ref ready) < threads)
                Thread.Sleep(1);
            Thread.Sleep(50);
            var watch = Stopwatch.StartNew();
            Volatile.Write(ref go, 1);
            foreach (Thread worker in workers)
                worker.Join();
            double seconds = watch.Elapsed.TotalSeconds;
            best = Math.Max(best, threads * Iterations * 12.0 * 2 * TOps.Count / seconds / 1e9);
        }
        return best;
    }

    // Fully optimized from the first call, so no thread runs tier-0 code (accumulators on the stack) mid-measurement.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Loop<T, TVec, TOps>(long iterations)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        TVec m = TOps.Broadcast(T.CreateTruncating(0.999999)), a = TOps.Broadcast(T.CreateTruncating(1e-7));
        TVec c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero, c4 = TOps.Zero, c5 = TOps.Zero;
        TVec c6 = TOps.Zero, c7 = TOps.Zero, c8 = TOps.Zero, c9 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
        for (long i = 0; i < iterations; i++)
        {
            c0 = TOps.MultiplyAdd(c0, m, a); c1 = TOps.MultiplyAdd(c1, m, a); c2 = TOps.MultiplyAdd(c2, m, a);
            c3 = TOps.MultiplyAdd(c3, m, a); c4 = TOps.MultiplyAdd(c4, m, a); c5 = TOps.MultiplyAdd(c5, m, a);
            c6 = TOps.MultiplyAdd(c6, m, a); c7 = TOps.MultiplyAdd(c7, m, a); c8 = TOps.MultiplyAdd(c8, m, a);
            c9 = TOps.MultiplyAdd(c9, m, a); c10 = TOps.MultiplyAdd(c10, m, a); c11 = TOps.MultiplyAdd(c11, m, a);
        }
        TVec s = TOps.Add(TOps.Add(TOps.Add(c0, c1), TOps.Add(c2, c3)), TOps.Add(TOps.Add(c4, c5), TOps.Add(c6, c7)));
        return TOps.Sum(TOps.Add(s, TOps.Add(TOps.Add(c8, c9), TOps.Add(c10, c11))));
    }
}
