using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

// <summary>
// The unblocked reduction on a private, packed and cache-line padded copy of the lower triangle.
// </summary>
// <remarks>
// Row i of the copy holds columns 0..i followed by zeros up to a multiple of P = 64 bytes (8 doubles, 16 floats),
// every row starting on a cache line. Rows are processed in aligned blocks of four, whose padded lengths are equal,
// and every column loop starts on a multiple of P: columns already reduced are swept too, with zero coefficients
// (the vectors are kept zero there), so no load splits a cache line, no scalar head or tail is left and the rows
// of a power-of-two order do not alias in the cache. The last P columns of a block hold its diagonal; there the
// rank-2 update and the axpy into y are masked (update on j ≤ i, axpy on j < i).
// </remarks>
public static partial class Tridiagonalization
{
    /// <summary>Rows per block of the fused pass.</summary>
    private const int PackedRows = 4;

    /// <summary>Elements per cache line (the row padding P).</summary>
    private static int LineElements<T>() => 64 / Unsafe.SizeOf<T>();

    /// <summary>Offset of row <paramref name="i"/> in the packed copy (rows in group g = i / P have (g + 1)·P columns).</summary>
    private static int PackedRowOffset(int i, int p)
    {
        int g = i / p;
        return p * p * g * (g + 1) / 2 + (i - g * p) * (g + 1) * p;
    }

