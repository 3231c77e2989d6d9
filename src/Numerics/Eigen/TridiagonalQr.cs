using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// Eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix by the implicit QL/QR algorithm
/// with Wilkinson shifts (LAPACK xSTEQR), or its root-free variant for eigenvalues only (LAPACK xSTERF).
/// </summary>
public static class TridiagonalQr
{
    /// <summary>
    /// Computes all eigenvalues of the symmetric tridiagonal T = tridiag(e, d, e), in ascending order, and when
    /// <paramref name="vectors"/> is not empty rotates its rows into the eigenvectors.
    /// </summary>
    /// <param name="d">On entry, the n diagonal entries; on exit, the eigenvalues in ascending order.</param>
    /// <param name="e">On entry, the n − 1 off-diagonal entries; on exit, destroyed (zero where converged).</param>
    /// <param name="vectors">Empty to compute eigenvalues only. Otherwise n rows of any length: on entry, the rows of
    /// an orthogonal Zᵀ (the identity for the eigenvectors of T, or Qᵀ from <see cref="Tridiagonalization"/> for those
    /// of A = Q·T·Qᵀ); on exit, row j is the eigenvector for eigenvalue j (Zᵀ·(rotations)).</param>
    /// <param name="unconverged">On failure, the number of off-diagonal entries that did not converge; otherwise 0.</param>
    /// <param name="parallelism">Threads for applying the rotations to <paramref name="vectors"/>.</param>
    /// <returns>False when the iteration limit (30·n sweeps in all) was reached; the eigenvalues are then unordered
    /// and only partly converged.</returns>
    /// <exception cref="ArgumentException">A length or shape does not match n.</exception>
    /// <remarks>
    /// Same algorithm and contract as LAPACK xSTEQR: the matrix splits where an off-diagonal is negligible
    /// (|eᵢ| ≤ ε·√|dᵢ|·√|dᵢ₊₁|), each block is scaled into a safe range when its entries are near overflow or
    /// underflow, and QL or QR is chosen so that the shift chases from the larger end. With no vectors the sweeps
    /// are root-free (Pal–Walker–Kahan, LAPACK xSTERF): they run on the squared off-diagonals with one division and
    /// no square root per step (O(n²) in all); the values then agree with those of the vector path to
    /// rounding (within n·‖T‖·ε), not bitwise. The vector work (≈ 6n³ flops) is restructured for the cache as in Van Zee, van de Geijn and
    /// Quintana-Ortí (2011): the rotations of many sweeps are recorded and then applied strip by strip (a few
    /// SIMD vectors of every row at a time), each sweep's chain keeping the shared row in registers, so a strip
    /// stays in L2 while thousands of rotations pass over it. Strips are independent, so threads split them and
    /// results do not depend on the thread count.
    /// </remarks>
    public static bool TryComputeInPlace<T>(Span<T> d, Span<T> e, MatrixSpan<T> vectors, out int unconverged,
        Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        if (e.Length < Math.Max(n - 1, 0))
            ThrowHelper.ThrowDestinationTooShort(nameof(e), n - 1, e.Length);
        bool withVectors = !vectors.IsEmpty;
        if (withVectors && vectors.Rows != n)
            ThrowHelper.ThrowShapeMismatch(nameof(vectors), $"an empty view or one with {n} rows", vectors.Rows, vectors.Columns);
        unconverged = 0;
        if (n <= 1)
            return true;

        if (!withVectors)
        {
            if (!IterateRootFree(d, e, out unconverged))
                return false;
            d.Sort();
            return true;
        }

        RotationBatch<T>? batch = new RotationBatch<T>(n, vectors.Columns);
        bool converged = Iterate(d, e, batch, vectors, parallelism, out unconverged);
        if (batch is not null)
            batch.Flush(vectors, parallelism);
        if (!converged)
            return false;

        // Selection sort, ascending, swapping vector rows along (at most n − 1 swaps).
        for (int i = 0; i < n - 1; i++)
        {
            int k = i;
            T p = d[i];
            for (int j = i + 1; j < n; j++)
                if (d[j] < p)
                {
                    k = j;
                    p = d[j];
                }
            if (k != i)
            {
                d[k] = d[i];
                d[i] = p;
                if (withVectors)
                    SwapRows(vectors.Row(i), vectors.Row(k));
            }
        }
        return true;
    }

    private static void SwapRows<T>(Span<T> a, Span<T> b)
    {
        for (int j = 0; j < a.Length; j++)
            (a[j], b[j]) = (b[j], a[j]);
    }

