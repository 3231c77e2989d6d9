using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Simd.Numerics.Blas.MicroKernels;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Blas;

/// <summary>
/// The BLIS frame around a micro-kernel: the five loops jc/pc/ic/jr/ir, packing, β, edge tiles, triangles (for SYRK)
/// and the split of C over threads. Everything architecture-specific is in <typeparamref name="TKernel"/>.
/// </summary>
/// <remarks>
/// Determinism: the slab depth kc depends only on k and the blocking, and the kernel sums each slab from zero in
/// order and adds C afterwards, in full and edge tiles alike. So an element's bits depend on neither its tile
/// position nor the thread that computed it, and threads split C into disjoint row (or column) ranges only.
/// </remarks>
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : struct, IGemmMicroKernel<T>
{
    /// <summary>Runs the whole product on up to <paramref name="threads"/> threads.</summary>
    public static void Run(in GemmProblem<T> problem, GemmBlocking blocking, int threads)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        // Split the longer side of C into contiguous ranges of whole tiles; never split k.
        bool splitRows = problem.Triangle != GemmTriangle.None || (long)problem.M * nr >= (long)problem.N * mr;
        int units = splitRows ? Ceiling(problem.M, mr) : Ceiling(problem.N, nr);
        int parts = Math.Min(threads, units);
        if (parts <= 1)
        {
            RunRange(problem, blocking, 0, problem.M, 0, problem.N);
            return;
        }
        if (splitRows && !problem.BInPlace)
        {
            RunSharedPanel(problem, blocking, parts);
            return;
        }
        var work = new Partition { Problem = problem, Blocking = blocking, Parts = parts, SplitRows = splitRows };
        ParallelJob<Partition>.Run(work, parts, parts);
    }

    /// <summary>Threads split the rows of C but share one packed op(B) slab: each slab is packed once, cooperatively,
    /// instead of once per thread (see <see cref="GemmSharedPanel{T}"/> for the schedule).</summary>
    private static void RunSharedPanel(in GemmProblem<T> problem, GemmBlocking blocking, int threads)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr, m = problem.M, n = problem.N, k = problem.K;
        int kc = SlabDepth(k, blocking);
        int nc = RoundUp(Math.Min(blocking.Nc, n), nr);
        // Row blocks of C (the tasks of a slab): a multiple of the thread count so they share out evenly, each at
        // most Mc rows; Mc does not change the bits of any element, only which thread computes it.
        int blocks = Math.Min(RoundUp(Ceiling(m, blocking.Mc), threads), Ceiling(m, mr));
        int mc = RoundUp(Ceiling(m, blocks), mr);
        blocks = Ceiling(m, mc);
        int panels = Ceiling(nc, nr);
        int chunkPanels = Ceiling(panels, Math.Min(panels, 4 * threads));
        var state = GemmSharedPanel<T>.Rent(nc * kc, blocks);
        try
        {
            var work = new SharedPanelWork
            {
                Problem = problem, State = state, Kc = kc, Nc = nc, Mc = mc, Blocks = blocks,
                ChunkPanels = chunkPanels, Chunks = Ceiling(panels, chunkPanels),
                DepthSlabs = Ceiling(k, kc), Slabs = Ceiling(n, nc) * Ceiling(k, kc),
            };
            ParallelJob<SharedPanelWork>.Run(work, threads, threads);
        }
        finally
        {
            GemmSharedPanel<T>.Return(state);
        }
    }

    /// <summary>Every participant runs the same claim loop over (slab, row block) tasks; the part number is unused.</summary>
    private struct SharedPanelWork : IPartitionedWork
    {
        public GemmProblem<T> Problem;
        public GemmSharedPanel<T> State;
        public int Kc, Nc, Mc, Blocks, Chunks, ChunkPanels, DepthSlabs, Slabs;

        public readonly void Run(int part)
        {
            int mr = TKernel.Mr, nr = TKernel.Nr, m = Problem.M, n = Problem.N, k = Problem.K;
            GemmSharedPanel<T> state = State;
            int packedALength = Mc * Kc;
            Span<T> buffers = GemmBuffers<T>.Get(packedALength + mr * nr);
            ref T packedA = ref MemoryMarshal.GetReference(buffers);
            ref T tile = ref Unsafe.Add(ref packedA, packedALength);
            int tasks = Slabs * Blocks;
            int task;
            while ((task = Interlocked.Increment(ref state.NextTask) - 1) < tasks)
            {
                int slab = task / Blocks, block = task - slab * Blocks;
                EnsurePacked(slab);
                int jc = slab / DepthSlabs * Nc, pc = slab % DepthSlabs * Kc;
                int ncCur = Math.Min(Nc, n - jc), kcCur = Math.Min(Kc, k - pc);
                // A lower triangle's bottom blocks hold the most work: hand them out first.
                if (Problem.Triangle == GemmTriangle.Lower)
                    block = Blocks - 1 - block;
                int ic = block * Mc;
                ref int slabsDone = ref state.SlabsDone(block);
                GemmSharedPanel<T>.WaitFor(ref slabsDone, slab);      // (slab − 1, block) writes the same C rows
                ref T packedB = ref Unsafe.AsRef<T>((void*)(state.Buffer + (nint)((slab & 1) * state.SlabLength) * sizeof(T)));
                MacroKernel(Problem, ic, Math.Min(Mc, m - ic), jc, ncCur, pc, kcCur, 0, ref packedA, ref packedB, ref tile);
                Interlocked.Increment(ref slabsDone);
                Interlocked.Increment(ref state.ComputedOf(slab));
            }
        }

        /// <summary>Helps pack every chunk up to the last of <paramref name="slab"/>, then waits until all of that
        /// slab's chunks are packed.</summary>
        private readonly void EnsurePacked(int slab)
        {
            GemmSharedPanel<T> state = State;
            int last = (slab + 1) * Chunks, chunk;
            while ((chunk = Volatile.Read(ref state.NextChunk)) < last)
            {
                if (Interlocked.CompareExchange(ref state.NextChunk, chunk + 1, chunk) != chunk)
                    continue;
                int owner = chunk / Chunks, index = chunk - owner * Chunks;
                if (owner >= 2)                                       // its buffer's previous slab must be done
                    GemmSharedPanel<T>.WaitFor(ref state.ComputedOf(owner), owner / 2 * Blocks);
                int jc = owner / DepthSlabs * Nc, pc = owner % DepthSlabs * Kc;
                int ncCur = Math.Min(Nc, Problem.N - jc), kcCur = Math.Min(Kc, Problem.K - pc);
                int first = index * ChunkPanels * TKernel.Nr, end = Math.Min(ncCur, first + ChunkPanels * TKernel.Nr);
                if (first < end)
                {
                    ref T buffer = ref Unsafe.AsRef<T>((void*)(state.Buffer + (nint)((owner & 1) * state.SlabLength) * sizeof(T)));
                    GemmPacking.PackB(Problem, pc, jc, kcCur, end, TKernel.Nr, first, ref Unsafe.Add(ref buffer, first * kcCur));
                }
                Interlocked.Increment(ref state.PackedOf(owner));
            }
            GemmSharedPanel<T>.WaitFor(ref state.PackedOf(slab), (slab / 2 + 1) * Chunks);
        }
    }

    /// <summary>One thread's share of C: rows or columns cut at tile boundaries; for a triangle, rows cut so that
    /// each part holds about the same area of the triangle.</summary>
    private struct Partition : IPartitionedWork
    {
        public GemmProblem<T> Problem;
        public GemmBlocking Blocking;
        public int Parts;
        public bool SplitRows;

        public readonly void Run(int part)
        {
            int m = Problem.M, n = Problem.N, mr = TKernel.Mr, nr = TKernel.Nr;
            if (!SplitRows)
            {
                int j0 = Cut(n, nr, part, Parts), j1 = Cut(n, nr, part + 1, Parts);
                if (j1 > j0)
                    RunRange(Problem, Blocking, 0, m, j0, j1);
                return;
            }
            int i0, i1;
            switch (Problem.Triangle)
            {
                case GemmTriangle.Lower:
                    // Work in rows [0, i) of a lower triangle grows like i²: cut at m·√(t/P).
                    i0 = TriangleCut(Math.Sqrt((double)part / Parts), mr, m, part);
                    i1 = TriangleCut(Math.Sqrt((double)(part + 1) / Parts), mr, m, part + 1);
                    if (i1 > i0)
                        RunRange(Problem, Blocking, i0, i1, 0, Math.Min(n, i1));
                    break;
                case GemmTriangle.Upper:
                    i0 = TriangleCut(1 - Math.Sqrt(1 - (double)part / Parts), mr, m, part);
                    i1 = TriangleCut(1 - Math.Sqrt(1 - (double)(part + 1) / Parts), mr, m, part + 1);
                    if (i1 > i0)
                        RunRange(Problem, Blocking, i0, i1, i0, n);
                    break;
                default:
                    i0 = Cut(m, mr, part, Parts);
                    i1 = Cut(m, mr, part + 1, Parts);
                    if (i1 > i0)
                        RunRange(Problem, Blocking, i0, i1, 0, n);
                    break;
            }
        }

        private static int Cut(int length, int tile, int part, int parts) =>
            Math.Min(length, (int)((long)Ceiling(length, tile) * part / parts) * tile);

        /// <summary>A cut of a triangle's rows at a tile boundary; the outer ends are exact (0 and length), since
        /// rounding them to a tile could drop the last rows.</summary>
        private readonly int TriangleCut(double fraction, int tile, int length, int part) =>
            part == 0 ? 0 : part == Parts ? length : Math.Min(length, (int)Math.Round(length * fraction / tile) * tile);
    }

    /// <summary>C[i0..i1, j0..j1) = α·op(A)[i0..i1, :]·op(B)[:, j0..j1) + β·C[i0..i1, j0..j1), on the calling thread
    /// (restricted to the triangle for SYRK).</summary>
    internal static void RunRange(in GemmProblem<T> problem, GemmBlocking blocking, int i0, int i1, int j0, int j1)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr, k = problem.K;
        int kc = SlabDepth(k, blocking);
        int mc = RoundUp(Ceiling(i1 - i0, Ceiling(i1 - i0, blocking.Mc)), mr);
        int nc = RoundUp(Math.Min(blocking.Nc, j1 - j0), nr);
        bool inPlace = problem.BInPlace;

        int packedALength = mc * kc, packedBLength = (inPlace ? nr : nc) * kc, tileLength = mr * nr;
        Span<T> buffers = GemmBuffers<T>.Get(packedALength + packedBLength + tileLength);
        ref T packedA = ref MemoryMarshal.GetReference(buffers);
        ref T packedB = ref Unsafe.Add(ref packedA, packedALength);
        ref T tile = ref Unsafe.Add(ref packedB, packedBLength);

        for (int jc = j0; jc < j1; jc += nc)                         // loop 5: NC columns of op(B) and C (L3)
        {
            int ncCur = Math.Min(nc, j1 - jc);
            int inPlaceColumns = InPlaceColumns(inPlace, ncCur);
            for (int pc = 0; pc < k; pc += kc)                       // loop 4: one kc-deep slab; pack op(B) once
            {
                int kcCur = Math.Min(kc, k - pc);
                if (!inPlace)
                    GemmPacking.PackB(problem, pc, jc, kcCur, ncCur, nr, 0, ref packedB);
                else if (inPlaceColumns < ncCur)
                    GemmPacking.PackB(problem, pc, jc, kcCur, ncCur, nr, ncCur / nr * nr, ref packedB); // the ragged panel only

                for (int ic = i0; ic < i1; ic += mc)                 // loop 3: MC rows of op(A), packed with α (L2)
                    MacroKernel(problem, ic, Math.Min(mc, i1 - ic), jc, ncCur, pc, kcCur, inPlaceColumns, ref packedA, ref packedB, ref tile);
            }
        }
    }

    /// <summary>The slab depth: balanced, so k = 300 with Kc = 256 runs 150 + 150, not 256 + 44. It depends on k and
    /// the blocking only, never on the thread count or the part of C (determinism).</summary>
    private static int SlabDepth(int k, GemmBlocking blocking) => Ceiling(k, Ceiling(k, blocking.Kc));

    /// <summary>With B in place, every panel whose width is whole vectors is read where it is; only a ragged last panel
    /// (n not a multiple of the vector width) is packed, zero-padded.</summary>
    private static int InPlaceColumns(bool inPlace, int ncCur) =>
        inPlace ? ncCur / TKernel.Nr * TKernel.Nr + (ncCur % TKernel.Nr) / TKernel.ColumnStep * TKernel.ColumnStep : 0;

    /// <summary>Loops 3 (body), 2 and 1 for one mc×kc block of op(A) against a packed (or in-place) kc×nc slab of
    /// op(B): packs the A block, then runs the micro-kernel over every register tile of C it meets.</summary>
    private static void MacroKernel(in GemmProblem<T> problem, int ic, int mcCur, int jc, int ncCur, int pc, int kcCur,
        int inPlaceColumns, ref T packedA, ref T packedB, ref T tile)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr, step = TKernel.ColumnStep;
        GemmTriangle triangle = problem.Triangle;
        if (!BlockIntersects(triangle, ic, mcCur, jc, ncCur))
            return;
        bool inPlace = problem.BInPlace, first = pc == 0;            // β applies to the first slab only
        T beta = problem.Beta;
        nint ldc = problem.RowStrideC;
        GemmPacking.PackA(problem, ic, pc, mcCur, kcCur, mr, ref packedA);

        // Loop 1 (ir) outside loop 2 (jr): one A micro-panel (Mr·kc, at most 24 KiB) stays in L1 while the B slab
        // streams past it from L2/L3 in order, and C is walked along its rows, which the hardware prefetchers
        // follow. The BLIS order (jr outside, B micro-panel in L1) cannot keep Nr·kc = 48 KiB of B in this 32 KiB L1
        // and walks C down its columns; measured on packed data with C out of cache (quick "gemmtune"): 88–94 % of
        // peak in this order against 74–86 % in BLIS's.
        for (int ir = 0; ir < mcCur; ir += mr)                       // loop 2': one A micro-panel, kept in L1
        {
            int mrCur = Math.Min(mr, mcCur - ir), row = ic + ir;
            ref T aPanel = ref Unsafe.Add(ref packedA, ir * kcCur);
            for (int jr = 0; jr < ncCur; jr += nr)                   // loop 1': every B micro-panel against it
            {
                int nrCur = Math.Min(nr, ncCur - jr), column = jc + jr;
                TileKind kind = Classify(triangle, row, mrCur, column, nrCur);
                if (kind == TileKind.Outside)
                    continue;
                ref T bPanel = ref packedB;
                nint bStride = nr;
                if (!inPlace)
                    bPanel = ref Unsafe.Add(ref packedB, jr * kcCur);
                else if (jr + nrCur <= inPlaceColumns)
                {
                    bPanel = ref problem.BAt(pc, column);
                    bStride = problem.RowStrideB;
                }
                ref T cTile = ref problem.CAt(row, column);
                if (jr + nr < ncCur)
                    PrefetchTile(ref Unsafe.Add(ref cTile, nr), ldc, mrCur, Math.Min(nr, ncCur - jr - nr));
                bool accumulate = !first || beta != T.Zero;
                if (kind == TileKind.Full && mrCur == mr && nrCur % step == 0)
                {
                    if (first && beta != T.Zero && beta != T.One)
                        ScaleTile(beta, ref cTile, ldc, mr, nrCur);
                    if (nrCur == nr)
                        TKernel.Run(kcCur, ref aPanel, ref bPanel, bStride, ref cTile, ldc, accumulate);
                    else
                        TKernel.RunNarrow(nrCur, kcCur, ref aPanel, ref bPanel, bStride, ref cTile, ldc, accumulate);
                }
                else
                {
                    // Edge or diagonal tile: the kernel into a scratch tile, then the valid part into C
                    // (BLIS's "temporary microtile"), with the same C + A·B order as the kernel.
                    int columns = RoundUp(nrCur, step);
                    if (columns == nr)
                        TKernel.Run(kcCur, ref aPanel, ref bPanel, bStride, ref tile, nr, accumulate: false);
                    else
                        TKernel.RunNarrow(columns, kcCur, ref aPanel, ref bPanel, bStride, ref tile, nr, accumulate: false);
                    MergeTile(ref cTile, ldc, ref tile, nr, mrCur, nrCur, first, beta, triangle, row, column);
                }
            }
        }
    }

    /// <summary>Asks for the next C tile while the kernel works on this one: C is touched once per slab, so its rows
    /// come from L3 or memory, and the kernel would otherwise stall on them at its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchTile(ref T c, nint ldc, int rows, int columns)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
            return;
        int lines = (columns * sizeof(T) + 63) / 64;
        for (int i = 0; i < rows; i++)
        {
            byte* row = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref c, i * ldc));
            for (int l = 0; l < lines; l++)
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + 64 * l);
        }
    }

    private enum TileKind { Full, Partial, Outside }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TileKind Classify(GemmTriangle triangle, int row, int rows, int column, int columns)
    {
        if (triangle == GemmTriangle.None)
            return TileKind.Full;
        int lastRow = row + rows - 1, lastColumn = column + columns - 1;
        if (triangle == GemmTriangle.Lower)
            return column > lastRow ? TileKind.Outside : lastColumn <= row ? TileKind.Full : TileKind.Partial;
        return lastColumn < row ? TileKind.Outside : column >= lastRow ? TileKind.Full : TileKind.Partial;
    }

    private static bool BlockIntersects(GemmTriangle triangle, int row, int rows, int column, int columns) =>
        Classify(triangle, row, rows, column, columns) != TileKind.Outside;

    /// <summary>C ← β·C on a full tile before its first slab accumulates into it (the tile is about to be in L1 anyway).</summary>
    private static void ScaleTile(T beta, ref T c, nint ldc, int rows, int columns)
    {
        for (int i = 0; i < rows; i++)
            SpanMath.Scale(beta, MemoryMarshal.CreateSpan(ref Unsafe.Add(ref c, i * ldc), columns));
    }

    /// <summary>C ← t (β = 0), β·C + t (first slab) or C + t, on the valid mr×nr part of an edge tile and, for a
    /// triangle, on its elements inside the triangle only.</summary>
    private static void MergeTile(ref T c, nint ldc, ref T tile, int tileStride, int rows, int columns, bool first, T beta,
        GemmTriangle triangle, int row, int column)
    {
        for (int i = 0; i < rows; i++)
        {
            int jStart = 0, jEnd = columns;
            if (triangle == GemmTriangle.Lower)
                jEnd = Math.Min(columns, row + i - column + 1);
            else if (triangle == GemmTriangle.Upper)
                jStart = Math.Max(0, row + i - column);
            ref T cRow = ref Unsafe.Add(ref c, i * ldc);
            ref T tRow = ref Unsafe.Add(ref tile, i * tileStride);
            for (int j = jStart; j < jEnd; j++)
            {
                T t = Unsafe.Add(ref tRow, j);
                ref T cij = ref Unsafe.Add(ref cRow, j);
                if (!first)
                    cij = cij + t;
                else if (beta == T.Zero)
                    cij = t;
                else
                    cij = beta * cij + t;
            }
        }
    }

    private static int Ceiling(int value, int divisor) => divisor == 0 ? 0 : (value + divisor - 1) / divisor;

    private static int RoundUp(int value, int multiple) => Ceiling(value, multiple) * multiple;
}
