using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Simd.Numerics.Blas;

/// <summary>A piece of work split into a fixed number of parts; part <c>i</c> must write only its own outputs.</summary>
internal interface IPartitionedWork
{
    /// <summary>Runs part <paramref name="part"/>.</summary>
    void Run(int part);
}

/// <summary>
/// Fork–join over the .NET thread pool without allocating in steady state: a pooled job is queued to
/// <c>threads − 1</c> pool threads, and every participant, the caller included, claims parts until none is left.
/// </summary>
/// <remarks>
/// The parts are fixed before any thread starts, and a part computes the same bits whichever thread claims it,
/// so results never depend on the number of threads or on scheduling. Because the caller claims parts too, a
/// saturated pool only costs speed, never a deadlock. A job goes back to the pool when its last participant leaves,
/// so a pool thread that starts late (after the caller returned) finds nothing to claim and touches no operand.
/// </remarks>
internal sealed class ParallelJob<TWork> : IThreadPoolWorkItem, IHelperShare
    where TWork : struct, IPartitionedWork
{
    private static readonly Stack<ParallelJob<TWork>> Pool = new();

    private readonly ManualResetEventSlim _done = new(false);
    private TWork _work;
    private int _parts, _nextPart, _completed, _references;
    private Exception? _error;

    /// <summary>Runs parts 0..<paramref name="parts"/>−1 of <paramref name="work"/> on up to <paramref name="threads"/>
    /// threads and returns when all are done; rethrows the first exception a part threw.</summary>
    public static void Run(in TWork work, int parts, int threads)
    {
        ParallelJob<TWork>? job;
        lock (Pool)
            Pool.TryPop(out job);
        job ??= new ParallelJob<TWork>();

        int helpers = Math.Min(threads, parts) - 1;
        job._work = work;
        job._parts = parts;
        job._nextPart = 0;
        job._completed = 0;
        job._error = null;
        job._references = helpers + 1;
        job._done.Reset();
        for (int i = 0; i < helpers; i++)
            if (!WarmHelpers.TryHandOff(job))
                ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);

        job.Participate();
        if (WarmHelpers.IsWarm)
        {
            // A helper that finishes last would otherwise have to wake a blocked caller.
            var spinner = new SpinWait();
            while (!job._done.IsSet)
                spinner.SpinOnce(sleep1Threshold: -1);
        }
        job._done.Wait();
        Exception? error = job._error;
        job.Release();
        if (error is not null)
            ExceptionDispatchInfo.Throw(error);
    }

    void IThreadPoolWorkItem.Execute()
    {
        RunShare();
        WarmHelpers.WaitForWork();
    }

    /// <inheritdoc/>
    public void RunShare()
    {
        Participate();
        Release();
    }

    private void Participate()
    {
        int part;
        while ((part = Interlocked.Increment(ref _nextPart) - 1) < _parts)
        {
            try
            {
                _work.Run(part);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            if (Interlocked.Increment(ref _completed) == _parts)
                _done.Set();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _work = default;
            lock (Pool)
                Pool.Push(this);
        }
    }
}

/// <summary>A helper's share of a job: claim parts until none is left, then let go of the job.</summary>
internal interface IHelperShare
{
    /// <summary>Runs the helper's share of the job.</summary>
    void RunShare();
}

/// <summary>
/// Keeps pool threads that helped with a job on the CPU, waiting for the next job, while a routine with many short
/// parallel steps runs (<see cref="Enter"/>): waking a blocked pool thread costs 50–200 µs on a virtual machine,
/// as much as a whole 128³ GEMM, and a factorization alternates parallel updates with sequential panel work.
/// </summary>
/// <remarks>
/// A job is handed to a waiting helper through one slot; when no helper waits (or the slot is taken) it is queued
/// to the thread pool as usual. A job handed off too late (its helper stopped waiting meanwhile) is not lost: the
/// caller claims every part that no helper claimed, and a later helper that takes the job finds nothing to claim.
/// Scheduling only: which thread runs a part never changes its bits.
/// </remarks>
internal static class WarmHelpers
{
    /// <summary>Longest time a helper waits for a job with no job arriving (milliseconds).</summary>
    private const long MaxIdleMilliseconds = 20;

    private static int s_scopes, s_waiting;
    private static IHelperShare? s_slot;

    /// <summary>Whether a warm scope is open.</summary>
    public static bool IsWarm => Volatile.Read(ref s_scopes) > 0;

    /// <summary>Opens a warm scope for a routine that may use <paramref name="threads"/> threads (nothing for one);
    /// dispose it when the routine ends.</summary>
    public static Scope Enter(int threads)
    {
        if (threads <= 1)
            return default;
        Interlocked.Increment(ref s_scopes);
        return new Scope(true);
    }

    /// <summary>Gives <paramref name="job"/> to a helper waiting in <see cref="WaitForWork"/>, if there is one.</summary>
    internal static bool TryHandOff(IHelperShare job) =>
        Volatile.Read(ref s_waiting) > 0 && Interlocked.CompareExchange(ref s_slot, job, null) is null;

    /// <summary>Called by a helper after its share: while a scope is open, runs the jobs handed to it; returns when
    /// every scope is closed or no job came for <see cref="MaxIdleMilliseconds"/>.</summary>
    internal static void WaitForWork()
    {
        if (!IsWarm)
            return;
        Interlocked.Increment(ref s_waiting);
        long idleSince = Environment.TickCount64;
        while (IsWarm && Environment.TickCount64 - idleSince < MaxIdleMilliseconds)
        {
            IHelperShare? job = Take();
            if (job is null)
            {
                Thread.SpinWait(20);
                continue;
            }
            job.RunShare();
            idleSince = Environment.TickCount64;
        }
        Interlocked.Decrement(ref s_waiting);
        Take()?.RunShare();                                       // handed off while this helper was leaving
    }

    private static IHelperShare? Take()
    {
        IHelperShare? job = Volatile.Read(ref s_slot);
        return job is not null && Interlocked.CompareExchange(ref s_slot, null, job) == job ? job : null;
    }

    /// <summary>An open warm scope; <see cref="Dispose"/> closes it.</summary>
    internal readonly struct Scope(bool active) : IDisposable
    {
        /// <summary>Closes the scope.</summary>
        public void Dispose()
        {
            if (active)
                Interlocked.Decrement(ref s_scopes);
        }
    }
}