    private static bool Iterate<T>(Span<T> d, Span<T> e, RotationBatch<T>? batch, MatrixSpan<T> vectors, Parallelism parallelism,
        out int unconverged)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        T eps = MachineParameters<T>.UnitRoundoff, eps2 = eps * eps;
        T safmin = MachineParameters<T>.SafeMinimum, safmax = T.One / safmin;
        T three = T.CreateTruncating(3), two = T.CreateTruncating(2);
        T ssfmax = T.Sqrt(safmax) / three, ssfmin = T.Sqrt(safmin) / eps2;
        int nmaxit = n * 30, jtot = 0;
        int l1 = 0;

        while (l1 <= n - 1)
        {
            if (l1 > 0)
                e[l1 - 1] = T.Zero;
            int m = l1;
            for (; m < n - 1; m++)
            {
                T tst = T.Abs(e[m]);
                if (tst == T.Zero)
                    break;
                if (tst <= T.Sqrt(T.Abs(d[m])) * T.Sqrt(T.Abs(d[m + 1])) * eps)
                {
                    e[m] = T.Zero;
                    break;
                }
            }
            int l = l1, lsv = l, lend = m, lendsv = lend;
            l1 = m + 1;
            if (lend == l)
                continue;

            // Scale the unreduced block l..lend into a safe range.
            T anorm = BlockNorm(d, e, l, lend);
            if (T.IsNaN(anorm))
            {
                unconverged = CountNonzero(e, n);
                return false;
            }
            if (anorm == T.Zero)
                continue;
            T target = anorm > ssfmax ? ssfmax : anorm < ssfmin ? ssfmin : T.Zero; // zero: already in range
            if (target != T.Zero)
                Scale(d, e, l, lend, target / anorm);

            if (T.Abs(d[lend]) < T.Abs(d[l]))
            {
                lend = lsv;
                l = lendsv;
            }

            if (lend > l)
            {
                // QL iteration: look for a small subdiagonal element from the top.
                while (true)
                {
                    if (l != lend)
                    {
                        for (m = l; m < lend; m++)
                        {
                            T tst = T.Abs(e[m]);
                            if (tst * tst <= eps2 * T.Abs(d[m]) * T.Abs(d[m + 1]) + safmin)
                                break;
                        }
                    }
                    else
                    {
                        m = lend;
                    }
                    if (m < lend)
                        e[m] = T.Zero;
                    T p = d[l];
                    if (m == l)
                    {
                        // Eigenvalue found.
                        l++;
                        if (l <= lend)
                            continue;
                        break;
                    }
                    if (m == l + 1)
                    {
                        // 2×2 block.
                        Eigen2x2(d[l], e[l], d[l + 1], out T rt1, out T rt2, out T c2, out T s2, batch is not null);
                        batch?.AddSingle(l, c2, s2, vectors, parallelism);
                        d[l] = rt1;
                        d[l + 1] = rt2;
                        e[l] = T.Zero;
                        l += 2;
                        if (l <= lend)
                            continue;
                        break;
                    }
                    if (jtot == nmaxit)
                        break;
                    jtot++;

                    // Wilkinson shift, then chase the bulge from m up to l.
                    T g = (d[l + 1] - p) / (two * e[l]);
                    T r = T.Hypot(g, T.One);
                    g = d[m] - p + e[l] / (g + T.CopySign(r, g));
                    T s = T.One, c = T.One;
                    p = T.Zero;
                    Span<T> cs = default, sn = default;
                    batch?.BeginChain(l, m, backward: true, vectors, parallelism, out cs, out sn);
                    for (int i = m - 1; i >= l; i--)
                    {
                        T f = s * e[i], b = c * e[i];
                        Rotation(g, f, out c, out s, out r);
                        if (i != m - 1)
                            e[i + 1] = r;
                        g = d[i + 1] - p;
                        r = (d[i] - g) * s + two * c * b;
                        p = s * r;
                        d[i + 1] = g + p;
                        g = c * r - b;
                        if (batch is not null)
                        {
                            cs[i - l] = c;
                            sn[i - l] = -s;
                        }
                    }
                    d[l] -= p;
                    e[l] = g;
                }
            }
            else
            {
                // QR iteration: look for a small superdiagonal element from the bottom.
                while (true)
                {
                    if (l != lend)
                    {
                        for (m = l; m > lend; m--)
                        {
                            T tst = T.Abs(e[m - 1]);
                            if (tst * tst <= eps2 * T.Abs(d[m]) * T.Abs(d[m - 1]) + safmin)
                                break;
                        }
                    }
                    else
                    {
                        m = lend;
                    }
                    if (m > lend)
                        e[m - 1] = T.Zero;
                    T p = d[l];
                    if (m == l)
                    {
                        l--;
                        if (l >= lend)
                            continue;
                        break;
                    }
                    if (m == l - 1)
                    {
                        Eigen2x2(d[l - 1], e[l - 1], d[l], out T rt1, out T rt2, out T c2, out T s2, batch is not null);
                        batch?.AddSingle(l - 1, c2, s2, vectors, parallelism);
                        d[l - 1] = rt1;
                        d[l] = rt2;
                        e[l - 1] = T.Zero;
                        l -= 2;
                        if (l >= lend)
                            continue;
                        break;
                    }
                    if (jtot == nmaxit)
                        break;
                    jtot++;

                    T g = (d[l - 1] - p) / (two * e[l - 1]);
                    T r = T.Hypot(g, T.One);
                    g = d[m] - p + e[l - 1] / (g + T.CopySign(r, g));
                    T s = T.One, c = T.One;
                    p = T.Zero;
                    Span<T> cs = default, sn = default;
                    batch?.BeginChain(m, l, backward: false, vectors, parallelism, out cs, out sn);
                    for (int i = m; i < l; i++)
                    {
                        T f = s * e[i], b = c * e[i];
                        Rotation(g, f, out c, out s, out r);
                        if (i != m)
                            e[i - 1] = r;
                        g = d[i] - p;
                        r = (d[i + 1] - g) * s + two * c * b;
                        p = s * r;
                        d[i] = g + p;
                        g = c * r - b;
                        if (batch is not null)
                        {
                            cs[i - m] = c;
                            sn[i - m] = s;
                        }
                    }
                    d[l] -= p;
                    e[l - 1] = g;
                }
            }

            // Undo the scaling.
            if (target != T.Zero)
                Scale(d, e, lsv, lendsv, anorm / target);

            if (jtot >= nmaxit)
            {
                unconverged = CountNonzero(e, n);
                return unconverged == 0;
            }
        }
        unconverged = 0;
        return true;
    }

    /// <summary>
    /// Eigenvalues only by the root-free variant of implicit QL/QR (Pal–Walker–Kahan, LAPACK xSTERF): the iteration
    /// runs on the squared off-diagonals and needs no square root or rotation per step, only one division.
    /// Leaves the eigenvalues unordered; <paramref name="e"/> is destroyed.
    /// </summary>
    private static bool IterateRootFree<T>(Span<T> d, Span<T> e, out int unconverged)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        T eps = MachineParameters<T>.UnitRoundoff, eps2 = eps * eps;
        T safmin = MachineParameters<T>.SafeMinimum, safmax = T.One / safmin;
        T three = T.CreateTruncating(3), two = T.CreateTruncating(2);
        T ssfmax = T.Sqrt(safmax) / three, ssfmin = T.Sqrt(safmin) / eps2;
        int nmaxit = n * 30, jtot = 0;
        int l1 = 0;

        while (l1 <= n - 1)
        {
            if (l1 > 0)
                e[l1 - 1] = T.Zero;
            int m = l1;
            for (; m < n - 1; m++)
            {
                if (T.Abs(e[m]) <= T.Sqrt(T.Abs(d[m])) * T.Sqrt(T.Abs(d[m + 1])) * eps)
                {
                    e[m] = T.Zero;
                    break;
                }
            }
            int l = l1, lsv = l, lend = m, lendsv = lend;
            l1 = m + 1;
            if (lend == l)
                continue;

            // Scale the unreduced block l..lend into a safe range.
            T anorm = BlockNorm(d, e, l, lend);
            if (T.IsNaN(anorm))
            {
                unconverged = CountNonzero(e, n);
                return false;
            }
            if (anorm == T.Zero)
                continue;
            T target = anorm > ssfmax ? ssfmax : anorm < ssfmin ? ssfmin : T.Zero; // zero: already in range
            if (target != T.Zero)
                Scale(d, e, l, lend, target / anorm);
            for (int i = l; i < lend; i++)
                e[i] *= e[i];

            if (T.Abs(d[lend]) < T.Abs(d[l]))
            {
                lend = lsv;
                l = lendsv;
            }

            if (lend >= l)
            {
                // QL iteration: look for a small subdiagonal element from the top.
                while (true)
                {
                    for (m = l; m < lend; m++)
                        if (T.Abs(e[m]) <= eps2 * T.Abs(d[m] * d[m + 1]))
                            break;
                    if (m < lend)
                        e[m] = T.Zero;
                    T p = d[l];
                    if (m == l)
                    {
                        // Eigenvalue found.
                        l++;
                        if (l <= lend)
                            continue;
                        break;
                    }
                    if (m == l + 1)
                    {
                        Eigen2x2(d[l], T.Sqrt(e[l]), d[l + 1], out T rt1, out T rt2, out _, out _, withVector: false);
                        d[l] = rt1;
                        d[l + 1] = rt2;
                        e[l] = T.Zero;
                        l += 2;
                        if (l <= lend)
                            continue;
                        break;
                    }
                    if (jtot == nmaxit)
                        break;
                    jtot++;

                    // Wilkinson shift σ, then the root-free sweep from m up to l.
                    T rte = T.Sqrt(e[l]);
                    T sigma = (d[l + 1] - p) / (two * rte);
                    T r = T.Hypot(sigma, T.One);
                    sigma = p - rte / (sigma + T.CopySign(r, sigma));
                    T c = T.One, s = T.Zero, gamma = d[m] - sigma;
                    p = gamma * gamma;
                    for (int i = m - 1; i >= l; i--)
                    {
                        T bb = e[i];
                        r = p + bb;
                        if (i != m - 1)
                            e[i + 1] = s * r;
                        T oldc = c;
                        c = p / r;
                        s = bb / r;
                        T inverseC = r / p; // 1/c, divided alongside c and s instead of after γ
                        T oldgam = gamma, alpha = d[i];
                        gamma = c * (alpha - sigma) - s * oldgam;
                        d[i + 1] = oldgam + (alpha - gamma);
                        p = T.IsFinite(inverseC) ? gamma * gamma * inverseC : c != T.Zero ? gamma * gamma / c : oldc * bb;
                    }
                    e[l] = s * p;
                    d[l] = sigma + gamma;
                }
            }
            else
            {
                // QR iteration: look for a small superdiagonal element from the bottom.
                while (true)
                {
                    for (m = l; m > lend; m--)
                        if (T.Abs(e[m - 1]) <= eps2 * T.Abs(d[m] * d[m - 1]))
                            break;
                    if (m > lend)
                        e[m - 1] = T.Zero;
                    T p = d[l];
                    if (m == l)
                    {
                        l--;
                        if (l >= lend)
                            continue;
                        break;
                    }
                    if (m == l - 1)
                    {
                        Eigen2x2(d[l], T.Sqrt(e[l - 1]), d[l - 1], out T rt1, out T rt2, out _, out _, withVector: false);
                        d[l] = rt1;
                        d[l - 1] = rt2;
                        e[l - 1] = T.Zero;
                        l -= 2;
                        if (l >= lend)
                            continue;
                        break;
                    }
                    if (jtot == nmaxit)
                        break;
                    jtot++;

                    T rte = T.Sqrt(e[l - 1]);
                    T sigma = (d[l - 1] - p) / (two * rte);
                    T r = T.Hypot(sigma, T.One);
                    sigma = p - rte / (sigma + T.CopySign(r, sigma));
                    T c = T.One, s = T.Zero, gamma = d[m] - sigma;
                    p = gamma * gamma;
                    for (int i = m; i < l; i++)
                    {
                        T bb = e[i];
                        r = p + bb;
                        if (i != m)
                            e[i - 1] = s * r;
                        T oldc = c;
                        c = p / r;
                        s = bb / r;
                        T inverseC = r / p;
                        T oldgam = gamma, alpha = d[i + 1];
                        gamma = c * (alpha - sigma) - s * oldgam;
                        d[i] = oldgam + (alpha - gamma);
                        p = T.IsFinite(inverseC) ? gamma * gamma * inverseC : c != T.Zero ? gamma * gamma / c : oldc * bb;
                    }
                    e[l - 1] = s * p;
                    d[l] = sigma + gamma;
                }
            }

            // Undo the scaling (only d matters now; e holds squares).
            if (target != T.Zero)
                Scale(d, e, lsv, lendsv, anorm / target);

            if (jtot >= nmaxit)
            {
                unconverged = CountNonzero(e, n);
                return unconverged == 0;
            }
        }
        unconverged = 0;
        return true;
    }

    private static int CountNonzero<T>(Span<T> e, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = 0;
        for (int i = 0; i < n - 1; i++)
            if (e[i] != T.Zero)
                count++;
        return count;
    }

    /// <summary>Largest magnitude in the block <c>l..lend</c> of the tridiagonal (NaN when an entry is NaN).</summary>
    private static T BlockNorm<T>(Span<T> d, Span<T> e, int l, int lend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T norm = T.Zero;
        for (int i = l; i <= lend; i++)
            norm = T.Max(norm, T.Abs(d[i]));
        for (int i = l; i < lend; i++)
            norm = T.Max(norm, T.Abs(e[i]));
        return norm;
    }

    private static void Scale<T>(Span<T> d, Span<T> e, int l, int lend, T factor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = l; i <= lend; i++)
            d[i] *= factor;
        for (int i = l; i < lend; i++)
            e[i] *= factor;
    }

    /// <summary>Plane rotation [c s; −s c]·[f; g] = [r; 0] without overflow or underflow (LAPACK 3.10 xLARTG).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Rotation<T>(T f, T g, out T c, out T s, out T r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g == T.Zero)
        {
            c = T.One;
            s = T.Zero;
            r = f;
            return;
        }
        if (f == T.Zero)
        {
            c = T.Zero;
            s = T.CopySign(T.One, g);
            r = T.Abs(g);
            return;
        }
        T rtmin = MachineParameters<T>.RootMinimum, rtmax = MachineParameters<T>.RootMaximum;
        T f1 = T.Abs(f), g1 = T.Abs(g);
        if (f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax)
        {
            T dd = T.Sqrt(f * f + g * g);
            c = f1 / dd;
            r = T.CopySign(dd, f);
            s = g / r;
        }
        else
        {
            T u = T.Min(MachineParameters<T>.SafeMaximum, T.Max(MachineParameters<T>.SafeMinimum, T.Max(f1, g1)));
            T fs = f / u, gs = g / u;
            T dd = T.Sqrt(fs * fs + gs * gs);
            c = T.Abs(fs) / dd;
            r = T.CopySign(dd, f);
            s = gs / r;
            r *= u;
        }
    }

    /// <summary>Eigen-decomposition of [a b; b c] (LAPACK xLAEV2): rt1 has the larger magnitude, (cs, sn) its unit eigenvector.</summary>
    internal static void Eigen2x2<T>(T a, T b, T c, out T rt1, out T rt2, out T cs1, out T sn1, bool withVector)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5), two = T.CreateTruncating(2);
        T sm = a + c, df = a - c, adf = T.Abs(df), tb = b + b, ab = T.Abs(tb);
        T acmx, acmn;
        if (T.Abs(a) > T.Abs(c)) { acmx = a; acmn = c; }
        else { acmx = c; acmn = a; }
        T rt;
        if (adf > ab) rt = adf * T.Sqrt(T.One + (ab / adf) * (ab / adf));
        else if (adf < ab) rt = ab * T.Sqrt(T.One + (adf / ab) * (adf / ab));
        else rt = ab * T.Sqrt(two);
        int sgn1;
        if (sm < T.Zero)
        {
            rt1 = half * (sm - rt);
            sgn1 = -1;
            rt2 = acmx / rt1 * acmn - b / rt1 * b;
        }
        else if (sm > T.Zero)
        {
            rt1 = half * (sm + rt);
            sgn1 = 1;
            rt2 = acmx / rt1 * acmn - b / rt1 * b;
        }
        else
        {
            rt1 = half * rt;
            rt2 = -half * rt;
            sgn1 = 1;
        }
        cs1 = T.One;
        sn1 = T.Zero;
        if (!withVector)
            return;
        int sgn2;
        T cs;
        if (df >= T.Zero) { cs = df + rt; sgn2 = 1; }
        else { cs = df - rt; sgn2 = -1; }
        T acs = T.Abs(cs);
        if (acs > ab)
        {
            T ct = -tb / cs;
            sn1 = T.One / T.Sqrt(T.One + ct * ct);
            cs1 = ct * sn1;
        }
        else if (ab == T.Zero)
        {
            cs1 = T.One;
            sn1 = T.Zero;
        }
        else
        {
            T tn = -cs / tb;
            cs1 = T.One / T.Sqrt(T.One + tn * tn);
            sn1 = tn * cs1;
        }
        if (sgn1 == sgn2)
        {
            T tn = cs1;
            cs1 = -sn1;
            sn1 = tn;
        }
    }
}

