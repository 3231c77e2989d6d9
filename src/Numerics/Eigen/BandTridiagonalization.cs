using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// Second stage of the two-stage tridiagonalization: a symmetric band matrix of half-width b chased to tridiagonal
/// form, <c>B = Q₂·T·Q₂ᵀ</c>, by Householder bulge chasing (Schwarz's sweeps with reflectors of length b, the schedule
/// of LAPACK xSYTRD_SB2ST run one sweep after another).
/// </summary>
/// <remarks>
/// Sweep i annihilates column i below its subdiagonal with one reflector, applies it to both sides of the next
/// diagonal block, and from the right to the block under it; that fills the block below the band, whose first
/// column is annihilated by the next reflector, and so on down the matrix. Each step touches three b×b blocks
/// (6·b² flops, about 3·n²·b for the whole reduction), all inside a compact copy of the band of half-width 2b
/// (room for the bulge) that stays in L2 for the orders where the two-stage reduction is used. When reflectors are
/// kept they are recorded in generation order, so that <see cref="Reflectors{T}.ApplyQTransposeFromRight"/> can
/// back-transform a few vectors (4·b flops per reflector and vector) without ever forming Q₂.
/// </remarks>
internal static class BandTridiagonalization
{
    /// <summary>Reduces the band held in the lower triangle of <paramref name="a"/> to tridiagonal form.</summary>
    /// <param name="a">n×n; entries with 0 ≤ i − j ≤ <paramref name="bandwidth"/> are read, nothing else.</param>
    /// <param name="bandwidth">The half-bandwidth b ≥ 1.</param>
    /// <param name="d">Receives the n diagonal entries of T.</param>
    /// <param name="e">Receives the n − 1 off-diagonal entries of T.</param>
    /// <param name="reflectors">Null, or receives Q₂'s reflectors.</param>
    public static void Reduce<T>(ReadOnlyMatrixSpan<T> a, int bandwidth, Span<T> d, Span<T> e, Reflectors<T>? reflectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            Reduce<T, Vector512<T>, Vector512Ops<T>>(a, bandwidth, d, e, reflectors);
        else if (Vector256Ops<T>.IsAccelerated)
            Reduce<T, Vector256<T>, Vector256Ops<T>>(a, bandwidth, d, e, reflectors);
        else
            Reduce<T, Vector128<T>, Vector128Ops<T>>(a, bandwidth, d, e, reflectors); // scalar loops when not accelerated
    }

