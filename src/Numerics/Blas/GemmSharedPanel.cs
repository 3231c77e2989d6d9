using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace Simd.Numerics.Blas;

/// <summary>
/// The state threads share when they split the rows of C but share the packed op(B): two pinned slab buffers
/// (double buffering) and the counters of the claim-and-help schedule of <see cref="GemmDriver{T, TKernel}"/>.
/// Pooled, so a threaded product allocates nothing in steady state.
/// </summary>
/// <remarks>
/// Schedule. The product is a sequence of slabs s = 0, 1, … (one kc×nc block of op(B) each, jc outer, pc inner).
/// Slab s is packed into buffer s mod 2 in chunks of whole micro-panels; its compute tasks are the row blocks of C.
/// The task (s, block) also waits for (s − 1, block), which writes the same C rows: each block of C receives its slabs
/// one at a time and in order, exactly as on one thread (the determinism contract).
/// Tasks are claimed in global order from <see cref="NextTask"/>, chunks from <see cref="NextChunk"/>. A thread
/// that claims a task of slab s first helps pack (claims chunks up to the last of slab s), then waits until every
/// chunk of slab s is packed; packing a chunk of slab s first waits until slab s − 2 (the previous user of its
/// buffer) is computed. Every wait is on work already claimed by a running thread, and claims only ever point to
/// lower slabs, so there is no deadlock, whatever the number of threads that actually show up (a pool thread that
/// never starts costs speed only). Counters are cumulative per buffer parity: slab s is packed when
/// <c>packed[s mod 2] ≥ (s/2 + 1)·chunks</c> and computed when <c>computed[s mod 2] ≥ (s/2 + 1)·tasks</c>.
/// </remarks>
internal sealed class GemmSharedPanel<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    private static readonly Stack<GemmSharedPanel<T>> Pool = new();

    private T[]? _buffer;

    /// <summary>Address of the first (64-byte aligned) slab buffer; the second follows at <see cref="SlabLength"/>.</summary>
    public nint Buffer;

    /// <summary>Elements per slab buffer.</summary>
    public int SlabLength;

    /// <summary>Next task (slab·tasks + row block) to claim.</summary>
    public int NextTask;

    /// <summary>Next packing chunk (slab·chunks + chunk) to claim.</summary>
    public int NextChunk;

    private int _packed0, _packed1, _computed0, _computed1;

    private int[] _blockSlabs = [];

    /// <summary>A pooled state with two slab buffers of <paramref name="slabLength"/> elements and zeroed counters.</summary>
    public static unsafe GemmSharedPanel<T> Rent(int slabLength, int blocks)
    {
        GemmSharedPanel<T>? state;
        lock (Pool)
            Pool.TryPop(out state);
        state ??= new GemmSharedPanel<T>();
        int slack = Alignment / sizeof(T), length = 2 * slabLength + slack;
        if (state._buffer is null || state._buffer.Length < length)
            state._buffer = GC.AllocateUninitializedArray<T>(Math.Max(length, state._buffer is null ? 0 : state._buffer.Length * 3 / 2), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(state._buffer));
        state.Buffer = address + ((Alignment - (address & (Alignment - 1))) & (Alignment - 1));
        state.SlabLength = slabLength;
        state.NextTask = 0;
        state.NextChunk = 0;
        state._packed0 = state._packed1 = 0;
        state._computed0 = state._computed1 = 0;
        if (state._blockSlabs.Length < blocks)
            state._blockSlabs = new int[Math.Max(blocks, 2 * state._blockSlabs.Length)];
        Array.Clear(state._blockSlabs, 0, blocks);
        return state;
    }

    /// <summary>Gives the state back once every participant has left.</summary>
    public static void Return(GemmSharedPanel<T> state)
    {
        lock (Pool)
            Pool.Push(state);
    }

    /// <summary>The packed-chunk counter of slab <paramref name="slab"/>'s buffer.</summary>
    public ref int PackedOf(int slab) => ref (slab & 1) == 0 ? ref _packed0 : ref _packed1;

    /// <summary>The computed-task counter of slab <paramref name="slab"/>'s buffer.</summary>
    public ref int ComputedOf(int slab) => ref (slab & 1) == 0 ? ref _computed0 : ref _computed1;

    /// <summary>Slabs already added into row block <paramref name="block"/> of C: its task of slab s may start only
    /// when this reaches s, so the slabs of one block never overlap and are added in order, as on one thread.</summary>
    public ref int SlabsDone(int block) => ref _blockSlabs[block];

    /// <summary>Spins (then yields) until <paramref name="counter"/> reaches <paramref name="target"/>.</summary>
    public static void WaitFor(ref int counter, int target)
    {
        SpinWait spin = default;
        while (Volatile.Read(ref counter) < target)
            spin.SpinOnce(sleep1Threshold: -1);
    }
}