/// <summary>
/// Rotations recorded by the QR sweeps, applied to the vector rows later in strips that stay in cache.
/// A chain is one sweep: rotations on consecutive row pairs (i, i+1), applied from the bottom (QL) or the top (QR).
/// </summary>
internal sealed class RotationBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _c, _s;
    private readonly int[] _chainFirst, _chainLast, _chainOffset;
    private readonly bool[] _chainBackward;
    private int _rotations, _chains;
    private readonly int _columns;

    /// <summary>Rotation × column updates a helper thread must get before a flush is split (measured: below about
    /// n = 1024 the packing the calling thread does for the helpers costs more than they save). Tests lower it to
    /// exercise the parallel path on small matrices.</summary>
    internal static double MinWorkPerThread = 32e6;

    public RotationBatch(int n, int columns)
    {
        _columns = columns;
        // Enough for several full sweeps per flush, so every strip is loaded once per many thousand rotations.
        int capacity = Math.Max(48 * n, 4096);
        _c = new T[capacity];
        _s = new T[capacity];
        int chainCapacity = capacity / 2 + 1;
        _chainFirst = new int[chainCapacity];
        _chainLast = new int[chainCapacity];
        _chainOffset = new int[chainCapacity];
        _chainBackward = new bool[chainCapacity];
    }

    /// <summary>Reserves a chain over rows first..last (last − first rotations); returns where to store c and s,
    /// indexed by (rotation index − min(first, last)).</summary>
    public void BeginChain(int first, int last, bool backward, MatrixSpan<T> vectors, Parallelism parallelism, out Span<T> c, out Span<T> s)
    {
        int low = Math.Min(first, last), high = Math.Max(first, last), count = high - low;
        if (_rotations + count > _c.Length || _chains == _chainFirst.Length)
            Flush(vectors, parallelism);
        _chainFirst[_chains] = low;
        _chainLast[_chains] = high;
        _chainOffset[_chains] = _rotations;
        _chainBackward[_chains] = backward;
        _chains++;
        c = _c.AsSpan(_rotations, count);
        s = _s.AsSpan(_rotations, count);
        _rotations += count;
    }

    /// <summary>One rotation on rows (i, i+1): new row i = c·row i + s·row i+1, new row i+1 = c·row i+1 − s·row i.</summary>
    public void AddSingle(int i, T c, T s, MatrixSpan<T> vectors, Parallelism parallelism)
    {
        BeginChain(i, i + 1, backward: true, vectors, parallelism, out Span<T> cs, out Span<T> sn);
        cs[0] = c;
        sn[0] = s;
    }

    /// <summary>Applies every recorded rotation, in order, to the rows of <paramref name="vectors"/>, then forgets them.</summary>
    /// <remarks>
    /// Each strip (a few SIMD vectors of every row) is packed into a contiguous buffer first: rows of a matrix whose
    /// stride is a power of two would otherwise map to a handful of cache sets and evict each other.
    /// </remarks>
    public void Flush(MatrixSpan<T> vectors, Parallelism parallelism)
    {
        if (_chains == 0)
            return;
        int width = StripWidth(), rows = vectors.Rows;
        int strips = (_columns + width - 1) / width;
        int threads = Math.Min(parallelism.ThreadsFor((double)_rotations * _columns, MinWorkPerThread), strips);
        int perThread = (strips + threads - 1) / threads;
        threads = (strips + perThread - 1) / perThread;

        // Helper threads get their strips packed, strip after strip, into private buffers (spans cannot travel
        // into the thread pool); the calling thread packs one strip at a time. Strips are independent and every
        // element sees the same operations in the same order, so the split changes no bit of the result.
        var tasks = new Task[threads - 1];
        var buffers = new T[threads - 1][];
        for (int t = 1; t < threads; t++)
        {
            int s0 = t * perThread, s1 = Math.Min(strips, s0 + perThread);
            var buffer = new T[rows * width * (s1 - s0)];
            for (int strip = s0; strip < s1; strip++)
                Pack(vectors, strip * width, StripColumns(strip, width), buffer.AsSpan(rows * width * (strip - s0), rows * width));
            buffers[t - 1] = buffer;
            int first = s0, last = s1;
            tasks[t - 1] = Task.Run(() =>
            {
                for (int strip = first; strip < last; strip++)
                {
                    int columns = StripColumns(strip, width);
                    var view = new MatrixSpan<T>(buffer.AsSpan(rows * width * (strip - first), rows * width), rows, columns, width);
                    ApplyStrip(view, columns);
                }
            });
        }

        T[] local = new T[rows * width];
        for (int strip = 0; strip < Math.Min(perThread, strips); strip++)
        {
            int columns = StripColumns(strip, width);
            Pack(vectors, strip * width, columns, local);
            ApplyStrip(new MatrixSpan<T>(local, rows, columns, width), columns);
            Unpack(local, vectors, strip * width, columns);
        }
        if (tasks.Length > 0)
        {
            Task.WaitAll(tasks);
            for (int t = 1; t < threads; t++)
            {
                int s0 = t * perThread, s1 = Math.Min(strips, s0 + perThread);
                for (int strip = s0; strip < s1; strip++)
                    Unpack(buffers[t - 1].AsSpan(rows * width * (strip - s0), rows * width), vectors, strip * width, StripColumns(strip, width));
            }
        }
        _rotations = 0;
        _chains = 0;
    }

    private int StripColumns(int strip, int width) => Math.Min(width, _columns - strip * width);

    private static void Pack(MatrixSpan<T> vectors, int column, int columns, Span<T> packed)
    {
        int width = packed.Length / vectors.Rows;
        for (int i = 0; i < vectors.Rows; i++)
            vectors.Row(i).Slice(column, columns).CopyTo(packed.Slice(i * width, columns));
    }

    private static void Unpack(ReadOnlySpan<T> packed, MatrixSpan<T> vectors, int column, int columns)
    {
        int width = packed.Length / vectors.Rows;
        for (int i = 0; i < vectors.Rows; i++)
            packed.Slice(i * width, columns).CopyTo(vectors.Row(i).Slice(column, columns));
    }

    private static int StripWidth()
    {
        if (Vector512Ops<T>.IsAccelerated) return 4 * Vector512<T>.Count;
        if (Vector256Ops<T>.IsAccelerated) return 4 * Vector256<T>.Count;
        if (Vector128Ops<T>.IsAccelerated) return 4 * Vector128<T>.Count;
        return 16;
    }

    private void ApplyStrip(MatrixSpan<T> vectors, int width)
    {
        const int column = 0;
        if (width <= 0)
            return;
        if (Vector512Ops<T>.IsAccelerated && width == 4 * Vector512<T>.Count)
            ApplyStripVector<Vector512<T>, Vector512Ops<T>>(vectors, column);
        else if (Vector256Ops<T>.IsAccelerated && width == 4 * Vector256<T>.Count)
            ApplyStripVector<Vector256<T>, Vector256Ops<T>>(vectors, column);
        else if (Vector128Ops<T>.IsAccelerated && width == 4 * Vector128<T>.Count)
            ApplyStripVector<Vector128<T>, Vector128Ops<T>>(vectors, column);
        else
            ApplyStripScalar(vectors, column, width);
    }

    private void ApplyStripVector<TVec, TOps>(MatrixSpan<T> vectors, int column)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T origin = ref Unsafe.Add(ref vectors.GetReference(), column);
        nint stride = vectors.RowStride;
        nuint w = (uint)TOps.Count;
        for (int chain = 0; chain < _chains; chain++)
        {
            int first = _chainFirst[chain], last = _chainLast[chain], offset = _chainOffset[chain];
            ref T c = ref _c[offset];
            ref T s = ref _s[offset];
            if (_chainBackward[chain])
            {
                // Rotations i = last−1 … first; the row i+1 being finished is held in registers.
                ref T rowHigh = ref Unsafe.Add(ref origin, last * stride);
                TVec r0 = TOps.Load(ref rowHigh, 0), r1 = TOps.Load(ref rowHigh, w), r2 = TOps.Load(ref rowHigh, 2 * w), r3 = TOps.Load(ref rowHigh, 3 * w);
                for (int i = last - 1; i >= first; i--)
                {
                    ref T row = ref Unsafe.Add(ref origin, i * stride);
                    ref T next = ref Unsafe.Add(ref row, stride);
                    T si = Unsafe.Add(ref s, i - first);
                    TVec cv = TOps.Broadcast(Unsafe.Add(ref c, i - first)), sv = TOps.Broadcast(si), nsv = TOps.Broadcast(-si);
                    TVec x0 = TOps.Load(ref row, 0), x1 = TOps.Load(ref row, w), x2 = TOps.Load(ref row, 2 * w), x3 = TOps.Load(ref row, 3 * w);
                    TOps.Store(TOps.MultiplyAdd(cv, r0, TOps.Multiply(nsv, x0)), ref next, 0);
                    TOps.Store(TOps.MultiplyAdd(cv, r1, TOps.Multiply(nsv, x1)), ref next, w);
                    TOps.Store(TOps.MultiplyAdd(cv, r2, TOps.Multiply(nsv, x2)), ref next, 2 * w);
                    TOps.Store(TOps.MultiplyAdd(cv, r3, TOps.Multiply(nsv, x3)), ref next, 3 * w);
                    r0 = TOps.MultiplyAdd(sv, r0, TOps.Multiply(cv, x0));
                    r1 = TOps.MultiplyAdd(sv, r1, TOps.Multiply(cv, x1));
                    r2 = TOps.MultiplyAdd(sv, r2, TOps.Multiply(cv, x2));
                    r3 = TOps.MultiplyAdd(sv, r3, TOps.Multiply(cv, x3));
                }
                ref T rowLow = ref Unsafe.Add(ref origin, first * stride);
                TOps.Store(r0, ref rowLow, 0);
                TOps.Store(r1, ref rowLow, w);
                TOps.Store(r2, ref rowLow, 2 * w);
                TOps.Store(r3, ref rowLow, 3 * w);
            }
            else
            {
                // Rotations i = first … last−1; the row i being finished is held in registers.
                ref T rowLow = ref Unsafe.Add(ref origin, first * stride);
                TVec r0 = TOps.Load(ref rowLow, 0), r1 = TOps.Load(ref rowLow, w), r2 = TOps.Load(ref rowLow, 2 * w), r3 = TOps.Load(ref rowLow, 3 * w);
                for (int i = first; i < last; i++)
                {
                    ref T row = ref Unsafe.Add(ref origin, i * stride);
                    ref T next = ref Unsafe.Add(ref row, stride);
                    T si = Unsafe.Add(ref s, i - first);
                    TVec cv = TOps.Broadcast(Unsafe.Add(ref c, i - first)), sv = TOps.Broadcast(si), nsv = TOps.Broadcast(-si);
                    TVec t0 = TOps.Load(ref next, 0), t1 = TOps.Load(ref next, w), t2 = TOps.Load(ref next, 2 * w), t3 = TOps.Load(ref next, 3 * w);
                    TOps.Store(TOps.MultiplyAdd(cv, r0, TOps.Multiply(sv, t0)), ref row, 0);
                    TOps.Store(TOps.MultiplyAdd(cv, r1, TOps.Multiply(sv, t1)), ref row, w);
                    TOps.Store(TOps.MultiplyAdd(cv, r2, TOps.Multiply(sv, t2)), ref row, 2 * w);
                    TOps.Store(TOps.MultiplyAdd(cv, r3, TOps.Multiply(sv, t3)), ref row, 3 * w);
                    r0 = TOps.MultiplyAdd(nsv, r0, TOps.Multiply(cv, t0));
                    r1 = TOps.MultiplyAdd(nsv, r1, TOps.Multiply(cv, t1));
                    r2 = TOps.MultiplyAdd(nsv, r2, TOps.Multiply(cv, t2));
                    r3 = TOps.MultiplyAdd(nsv, r3, TOps.Multiply(cv, t3));
                }
                ref T rowHigh = ref Unsafe.Add(ref origin, last * stride);
                TOps.Store(r0, ref rowHigh, 0);
                TOps.Store(r1, ref rowHigh, w);
                TOps.Store(r2, ref rowHigh, 2 * w);
                TOps.Store(r3, ref rowHigh, 3 * w);
            }
        }
    }

    private void ApplyStripScalar(MatrixSpan<T> vectors, int column, int width)
    {
        for (int chain = 0; chain < _chains; chain++)
        {
            int first = _chainFirst[chain], last = _chainLast[chain], offset = _chainOffset[chain];
            for (int j = column; j < column + width; j++)
            {
                if (_chainBackward[chain])
                {
                    T reg = vectors[last, j];
                    for (int i = last - 1; i >= first; i--)
                    {
                        T c = _c[offset + i - first], s = _s[offset + i - first], x = vectors[i, j];
                        vectors[i + 1, j] = T.MultiplyAddEstimate(c, reg, -s * x);
                        reg = T.MultiplyAddEstimate(s, reg, c * x);
                    }
                    vectors[first, j] = reg;
                }
                else
                {
                    T reg = vectors[first, j];
                    for (int i = first; i < last; i++)
                    {
                        T c = _c[offset + i - first], s = _s[offset + i - first], t = vectors[i + 1, j];
                        vectors[i, j] = T.MultiplyAddEstimate(c, reg, s * t);
                        reg = T.MultiplyAddEstimate(-s, reg, c * t);
                    }
                    vectors[last, j] = reg;
                }
            }
        }
    }
}