    /// <summary>
    /// Fused unblocked reduction (xSYTD2): one sweep per reflector over the trailing lower triangle computes the
    /// symmetric product A₂₂·v, four rows per SIMD loop; every other sweep also writes the two pending rank-2 updates.
    /// </summary>
    /// <remarks>
    /// Writing the update of step k − 1 in the sweep of step k (one read and one write of the triangle per step) made
    /// the pass bound by the cache bandwidth: a sweep that only reads runs in about half the time. So the updates are
    /// written two at a time: step k either applies the pending updates of steps k − 2 and k − 1 while it computes
    /// A₂₂·v (a rank-4 update, twice the multiply-adds of a rank-2 one on the same traffic), or it only reads the
    /// copy, which then lacks step k − 1's update, and corrects the product afterwards in O(n):
    /// (A − p·qᵀ − q·pᵀ)·v = A·v − p·(qᵀv) − q·(pᵀv). Three passes' worth of traffic per two steps instead of four.
    /// </remarks>
    private static void ReduceUnblocked<T>(MatrixSpan<T> a, Span<T> d, Span<T> e, Span<T> tau, Parallelism parallelism,
        int passPartsFrom)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n == 1)
        {
            d[0] = a[0, 0];
            return;
        }

        int p = LineElements<T>();
        int rows = (n + PackedRows - 1) / PackedRows * PackedRows;   // phantom zero rows complete the last block
        int size = PackedRowOffset(rows, p);
        int vectorLength = (rows + p - 1) / p * p;                  // the padded length of the last row
        int masks = 2 * p * p;
        T[] buffer = ArrayPool<T>.Shared.Rent(size + (PairVectors + 2 + PassParts) * vectorLength + masks + 6 * p);
        var job = new PassJob<T>(buffer, p, rows, vectorLength);
        try
        {
            // Everything on cache lines: the packed rows, then the two pending pairs (pv, pw) and (qv, qw), v, the
            // next column to reduce as the sweeps leave it, the partial products y, then the mask tables.
            int start = (int)Alignment.ElementsToAligned(ref buffer[0], (nuint)p);
            Span<T> packed = buffer.AsSpan(start, size);
            int vectors = start + size;
            Span<T> pairs = buffer.AsSpan(vectors, PairVectors * vectorLength);
            Span<T> pv = pairs.Slice(0, vectorLength), pw = pairs.Slice(vectorLength, vectorLength);
            Span<T> qv = pairs.Slice(2 * vectorLength, vectorLength), qw = pairs.Slice(3 * vectorLength, vectorLength);
            Span<T> v = buffer.AsSpan(vectors + PairVectors * vectorLength, vectorLength);
            Span<T> column = buffer.AsSpan(vectors + (PairVectors + 1) * vectorLength, vectorLength);
            int yStart = vectors + (PairVectors + 2) * vectorLength;
            Span<T> y = buffer.AsSpan(yStart, PassParts * vectorLength);
            Span<T> maskTable = buffer.AsSpan(yStart + PassParts * vectorLength, masks);
            job.Locate(start, vectors, yStart + PassParts * vectorLength);
            pairs.Clear();
            v.Clear();
            y.Clear();
            // Row o of table U has ones on columns 0..o, of table M on columns 0..o − 1 (P columns each).
            maskTable.Clear();
            for (int o = 0; o < p; o++)
            {
                maskTable.Slice(o * p, o + 1).Fill(T.One);
                maskTable.Slice(p * p + o * p, o).Fill(T.One);
            }
            for (int i = 0; i < rows; i++)
            {
                Span<T> row = packed.Slice(PackedRowOffset(i, p), (i / p + 1) * p);
                if (i < n)
                {
                    a.Row(i)[..(i + 1)].CopyTo(row);
                    column[i] = row[0];
                    row[(i + 1)..].Clear();
                }
                else
                {
                    row.Clear();
                }
            }

            // Helpers for the steps whose trailing order reaches PassPartsFrom (see PassJob).
            int helpers = n - 1 >= passPartsFrom ? job.UseThreads(parallelism.MaxThreads) - 1 : 0;
            for (int i = 0; i < helpers; i++)
                ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);

            T half = T.CreateTruncating(0.5);
            int pending = 0;   // rank-2 updates not yet written into the copy: (pv, pw) when 1, and (qv, qw) when 2
            for (int k = 0; k < n - 1; k++)
            {
                int c0 = (k + 1) / p * p;   // first column swept (aligned)

                // 1. Column k (as the last sweep left it) with the pending updates: its diagonal into d, the rest into v.
                T pvk = pv[k], pwk = pw[k], qvk = qv[k], qwk = qw[k];
                for (int i = k; i < n; i++)
                {
                    T x = column[i] - (pv[i] * pwk + pw[i] * pvk) - (qv[i] * qwk + qw[i] * qvk);
                    if (i == k)
                        d[k] = x;
                    else
                        v[i] = x;
                }
                for (int t = 0; t < PairVectors; t++)
                    pairs.Slice(t * vectorLength + c0, k + 1 - c0).Clear();
                v[c0..(k + 1)].Clear();

                // 2. Reflector annihilating A[k+2.., k]: v = [1; x'] in positions k+1..n−1.
                T alpha = v[k + 1];
                T tk = Householder.GenerateReflector(ref alpha, v.Slice(k + 2, n - k - 2));
                e[k] = alpha;
                tau[k] = tk;
                v[k + 1] = T.One;
                v.Slice(k + 2, n - k - 2).CopyTo(a.Row(k).Slice(k + 2, n - k - 2));

                // 3. Fused pass over the row blocks holding rows k+1..n−1, in parts (fixed by the trailing order
                //    alone) that threads may share; the parts' partial y are summed in part order.
                int r0 = (k + 1) / PackedRows * PackedRows;
                int parts = n - k - 1 >= passPartsFrom ? PassParts : 1;
                // Always in the same direction and part order: a thread then tends to sweep the rows it swept (and
                // wrote) the step before, in its own cache. Alternating directions, which starts a pass on the rows
                // the last one ended with, measured slower with two threads once the write steps alternate with the
                // read-only ones (n = 1024: medians 50.6 against 35.1 ms; 512: 9.2 / 8.1; 2048: 261 / 245) and no
                // faster on one.
                bool write = pending == 2;
                if (parts == 1)
                {
                    job.Finish();
                    y[c0..vectorLength].Clear();
                    FusedPass(packed, p, r0, rows, c0, pairs, vectorLength, v, y[..vectorLength], maskTable, write, column, k + 1);
                }
                else
                {
                    job.RunStep(r0, c0, parts, write, k + 1);
                    for (int t = 1; t < parts; t++)
                    {
                        int end = job.PartEnd(t);
                        SpanMath.Add<T>(y.Slice(c0, end - c0), y.Slice(t * vectorLength + c0, end - c0), y.Slice(c0, end - c0));
                    }
                }

                // 4. A sweep that did not write read a copy without step k − 1's update (pv, pw): y −= pv·(pwᵀv) + pw·(pvᵀv).
                Span<T> vk = v.Slice(k + 1, n - k - 1), yk = y.Slice(k + 1, n - k - 1);
                if (pending == 1)
                {
                    Span<T> pvTail = pv.Slice(k + 1, n - k - 1), pwTail = pw.Slice(k + 1, n - k - 1);
                    T pwv = SpanMath.Dot<T>(pwTail, vk), pvv = SpanMath.Dot<T>(pvTail, vk);
                    SpanMath.Axpy(-pwv, pvTail, yk);
                    SpanMath.Axpy(-pvv, pwTail, yk);
                }

                // 5. w = τ·y − (τ²/2)(yᵀv)·v; the update A₂₂ −= v·wᵀ + w·vᵀ joins the pending ones.
                SpanMath.Scale(tk, yk);
                SpanMath.Axpy(-half * tk * SpanMath.Dot<T>(yk, vk), vk, yk);
                if (pending == 1)
                {
                    vk.CopyTo(qv.Slice(k + 1));
                    yk.CopyTo(qw.Slice(k + 1));
                    pending = 2;
                }
                else
                {
                    // Nothing pending, or both pending updates now written: this step's update is the only one.
                    vk.CopyTo(pv.Slice(k + 1));
                    yk.CopyTo(pw.Slice(k + 1));
                    qv[(k + 1)..].Clear();
                    qw[(k + 1)..].Clear();
                    pending = 1;
                }
            }
            d[n - 1] = packed[PackedRowOffset(n - 1, p) + n - 1] - (pv[n - 1] * pw[n - 1] + pw[n - 1] * pv[n - 1])
                - (qv[n - 1] * qw[n - 1] + qw[n - 1] * qv[n - 1]);
        }
        finally
        {
            job.Finish();
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>Vectors of the two pending rank-2 updates: pv, pw, qv, qw.</summary>
    private const int PairVectors = 4;

    /// <summary>Parts a step's pass is split into once its trailing order reaches <see cref="PassPartsFrom"/>.</summary>
    private const int PassParts = 4;

    /// <summary>Trailing order from which a step's pass is split into <see cref="PassParts"/> parts (each with its own
    /// partial y); below it one part. Depends on the order alone, so results do not depend on the thread count.
    /// Tests pass a lower one to exercise the split on small matrices.</summary>
    internal const int PassPartsFrom = 256;

    /// <summary>
    /// The parts of the fused passes, shared with helper threads. A helper is a pool work item that spins on the step
    /// counter and claims parts like the calling thread does (its own parts first, see <see cref="Claim"/>), which
    /// claims parts too and then waits until all are done, so a helper that never starts costs only speed. After the
    /// last split step the helpers leave.
    /// </summary>
    private sealed class PassJob<T> : IThreadPoolWorkItem
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T[] _buffer;
        private readonly int _p, _rows, _vectorLength;
        private readonly int[] _bounds = new int[PassParts + 1];
        private int _packed, _vectors, _masks;
        private int _c0, _parts, _next;
        private bool _write;
        private readonly int[] _claims = new int[PassParts];
        private int _generation, _completed, _finished, _helperIndex, _threads = 1;

        public PassJob(T[] buffer, int p, int rows, int vectorLength)
        {
            _buffer = buffer;
            _p = p;
            _rows = rows;
            _vectorLength = vectorLength;
        }

        /// <summary>Offsets of the packed rows, of the pending pairs (v and the partial y follow) and of the mask tables.</summary>
        public void Locate(int packed, int vectors, int masks)
        {
            _packed = packed;
            _vectors = vectors;
            _masks = masks;
        }

        /// <summary>First column after the part's rows: the partial y of part t is zero from there on.</summary>
        public int PartEnd(int t) => Math.Min(_vectorLength, ((_bounds[t + 1] - 1) / _p + 1) * _p);

        /// <summary>Runs one step's pass in <paramref name="parts"/> parts of about equal work and returns when all are done.</summary>
        public void RunStep(int r0, int c0, int parts, bool write, int next)
        {
            _next = next;
            _write = write;
            // Row r costs about r − c0: equal areas of the triangle.
            _bounds[0] = r0;
            for (int t = 1; t < parts; t++)
            {
                int b = c0 + (int)((_rows - c0) * Math.Sqrt((double)t / parts)) / PackedRows * PackedRows;
                _bounds[t] = Math.Clamp(b, _bounds[t - 1], _rows);
            }
            _bounds[parts] = _rows;
            _c0 = c0;
            _parts = parts;
            Interlocked.Exchange(ref _completed, 0);
            for (int t = 0; t < parts; t++)
                _claims[t] = 0;
            Interlocked.Increment(ref _generation);
            Claim(0);
            int spins = 0;
            while (Volatile.Read(ref _completed) < parts)
                Pause(ref spins);
        }

        /// <summary>Busy-waits for about a millisecond before yielding: a step's serial work and a part take
        /// microseconds, and a thread that yields its core at once gets it back only after a scheduler slice.</summary>
        private static void Pause(ref int spins)
        {
            if (++spins < 4096)
                Thread.SpinWait(8);
            else
                Thread.Yield();
        }

        /// <summary>Lets the helpers leave (no split step follows).</summary>
        public void Finish() => Volatile.Write(ref _finished, 1);

        void IThreadPoolWorkItem.Execute()
        {
            int seen = 0, spins = 0, self = Interlocked.Increment(ref _helperIndex);
            while (Volatile.Read(ref _finished) == 0)
            {
                int generation = Volatile.Read(ref _generation);
                if (generation != seen)
                {
                    seen = generation;
                    Claim(self);
                    spins = 0;
                }
                else
                {
                    Pause(ref spins);
                }
            }
        }

        /// <summary>Sets and returns how many threads share the passes, the caller included: the largest divisor of
        /// <see cref="PassParts"/> up to <paramref name="maxThreads"/>, so that every thread owns as many parts.</summary>
        public int UseThreads(int maxThreads)
        {
            int threads = Math.Clamp(maxThreads, 1, PassParts);
            while (PassParts % threads != 0)
                threads--;
            return _threads = threads;
        }

        /// <summary>
        /// Thread <paramref name="self"/> (the caller is 0) first takes the parts it owns, the same contiguous rows every
        /// step, all at once; then any part nobody has taken (a helper that has not started yet). Which thread runs a part
        /// does not change its bits.
        /// </summary>
        /// <remarks>Taking parts first come, first served (as before) moved rows between the threads from one step to
        /// the next. At n = 2048 on two threads that made whole stretches of reductions take 560–720 ms instead of
        /// 210–320: in one process, alternating the two ways over 24 rounds, medians 592 against 281 ms, with the fixed
        /// ownership never slower in a fast stretch. That is the bimodal timing the two-thread reduction had shown.
        /// </remarks>
        private void Claim(int self)
        {
            int parts = Volatile.Read(ref _parts), threads = _threads;
            int first = self * parts / threads, last = (self + 1) * parts / threads;
            Span<bool> owned = stackalloc bool[PassParts];
            for (int t = first; t < last; t++)
                owned[t] = Interlocked.CompareExchange(ref _claims[t], 1, 0) == 0;
            for (int t = first; t < last; t++)
                if (owned[t])
                    RunAndCount(t);
            for (int t = 0; t < parts; t++)
                if (Interlocked.CompareExchange(ref _claims[t], 1, 0) == 0)
                    RunAndCount(t);
        }

        private void RunAndCount(int part)
        {
            Run(part);
            Interlocked.Increment(ref _completed);
        }

        private void Run(int part)
        {
            int length = _vectorLength, c0 = _c0;
            Span<T> packed = _buffer.AsSpan(_packed, PackedRowOffset(_rows, _p));
            Span<T> pairs = _buffer.AsSpan(_vectors, PairVectors * length);
            Span<T> v = _buffer.AsSpan(_vectors + PairVectors * length, length);
            Span<T> column = _buffer.AsSpan(_vectors + (PairVectors + 1) * length, length);
            Span<T> y = _buffer.AsSpan(_vectors + (PairVectors + 2 + part) * length, length);
            y[c0..].Clear();
            FusedPass(packed, _p, _bounds[part], _bounds[part + 1], c0, pairs, length, v, y, _buffer.AsSpan(_masks, 2 * _p * _p),
                _write, column, _next);
        }
    }

    /// <summary>Row blocks <paramref name="r0"/>..<paramref name="r1"/> (multiples of four) of the fused pass, columns
    /// from <paramref name="c0"/>: each row gets the two pending updates when <paramref name="write"/> is set, and adds
    /// into y (see <see cref="PackedBlockWrite{T, TVec, TOps}"/> and <see cref="PackedBlockRead{T, TVec, TOps}"/>);
    /// rows from <paramref name="next"/> leave their element in column <paramref name="next"/> in <paramref name="column"/>.</summary>
    private static void FusedPass<T>(Span<T> packed, int p, int r0, int r1, int c0, ReadOnlySpan<T> pairs, int vectorLength,
        ReadOnlySpan<T> v, Span<T> y, ReadOnlySpan<T> maskTable, bool write, Span<T> column, int next)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> sums = stackalloc T[PackedRows];
        for (int b = 0, blocks = (r1 - r0) / PackedRows; b < blocks; b++)
        {
            int r = r0 + PackedRows * b;
            int length = (r / p + 1) * p;
            ref T block = ref packed[PackedRowOffset(r, p)];
            int diagonal = r - (length - p);   // row r's offset inside the last P columns
            if (Vector512Ops<T>.IsAccelerated)
                PackedBlock<T, Vector512<T>, Vector512Ops<T>>(ref block, length, c0, p, diagonal, pairs, vectorLength, v, y, maskTable, sums, write);
            else if (Vector256Ops<T>.IsAccelerated)
                PackedBlock<T, Vector256<T>, Vector256Ops<T>>(ref block, length, c0, p, diagonal, pairs, vectorLength, v, y, maskTable, sums, write);
            else if (Vector128Ops<T>.IsAccelerated)
                PackedBlock<T, Vector128<T>, Vector128Ops<T>>(ref block, length, c0, p, diagonal, pairs, vectorLength, v, y, maskTable, sums, write);
            else
                PackedBlockScalar(ref block, length, c0, p, diagonal, pairs, vectorLength, v, y, sums, write);
            for (int q = 0; q < PackedRows; q++)
                y[r + q] += sums[q];
            // Column next of these rows while they are in L1: the next step reads it from here instead of gathering
            // one element per row from the whole triangle (about a tenth of the time at n = 1024).
            for (int q = Math.Max(0, next - r); q < PackedRows; q++)
                column[r + q] = Unsafe.Add(ref block, q * length + next);
        }
    }

    /// <summary>One block of four rows: <see cref="PackedBlockWrite{T, TVec, TOps}"/> on a sweep that writes the
    /// pending updates, else <see cref="PackedBlockRead{T, TVec, TOps}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackedBlock<T, TVec, TOps>(ref T block, int length, int c0, int p, int diagonal, ReadOnlySpan<T> pairs,
        int vectorLength, ReadOnlySpan<T> v, Span<T> y, ReadOnlySpan<T> maskTable, Span<T> sums, bool write)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        if (write)
            PackedBlockWrite<T, TVec, TOps>(ref block, length, c0, p, diagonal, pairs, vectorLength, v, y, maskTable, sums);
        else
            PackedBlockRead<T, TVec, TOps>(ref block, length, c0, p, diagonal, v, y, maskTable, sums);
    }

    /// <summary>
    /// Rows r..r+3 (stride <paramref name="length"/>, their common padded length), columns c0..length − 1: row q
    /// becomes x = a − (pv[r+q]·pw + pw[r+q]·pv) − (qv[r+q]·qw + qw[r+q]·qv) on j ≤ r + q (written back), its dot
    /// product x·v goes to <paramref name="sums"/>[q] and x·v[r+q] is added into y on j &lt; r + q. Columns before
    /// length − P lie below every diagonal of the block; the last P columns are masked.
    /// </summary>
    private static void PackedBlockWrite<T, TVec, TOps>(ref T block, int length, int c0, int p, int diagonal, ReadOnlySpan<T> pairs,
        int vectorLength, ReadOnlySpan<T> v, Span<T> y, ReadOnlySpan<T> maskTable, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int r = length - p + diagonal;
        ReadOnlySpan<T> pv = pairs[..vectorLength], pw = pairs.Slice(vectorLength, vectorLength);
        ReadOnlySpan<T> qv = pairs.Slice(2 * vectorLength, vectorLength), qw = pairs.Slice(3 * vectorLength, vectorLength);
        ref T pvRef = ref MemoryMarshal.GetReference(pv);
        ref T pwRef = ref MemoryMarshal.GetReference(pw);
        ref T qvRef = ref MemoryMarshal.GetReference(qv);
        ref T qwRef = ref MemoryMarshal.GetReference(qw);
        ref T vRef = ref MemoryMarshal.GetReference(v);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        ref T r0 = ref block;
        ref T r1 = ref Unsafe.Add(ref r0, length);
        ref T r2 = ref Unsafe.Add(ref r1, length);
        ref T r3 = ref Unsafe.Add(ref r2, length);
        // Row q's coefficients: −pw[r+q] multiplies pv, −pv[r+q] multiplies pw (and likewise for the q pair), v[r+q]
        // its axpy into y.
        TVec w0 = TOps.Broadcast(-pw[r]), w1 = TOps.Broadcast(-pw[r + 1]), w2 = TOps.Broadcast(-pw[r + 2]), w3 = TOps.Broadcast(-pw[r + 3]);
        TVec u0 = TOps.Broadcast(-pv[r]), u1 = TOps.Broadcast(-pv[r + 1]), u2 = TOps.Broadcast(-pv[r + 2]), u3 = TOps.Broadcast(-pv[r + 3]);
        TVec x0 = TOps.Broadcast(-qw[r]), x1 = TOps.Broadcast(-qw[r + 1]), x2 = TOps.Broadcast(-qw[r + 2]), x3 = TOps.Broadcast(-qw[r + 3]);
        TVec z0 = TOps.Broadcast(-qv[r]), z1 = TOps.Broadcast(-qv[r + 1]), z2 = TOps.Broadcast(-qv[r + 2]), z3 = TOps.Broadcast(-qv[r + 3]);
        TVec b0 = TOps.Broadcast(v[r]), b1 = TOps.Broadcast(v[r + 1]), b2 = TOps.Broadcast(v[r + 2]), b3 = TOps.Broadcast(v[r + 3]);
        TVec acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;
        nuint w = (uint)TOps.Count, i = (uint)c0, full = (uint)(length - p);
        for (; i < full; i += w)
        {
            TVec pp = TOps.Load(ref pvRef, i), qq = TOps.Load(ref pwRef, i);
            TVec ss = TOps.Load(ref qvRef, i), tt = TOps.Load(ref qwRef, i), vv = TOps.Load(ref vRef, i);
            TVec a0 = TOps.MultiplyAdd(w0, pp, TOps.MultiplyAdd(u0, qq, TOps.MultiplyAdd(x0, ss, TOps.MultiplyAdd(z0, tt, TOps.Load(ref r0, i)))));
            TVec a1 = TOps.MultiplyAdd(w1, pp, TOps.MultiplyAdd(u1, qq, TOps.MultiplyAdd(x1, ss, TOps.MultiplyAdd(z1, tt, TOps.Load(ref r1, i)))));
            TVec a2 = TOps.MultiplyAdd(w2, pp, TOps.MultiplyAdd(u2, qq, TOps.MultiplyAdd(x2, ss, TOps.MultiplyAdd(z2, tt, TOps.Load(ref r2, i)))));
            TVec a3 = TOps.MultiplyAdd(w3, pp, TOps.MultiplyAdd(u3, qq, TOps.MultiplyAdd(x3, ss, TOps.MultiplyAdd(z3, tt, TOps.Load(ref r3, i)))));
            TOps.Store(a0, ref r0, i);
            TOps.Store(a1, ref r1, i);
            TOps.Store(a2, ref r2, i);
            TOps.Store(a3, ref r3, i);
            AddProducts<T, TVec, TOps>(a0, a1, a2, a3, a0, a1, a2, a3, vv, b0, b1, b2, b3, ref acc0, ref acc1, ref acc2, ref acc3, ref yRef, i);
        }

        // The diagonal columns: U masks (j ≤ i) the update, M masks (j < i) the axpy.
        ref T uTable = ref MemoryMarshal.GetReference(maskTable);
        ref T mTable = ref Unsafe.Add(ref uTable, p * p);
        nuint o0 = (uint)(diagonal * p), o1 = o0 + (uint)p, o2 = o1 + (uint)p, o3 = o2 + (uint)p;
        for (nuint s = 0; s < (uint)p; s += w, i += w)
        {
            TVec pp = TOps.Load(ref pvRef, i), qq = TOps.Load(ref pwRef, i);
            TVec ss = TOps.Load(ref qvRef, i), tt = TOps.Load(ref qwRef, i), vv = TOps.Load(ref vRef, i);
            TVec a0 = TOps.MultiplyAdd(TOps.Load(ref uTable, o0 + s), TOps.MultiplyAdd(w0, pp, TOps.MultiplyAdd(u0, qq, TOps.MultiplyAdd(x0, ss, TOps.Multiply(z0, tt)))), TOps.Load(ref r0, i));
            TVec a1 = TOps.MultiplyAdd(TOps.Load(ref uTable, o1 + s), TOps.MultiplyAdd(w1, pp, TOps.MultiplyAdd(u1, qq, TOps.MultiplyAdd(x1, ss, TOps.Multiply(z1, tt)))), TOps.Load(ref r1, i));
            TVec a2 = TOps.MultiplyAdd(TOps.Load(ref uTable, o2 + s), TOps.MultiplyAdd(w2, pp, TOps.MultiplyAdd(u2, qq, TOps.MultiplyAdd(x2, ss, TOps.Multiply(z2, tt)))), TOps.Load(ref r2, i));
            TVec a3 = TOps.MultiplyAdd(TOps.Load(ref uTable, o3 + s), TOps.MultiplyAdd(w3, pp, TOps.MultiplyAdd(u3, qq, TOps.MultiplyAdd(x3, ss, TOps.Multiply(z3, tt)))), TOps.Load(ref r3, i));
            TOps.Store(a0, ref r0, i);
            TOps.Store(a1, ref r1, i);
            TOps.Store(a2, ref r2, i);
            TOps.Store(a3, ref r3, i);
            AddProducts<T, TVec, TOps>(a0, a1, a2, a3, TOps.Multiply(a0, TOps.Load(ref mTable, o0 + s)), TOps.Multiply(a1, TOps.Load(ref mTable, o1 + s)),
                TOps.Multiply(a2, TOps.Load(ref mTable, o2 + s)), TOps.Multiply(a3, TOps.Load(ref mTable, o3 + s)),
                vv, b0, b1, b2, b3, ref acc0, ref acc1, ref acc2, ref acc3, ref yRef, i);
        }
        sums[0] = TOps.Sum(acc0);
        sums[1] = TOps.Sum(acc1);
        sums[2] = TOps.Sum(acc2);
        sums[3] = TOps.Sum(acc3);
    }

    /// <summary>
    /// <see cref="PackedBlockWrite{T, TVec, TOps}"/> without the update: the rows as stored go into the dot products and
    /// the axpy (zero padding beyond the diagonal, so only the axpy needs its mask).
    /// </summary>
    private static void PackedBlockRead<T, TVec, TOps>(ref T block, int length, int c0, int p, int diagonal, ReadOnlySpan<T> v,
        Span<T> y, ReadOnlySpan<T> maskTable, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int r = length - p + diagonal;
        ref T vRef = ref MemoryMarshal.GetReference(v);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        ref T r0 = ref block;
        ref T r1 = ref Unsafe.Add(ref r0, length);
        ref T r2 = ref Unsafe.Add(ref r1, length);
        ref T r3 = ref Unsafe.Add(ref r2, length);
        TVec b0 = TOps.Broadcast(v[r]), b1 = TOps.Broadcast(v[r + 1]), b2 = TOps.Broadcast(v[r + 2]), b3 = TOps.Broadcast(v[r + 3]);
        TVec acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;
        nuint w = (uint)TOps.Count, i = (uint)c0, full = (uint)(length - p);
        for (; i < full; i += w)
        {
            TVec a0 = TOps.Load(ref r0, i), a1 = TOps.Load(ref r1, i), a2 = TOps.Load(ref r2, i), a3 = TOps.Load(ref r3, i);
            AddProducts<T, TVec, TOps>(a0, a1, a2, a3, a0, a1, a2, a3, TOps.Load(ref vRef, i), b0, b1, b2, b3,
                ref acc0, ref acc1, ref acc2, ref acc3, ref yRef, i);
        }

        ref T mTable = ref Unsafe.Add(ref MemoryMarshal.GetReference(maskTable), p * p);
        nuint o0 = (uint)(diagonal * p), o1 = o0 + (uint)p, o2 = o1 + (uint)p, o3 = o2 + (uint)p;
        for (nuint s = 0; s < (uint)p; s += w, i += w)
        {
            TVec a0 = TOps.Load(ref r0, i), a1 = TOps.Load(ref r1, i), a2 = TOps.Load(ref r2, i), a3 = TOps.Load(ref r3, i);
            AddProducts<T, TVec, TOps>(a0, a1, a2, a3, TOps.Multiply(a0, TOps.Load(ref mTable, o0 + s)), TOps.Multiply(a1, TOps.Load(ref mTable, o1 + s)),
                TOps.Multiply(a2, TOps.Load(ref mTable, o2 + s)), TOps.Multiply(a3, TOps.Load(ref mTable, o3 + s)),
                TOps.Load(ref vRef, i), b0, b1, b2, b3, ref acc0, ref acc1, ref acc2, ref acc3, ref yRef, i);
        }
        sums[0] = TOps.Sum(acc0);
        sums[1] = TOps.Sum(acc1);
        sums[2] = TOps.Sum(acc2);
        sums[3] = TOps.Sum(acc3);
    }

    /// <summary>The products of one vector of columns of rows r..r+3: accₖ += aₖ·v (the row dot products) and
    /// y += Σₖ mₖ·v[r+k] (the axpys), where mₖ is aₖ, or aₖ masked to the columns left of the diagonal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddProducts<T, TVec, TOps>(TVec a0, TVec a1, TVec a2, TVec a3, TVec m0, TVec m1, TVec m2, TVec m3,
        TVec vv, TVec b0, TVec b1, TVec b2, TVec b3, ref TVec acc0, ref TVec acc1, ref TVec acc2, ref TVec acc3, ref T yRef, nuint i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        acc0 = TOps.MultiplyAdd(a0, vv, acc0);
        acc1 = TOps.MultiplyAdd(a1, vv, acc1);
        acc2 = TOps.MultiplyAdd(a2, vv, acc2);
        acc3 = TOps.MultiplyAdd(a3, vv, acc3);
        TVec yy = TOps.MultiplyAdd(m1, b1, TOps.MultiplyAdd(m0, b0, TOps.Load(ref yRef, i)));
        TOps.Store(TOps.MultiplyAdd(m3, b3, TOps.MultiplyAdd(m2, b2, yy)), ref yRef, i);
    }

    /// <summary><see cref="PackedBlockWrite{T, TVec, TOps}"/> (or, without <paramref name="write"/>,
    /// <see cref="PackedBlockRead{T, TVec, TOps}"/>) without SIMD.</summary>
    private static void PackedBlockScalar<T>(ref T block, int length, int c0, int p, int diagonal, ReadOnlySpan<T> pairs,
        int vectorLength, ReadOnlySpan<T> v, Span<T> y, Span<T> sums, bool write)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = length - p + diagonal;
        ReadOnlySpan<T> pv = pairs[..vectorLength], pw = pairs.Slice(vectorLength, vectorLength);
        ReadOnlySpan<T> qv = pairs.Slice(2 * vectorLength, vectorLength), qw = pairs.Slice(3 * vectorLength, vectorLength);
        for (int q = 0; q < PackedRows; q++)
        {
            Span<T> row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref block, q * length), length);
            int i = r + q;
            T pvi = pv[i], pwi = pw[i], qvi = qv[i], qwi = qw[i], vi = v[i], sum = T.Zero;
            for (int j = c0; j <= i; j++)
            {
                T x = row[j];
                if (write)
                {
                    x -= (pvi * pw[j] + pwi * pv[j]) + (qvi * qw[j] + qwi * qv[j]);
                    row[j] = x;
                }
                sum += x * v[j];
                if (j < i)
                    y[j] += x * vi;
            }
            sums[q] = sum;
        }
    }
}
