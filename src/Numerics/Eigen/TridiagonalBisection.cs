using System;
using System.Numerics;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// Selected eigenpairs of a symmetric tridiagonal matrix: eigenvalues by Sturm-sequence bisection (LAPACK xSTEBZ
/// with an index range) and eigenvectors by inverse iteration with reorthogonalization inside clusters (xSTEIN).
/// O(n) per bisection step and per inverse-iteration solve, so k eigenpairs cost O(k·n) besides clusters.
/// </summary>
internal static class TridiagonalBisection
{
    /// <summary>Eigenvalues with ascending indices first..first+count−1 (0-based) into <paramref name="values"/>, ascending.</summary>
    public static void Eigenvalues<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> e, int first, int count, Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        T safmin = MachineParameters<T>.SafeMinimum, ulp = MachineParameters<T>.Epsilon;
        T two = T.CreateTruncating(2), half = T.CreateTruncating(0.5);

        // Gershgorin interval and the pivot floor of xSTEBZ.
        T gl = d[0], gu = d[0], maxE2 = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T left = i > 0 ? T.Abs(e[i - 1]) : T.Zero, right = i < n - 1 ? T.Abs(e[i]) : T.Zero;
            gl = T.Min(gl, d[i] - left - right);
            gu = T.Max(gu, d[i] + left + right);
            if (i < n - 1)
                maxE2 = T.Max(maxE2, e[i] * e[i]);
        }
        if (maxE2 == T.Zero)
        {
            // T is diagonal (1×1, zero, or split everywhere): its eigenvalues are the diagonal, exactly. Bisection
            // would stop within its absolute floor (≈ the safe minimum) of them, e.g. −2⁻¹⁰²² instead of 0.
            T[] sorted = d.ToArray();
            Array.Sort(sorted);
            sorted.AsSpan(first, count).CopyTo(values);
            return;
        }
        T tnorm = T.Max(T.Abs(gl), T.Abs(gu));
        T pivmin = safmin * T.Max(T.One, maxE2);
        T slack = two * tnorm * ulp * T.CreateTruncating(n) + two * pivmin;
        gl -= slack;
        gu += slack;
        T atol = two * safmin + ulp * tnorm; // absolute floor for eigenvalues near zero

        for (int j = 0; j < count; j++)
        {
            int index = first + j;
            T lo = gl, hi = gu;
            for (int iteration = 0; iteration < 4000; iteration++)
            {
                T mid = half * (lo + hi);
                T width = hi - lo;
                if (width <= two * ulp * T.Max(T.Abs(lo), T.Abs(hi)) + atol || mid == lo || mid == hi)
                    break;
                if (CountBelow(d, e, mid, pivmin) <= index)
                    lo = mid;
                else
                    hi = mid;
            }
            values[j] = half * (lo + hi);
        }
    }

    /// <summary>Number of eigenvalues less than <paramref name="x"/> (Sturm count of the LDLᵀ of T − xI).</summary>
    private static int CountBelow<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> e, T x, T pivmin)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = 0;
        T q = d[0] - x;
        if (T.Abs(q) <= pivmin)
            q = -pivmin;
        if (q < T.Zero)
            count++;
        for (int i = 1; i < d.Length; i++)
        {
            q = d[i] - x - e[i - 1] * e[i - 1] / q;
            if (T.Abs(q) <= pivmin)
                q = -pivmin;
            if (q < T.Zero)
                count++;
        }
        return count;
    }

    /// <summary>
    /// Unit eigenvectors of T for the ascending <paramref name="values"/>, written as rows of <paramref name="vectors"/>
    /// (count×n). Returns the number of vectors that failed to converge in 5 iterations (0 normally).
    /// </summary>
    public static int Eigenvectors<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> e, ReadOnlySpan<T> values, MatrixSpan<T> vectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length, count = values.Length, failures = 0;
        T eps = MachineParameters<T>.Epsilon;
        T ten = T.CreateTruncating(10);
        const int maxIterations = 5, extra = 2;

        // ‖T‖₁ and the thresholds of xSTEIN.
        T onenrm = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T row = T.Abs(d[i]) + (i > 0 ? T.Abs(e[i - 1]) : T.Zero) + (i < n - 1 ? T.Abs(e[i]) : T.Zero);
            onenrm = T.Max(onenrm, row);
        }
        T ortol = T.CreateTruncating(1e-3) * onenrm;
        T dtpcrt = T.Sqrt(T.CreateTruncating(0.1) / T.CreateTruncating(n));

        var u0 = new T[n];
        var u1 = new T[n];
        var u2 = new T[n];
        var multipliers = new T[n];
        var swapped = new bool[n];
        var x = new T[n];
        ulong seed = 0x9E3779B97F4A7C15UL;
        int clusterStart = 0;
        T previous = T.Zero;

        for (int j = 0; j < count; j++)
        {
            T lambda = values[j];
            if (j > 0)
            {
                // Separate (nearly) equal eigenvalues slightly, and start a new cluster when the gap is large.
                T pertol = ten * T.Abs(eps * lambda);
                if (lambda - previous < pertol)
                    lambda = previous + pertol;
                if (lambda - previous > ortol)
                    clusterStart = j;
            }
            previous = lambda;

            Factor(d, e, lambda, u0, u1, u2, multipliers, swapped);
            T tol = T.Max(eps * onenrm, MachineParameters<T>.SafeMinimum);
            // Deterministic pseudo-random start vector.
            for (int i = 0; i < n; i++)
            {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                x[i] = T.CreateTruncating((double)(seed >> 11) / (1UL << 53) - 0.5);
            }

            int checks = 0;
            bool converged = false;
            for (int iteration = 0; iteration < maxIterations + extra; iteration++)
            {
                T l1 = T.Zero;
                for (int i = 0; i < n; i++)
                    l1 += T.Abs(x[i]);
                if (!(l1 > T.Zero) || !T.IsFinite(l1))
                {
                    x.AsSpan().Clear();
                    x[j % n] = T.One;
                    l1 = T.One;
                }
                T scale = T.CreateTruncating(n) * onenrm * T.Max(eps, T.Abs(u0[n - 1])) / l1;
                if (T.IsFinite(scale) && scale > T.Zero)
                    SpanMath.Scale(scale, x);
                Solve(u0, u1, u2, multipliers, swapped, x, tol);

                // Gram–Schmidt against the vectors already computed in this cluster.
                for (int p = clusterStart; p < j; p++)
                {
                    ReadOnlySpan<T> zp = vectors.Row(p);
                    SpanMath.Axpy(-SpanMath.Dot<T>(x, zp), zp, x);
                }

                T norm = T.Zero;
                for (int i = 0; i < n; i++)
                    norm = T.Max(norm, T.Abs(x[i]));
                if (norm < dtpcrt)
                    continue;
                checks++;
                if (checks >= extra + 1)
                {
                    converged = true;
                    break;
                }
            }
            if (!converged)
                failures++;

            T norm2 = SpanMath.Norm2<T>(x);
            Span<T> row = vectors.Row(j);
            if (norm2 > T.Zero && T.IsFinite(norm2))
            {
                for (int i = 0; i < n; i++)
                    row[i] = x[i] / norm2;
            }
            else
            {
                row.Clear();
                row[j % n] = T.One;
                failures++;
            }
        }
        return failures;
    }

    /// <summary>T − λI = P·L·U with partial pivoting; U has diagonals u0, u1, u2.</summary>
    private static void Factor<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> e, T lambda, Span<T> u0, Span<T> u1, Span<T> u2,
        Span<T> multipliers, Span<bool> swapped)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        // Current row k, active entries at columns k, k+1, k+2.
        T c0 = d[0] - lambda, c1 = n > 1 ? e[0] : T.Zero, c2 = T.Zero;
        for (int k = 0; k < n - 1; k++)
        {
            T n0 = e[k], n1 = d[k + 1] - lambda, n2 = k + 1 < n - 1 ? e[k + 1] : T.Zero;
            if (T.Abs(c0) >= T.Abs(n0))
            {
                T mult = c0 == T.Zero ? T.Zero : n0 / c0;
                u0[k] = c0; u1[k] = c1; u2[k] = c2;
                swapped[k] = false;
                multipliers[k] = mult;
                c0 = n1 - mult * c1;
                c1 = n2 - mult * c2;
            }
            else
            {
                T mult = c0 / n0;
                u0[k] = n0; u1[k] = n1; u2[k] = n2;
                swapped[k] = true;
                multipliers[k] = mult;
                T t0 = c1 - mult * n1, t1 = c2 - mult * n2;
                c0 = t0;
                c1 = t1;
            }
            c2 = T.Zero;
        }
        u0[n - 1] = c0;
        if (n - 1 >= 0)
        {
            u1[n - 1] = T.Zero;
            u2[n - 1] = T.Zero;
        }
    }

    /// <summary>Solves (T − λI)·x = b in place from the factors; pivots smaller than tol are raised to ±tol.</summary>
    private static void Solve<T>(ReadOnlySpan<T> u0, ReadOnlySpan<T> u1, ReadOnlySpan<T> u2, ReadOnlySpan<T> multipliers,
        ReadOnlySpan<bool> swapped, Span<T> x, T tol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length;
        for (int k = 0; k < n - 1; k++)
        {
            if (swapped[k])
                (x[k], x[k + 1]) = (x[k + 1], x[k]);
            x[k + 1] -= multipliers[k] * x[k];
        }
        for (int k = n - 1; k >= 0; k--)
        {
            T sum = x[k];
            if (k + 1 < n) sum -= u1[k] * x[k + 1];
            if (k + 2 < n) sum -= u2[k] * x[k + 2];
            T pivot = u0[k];
            if (T.Abs(pivot) < tol)
                pivot = pivot < T.Zero ? -tol : tol;
            x[k] = sum / pivot;
        }
    }
}
