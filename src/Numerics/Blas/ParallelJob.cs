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
/// Fork–join without allocating in steady state: a pooled job is handed to <c>threads − 1</c> helpers (the
/// <see cref="SpinningWorkers"/>, else the .NET thread pool), and every participant, the caller included, first runs
/// the parts it owns, then claims any part nobody has taken until none is left.
/// </summary>
/// <remarks>
/// <para>The parts are fixed before any thread starts, and a part computes the same bits whichever thread claims it,
/// so results never depend on the number of threads or on scheduling. Because the caller claims parts too, a
/// saturated pool only costs speed, never a deadlock. A job goes back to the pool when its last participant leaves,
/// so a pool thread that starts late (after the caller returned) finds nothing to claim and touches no operand.</para>
/// <para>Ownership: participant s of T (the caller is 0, helpers number themselves as they join) owns parts
/// [s·parts/T, (s+1)·parts/T). Successive jobs of one computation cut their data the same way, so a core keeps
/// working on the rows it worked on before. First come, first served moved them between the cores at random, which on
/// this 2-core host, whose cores do not always share a cache, made stretches of the two-thread tridiagonalization
/// twice as slow (see <c>Tridiagonalization.PassJob.Claim</c>).</para>
/// </remarks>
internal sealed class ParallelJob<TWork> : IThreadPoolWorkItem
    where TWork : struct, IPartitionedWork
{
    private static readonly Stack<ParallelJob<TWork>> Pool = new();

    private readonly ManualResetEventSlim _done = new(false);
    private TWork _work;
    private int[] _claims = [];
    private int _parts, _participants, _joined, _completed, _references;
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
        if (job._claims.Length < parts)
            job._claims = new int[parts];
        Array.Clear(job._claims, 0, parts);
        job._participants = helpers + 1;
        job._joined = 0;
        job._completed = 0;
        job._error = null;
        job._references = helpers + 1;
        job._done.Reset();
        for (int i = 0; i < helpers; i++)
            SpinningWorkers.Queue(job);

        job.Participate(0);
        SpinningWorkers.Wait(job._done);
        Exception? error = job._error;
        job.Release();
        if (error is not null)
            ExceptionDispatchInfo.Throw(error);
    }

    void IThreadPoolWorkItem.Execute()
    {
        Participate(Interlocked.Increment(ref _joined));
        Release();
    }

    private void Participate(int self)
    {
        if (self < _participants)
            for (int part = self * _parts / _participants, end = (self + 1) * _parts / _participants; part < end; part++)
                TryRun(part);
        for (int part = 0; part < _parts; part++)
            TryRun(part);
    }

    private void TryRun(int part)
    {
        if (Interlocked.CompareExchange(ref _claims[part], 1, 0) == 0)
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