    private static void Reduce<T, TVec, TOps>(ReadOnlyMatrixSpan<T> a, int bandwidth, Span<T> d, Span<T> e, Reflectors<T>? reflectors)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int n = a.Rows, b = Math.Max(1, Math.Min(bandwidth, n - 1)), b2 = 2 * b, ld = b2 + 1;
        if (n == 0)
            return;
        // Row r of the compact band holds columns r − 2b … r; (r, c) lives at r·ld + c − r + 2b.
        T[] bandBuffer = ArrayPool<T>.Shared.Rent(n * ld);
        T[] vectors = ArrayPool<T>.Shared.Rent(3 * b);
        try
        {
            Span<T> band = bandBuffer.AsSpan(0, n * ld);
            band.Clear();
            for (int r = 0; r < n; r++)
            {
                int c0 = Math.Max(0, r - b);
                a.Row(r).Slice(c0, r - c0 + 1).CopyTo(band.Slice(r * ld + c0 - r + b2));
            }
            Span<T> v = vectors.AsSpan(0, b), u = vectors.AsSpan(b, b), w = vectors.AsSpan(2 * b, b);
            for (int i = 0; i + 2 < n; i++)
            {
                // Sweep i: annihilate column i below row i + 1, then chase the bulge down the band.
                int r0 = i + 1, length = Math.Min(b, n - r0);
                T tau = GenerateFromColumn(band, ld, b2, r0, i, length, v);
                while (true)
                {
                    if (tau != T.Zero)
                    {
                        reflectors?.Add(r0, v[..length], tau);
                        ApplyTwoSided<T, TVec, TOps>(band, ld, b2, r0, length, v[..length], tau, w);
                    }
                    int r1 = r0 + length, below = Math.Min(b, n - r1);
                    if (below <= 0)
                        break;
                    if (tau != T.Zero)
                        ApplyRight<T, TVec, TOps>(band, ld, b2, r1, below, r0, v[..length], tau);
                    if (below < 2)
                        break;
                    // The block below now reaches under the band: its first column is annihilated next.
                    T next = GenerateFromColumn(band, ld, b2, r1, r0, below, u);
                    if (next != T.Zero)
                        ApplyLeft<T, TVec, TOps>(band, ld, b2, r1, below, r0 + 1, length - 1, u[..below], next, w);
                    Span<T> swap = v;
                    v = u;
                    u = swap;
                    tau = next;
                    r0 = r1;
                    length = below;
                }
            }
            for (int r = 0; r < n; r++)
                d[r] = band[r * ld + b2];
            for (int r = 0; r + 1 < n; r++)
                e[r] = band[(r + 1) * ld + b2 - 1];
        }
        finally
        {
            ArrayPool<T>.Shared.Return(bandBuffer);
            ArrayPool<T>.Shared.Return(vectors);
        }
    }

    /// <summary>The reflector that annihilates rows <paramref name="row"/> + 1 … of column <paramref name="column"/>
    /// (length <paramref name="length"/> from <paramref name="row"/>); writes β and the zeros, returns τ with v in
    /// <paramref name="v"/> (v₀ = 1).</summary>
    private static T GenerateFromColumn<T>(Span<T> band, int ld, int b2, int row, int column, int length, Span<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int at = row * ld + column - row + b2, step = ld - 1; // one row down, same column
        T alpha = band[at];
        for (int p = 1; p < length; p++)
            v[p] = band[at + p * step];
        T tau = Householder.GenerateReflector(ref alpha, v[1..length]);
        band[at] = alpha;
        if (tau != T.Zero)
            for (int p = 1; p < length; p++)
                band[at + p * step] = T.Zero;
        v[0] = T.One;
        return tau;
    }

    /// <summary>H·D·H on the symmetric diagonal block D at rows/columns <paramref name="r0"/>…, lower triangle
    /// (xLARFY): w = τ·D·v, w −= ½·τ·(wᵀv)·v, D −= v·wᵀ + w·vᵀ. One pass per row for D·v (the row's dot product and
    /// its mirror's axpy share the loads), one for the update.</summary>
    private static void ApplyTwoSided<T, TVec, TOps>(Span<T> band, int ld, int b2, int r0, int length, ReadOnlySpan<T> v, T tau, Span<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T vr = ref MemoryMarshal.GetReference(v);
        ref T wr = ref MemoryMarshal.GetReference(w);
        w[..length].Clear();
        for (int p = 0; p < length; p++)
        {
            ref T row = ref band[(r0 + p) * ld + b2 - p]; // columns r0 … r0 + p
            nuint count = (uint)(p + 1), end = VectorEnd<T, TVec, TOps>(count), i = 0;
            T vp = Unsafe.Add(ref vr, p);
            TVec acc = TOps.Zero, vpv = TOps.Broadcast(vp);
            for (; i < end; i += (uint)TOps.Count)
            {
                TVec x = TOps.Load(ref row, i);
                acc = TOps.MultiplyAdd(x, TOps.Load(ref vr, i), acc);
                TOps.Store(TOps.MultiplyAdd(vpv, x, TOps.Load(ref wr, i)), ref wr, i);
            }
            T dot = TOps.Sum(acc);
            for (; i < count; i++)
            {
                T x = Unsafe.Add(ref row, i);
                dot += x * Unsafe.Add(ref vr, i);
                Unsafe.Add(ref wr, i) += vp * x;
            }
            // The mirror's axpy also ran over the diagonal element: replace that term by the row's dot product.
            Unsafe.Add(ref wr, p) += dot - vp * Unsafe.Add(ref row, p);
        }
        T vw = T.Zero;
        for (int p = 0; p < length; p++)
        {
            w[p] *= tau;
            vw += w[p] * v[p];
        }
        T alpha = -tau * vw / T.CreateTruncating(2);
        for (int p = 0; p < length; p++)
            w[p] += alpha * v[p];
        for (int p = 0; p < length; p++)
        {
            ref T row = ref band[(r0 + p) * ld + b2 - p];
            nuint count = (uint)(p + 1), end = VectorEnd<T, TVec, TOps>(count), i = 0;
            T vp = -Unsafe.Add(ref vr, p), wp = -Unsafe.Add(ref wr, p);
            TVec vpv = TOps.Broadcast(vp), wpv = TOps.Broadcast(wp);
            for (; i < end; i += (uint)TOps.Count)
                TOps.Store(TOps.MultiplyAdd(wpv, TOps.Load(ref vr, i), TOps.MultiplyAdd(vpv, TOps.Load(ref wr, i), TOps.Load(ref row, i))), ref row, i);
            for (; i < count; i++)
                Unsafe.Add(ref row, i) += vp * Unsafe.Add(ref wr, i) + wp * Unsafe.Add(ref vr, i);
        }
    }

    /// <summary>O ← O·H for the block O at rows <paramref name="r1"/>… (<paramref name="rows"/> of them) and the columns
    /// <paramref name="c0"/>… that H acts on.</summary>
    private static void ApplyRight<T, TVec, TOps>(Span<T> band, int ld, int b2, int r1, int rows, int c0, ReadOnlySpan<T> v, T tau)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T vr = ref MemoryMarshal.GetReference(v);
        nuint count = (uint)v.Length, end = VectorEnd<T, TVec, TOps>(count);
        for (int p = 0; p < rows; p++)
        {
            int r = r1 + p;
            ref T row = ref band[r * ld + c0 - r + b2];
            TVec acc = TOps.Zero;
            nuint i = 0;
            for (; i < end; i += (uint)TOps.Count)
                acc = TOps.MultiplyAdd(TOps.Load(ref row, i), TOps.Load(ref vr, i), acc);
            T dot = TOps.Sum(acc);
            for (; i < count; i++)
                dot += Unsafe.Add(ref row, i) * Unsafe.Add(ref vr, i);
            T s = -tau * dot;
            TVec sv = TOps.Broadcast(s);
            for (i = 0; i < end; i += (uint)TOps.Count)
                TOps.Store(TOps.MultiplyAdd(sv, TOps.Load(ref vr, i), TOps.Load(ref row, i)), ref row, i);
            for (; i < count; i++)
                Unsafe.Add(ref row, i) += s * Unsafe.Add(ref vr, i);
        }
    }

    /// <summary>O ← H·O on the rows <paramref name="r1"/>… that H acts on, columns <paramref name="c0"/>…
    /// (<paramref name="columns"/> of them).</summary>
    private static void ApplyLeft<T, TVec, TOps>(Span<T> band, int ld, int b2, int r1, int rows, int c0, int columns, ReadOnlySpan<T> u, T tau, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        if (columns <= 0)
            return;
        y[..columns].Clear();
        ref T yr = ref MemoryMarshal.GetReference(y);
        nuint count = (uint)columns, end = VectorEnd<T, TVec, TOps>(count);
        for (int p = 0; p < rows; p++)
        {
            int r = r1 + p;
            ref T row = ref band[r * ld + c0 - r + b2];
            T up = u[p];
            TVec uv = TOps.Broadcast(up);
            nuint i = 0;
            for (; i < end; i += (uint)TOps.Count)
                TOps.Store(TOps.MultiplyAdd(uv, TOps.Load(ref row, i), TOps.Load(ref yr, i)), ref yr, i);
            for (; i < count; i++)
                Unsafe.Add(ref yr, i) += up * Unsafe.Add(ref row, i);
        }
        for (int p = 0; p < rows; p++)
        {
            int r = r1 + p;
            ref T row = ref band[r * ld + c0 - r + b2];
            T s = -tau * u[p];
            TVec sv = TOps.Broadcast(s);
            nuint i = 0;
            for (; i < end; i += (uint)TOps.Count)
                TOps.Store(TOps.MultiplyAdd(sv, TOps.Load(ref yr, i), TOps.Load(ref row, i)), ref row, i);
            for (; i < count; i++)
                Unsafe.Add(ref row, i) += s * Unsafe.Add(ref yr, i);
        }
    }

    /// <summary>How many of <paramref name="count"/> elements the vector loops cover (none on the scalar path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint VectorEnd<T, TVec, TOps>(nuint count)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T> =>
        TOps.IsAccelerated ? count & ~(nuint)(TOps.Count - 1) : 0;

    /// <summary>Q₂'s reflectors in generation order (pooled storage, returned by <see cref="Dispose"/>).</summary>
    internal sealed class Reflectors<T> : IDisposable
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int _stride;
        private T[] _vectors, _tau;
        private int[] _start, _length;

        /// <summary>Storage for the reflectors of an n×n band of half-width <paramref name="bandwidth"/>.</summary>
        public Reflectors(int n, int bandwidth)
        {
            _stride = Math.Max(1, bandwidth);
            // Sweep i generates at most ⌈(n − i − 1)/b⌉ reflectors.
            long capacity = 0;
            for (int i = 0; i + 2 < n; i++)
                capacity += (n - i - 2) / _stride + 1;
            int count = (int)Math.Max(capacity, 1);
            _vectors = ArrayPool<T>.Shared.Rent(checked(count * _stride));
            _tau = ArrayPool<T>.Shared.Rent(count);
            _start = ArrayPool<int>.Shared.Rent(count);
            _length = ArrayPool<int>.Shared.Rent(count);
        }

        /// <summary>How many reflectors are stored.</summary>
        public int Count { get; private set; }

        /// <summary>Records H = I − τ·v·vᵀ acting on rows <paramref name="start"/> … start + v.Length − 1.</summary>
        public void Add(int start, ReadOnlySpan<T> v, T tau)
        {
            v.CopyTo(_vectors.AsSpan(Count * _stride, v.Length));
            _tau[Count] = tau;
            _start[Count] = start;
            _length[Count] = v.Length;
            Count++;
        }

        /// <summary><c>Rows ← Rows·Q₂ᵀ</c>: vectors of T, stored as rows, become vectors of the band matrix.</summary>
        public void ApplyQTransposeFromRight(MatrixSpan<T> rows)
        {
            // Q₂ = H₁·H₂·…·H_N, so z_B = H₁·(H₂·(…·H_N·z_T)): the last reflector first.
            for (int j = Count - 1; j >= 0; j--)
            {
                ReadOnlySpan<T> v = _vectors.AsSpan(j * _stride, _length[j]);
                T tau = _tau[j];
                for (int r = 0; r < rows.Rows; r++)
                {
                    Span<T> segment = rows.Row(r).Slice(_start[j], v.Length);
                    SpanMath.Axpy(-tau * SpanMath.Dot<T>(v, segment), v, segment);
                }
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            ArrayPool<T>.Shared.Return(_vectors);
            ArrayPool<T>.Shared.Return(_tau);
            ArrayPool<int>.Shared.Return(_start);
            ArrayPool<int>.Shared.Return(_length);
            _vectors = _tau = [];
            _start = _length = [];
        }
    }
}
