using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// Roots of the secular equation <c>f(λ) = 1/ρ + Σᵢ zᵢ²/(dᵢ − λ) = 0</c> of the rank-one modified diagonal
/// <c>D + ρ·z·zᵀ</c> (the job of LAPACK xLAED4 in divide and conquer).
/// </summary>
/// <remarks>
/// The poles d are strictly increasing, ρ &gt; 0 and no zᵢ is zero, so there is exactly one root in each
/// (dⱼ, dⱼ₊₁) and one in (d_{k−1}, d_{k−1} + ρ·zᵀz]. Each root is kept as an offset τ from the nearer pole (chosen
/// by the sign of f at the midpoint), and the differences dᵢ − λ are formed as (dᵢ − d_origin) − τ: the pole
/// differences are exact for close poles, so the differences near the root keep full relative accuracy, which the
/// eigenvectors need. The iteration is Li's "middle way": f is modelled by a constant plus the two nearest pole
/// terms, each fitted to the value and slope of its side of the sum (ψ for the poles at or left of the root's
/// interval, φ for those right of it), and the model's root is the next iterate. Every step is safeguarded by a
/// bracket kept from the signs of f (Newton, then bisection, when the model's root leaves it), so the iteration
/// cannot wander; it stops when |f| is below its own rounding-error bound (xLAED4's test).
/// </remarks>
internal static class SecularEquation
{
    private const int MaxIterations = 400;

    /// <summary>
    /// Finds root <paramref name="j"/> (0-based, ascending) and writes <c>delta[i] = dᵢ − λⱼ</c> for every i.
    /// </summary>
    /// <returns>False if the iteration limit was reached (it should not happen: the bracket halves at worst).</returns>
    public static bool TrySolve<T>(int j, ReadOnlySpan<T> d, ReadOnlySpan<T> z, T rho, Span<T> delta, out T lambda)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = d.Length;
        if (k == 1)
        {
            T shift = rho * z[0] * z[0];
            lambda = d[0] + shift;
            delta[0] = -shift;
            return true;
        }

        T eps = MachineParameters<T>.Epsilon, two = T.CreateTruncating(2);
        T rhoInv = T.One / rho;
        int origin, p, q;
        T lo, hi, tau;
        if (j < k - 1)
        {
            p = j;
            q = j + 1;
            T gap = d[j + 1] - d[j], mid = gap / two;
            if (Evaluate(d, z, j, mid, rhoInv, delta) >= T.Zero)
            {
                // The root lies in (dⱼ, dⱼ + gap/2]: measure it from dⱼ.
                origin = j;
                lo = T.Zero;
                hi = mid;
                tau = mid;
            }
            else
            {
                origin = j + 1;
                lo = mid - gap;
                hi = T.Zero;
                tau = lo;
            }
        }
        else
        {
            p = k - 2;
            q = k - 1;
            origin = k - 1;
            T zz = T.Zero;
            for (int i = 0; i < k; i++)
                zz += z[i] * z[i];
            lo = T.Zero;
            hi = rho * zz * (T.One + T.CreateTruncating(8) * eps); // λ_max ≤ d_max + ρ·zᵀz, with rounding room
            T mid = hi / two;
            if (Evaluate(d, z, origin, mid, rhoInv, delta) >= T.Zero)
                hi = mid;
            else
                lo = mid;
            tau = mid;
        }

        T dOrigin = d[origin];
        T eight = T.CreateTruncating(8), three = T.CreateTruncating(3);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            (T psi, T dpsi) = Pass(d[..(p + 1)], z[..(p + 1)], dOrigin, tau, delta);
            (T phi, T dphi) = Pass(d[q..], z[q..], dOrigin, tau, delta[q..]);
            T errorBound;
            errorBound = phi - psi; // ψ ≤ 0 ≤ φ: the sum of the magnitudes of the terms
            T w = rhoInv + psi + phi;
            if (w == T.Zero)
                break;
            if (w > T.Zero)
                hi = tau;
            else
                lo = tau;
            T bound = eps * (eight * errorBound + two * rhoInv + three * T.Abs(tau) * (dpsi + dphi));
            if (T.Abs(w) <= bound)
                break;
            if (hi - lo <= two * eps * T.Max(T.Abs(lo), T.Abs(hi)))
                break;

            // Middle-way model c + s/(δ_p − η) + S/(δ_q − η), s = δ_p²ψ', S = δ_q²φ', matching w and its slope:
            // c·η² − a·η + b = 0.
            T dp = delta[p], dq = delta[q];
            T c = w - dp * dpsi - dq * dphi;
            T a = (dp + dq) * w - dp * dq * (dpsi + dphi);
            T b = dp * dq * w;
            T next = T.NaN;
            if (c == T.Zero)
            {
                if (a != T.Zero)
                    next = tau + b / a;
            }
            else
            {
                T root = T.Sqrt(T.Abs(a * a - T.CreateTruncating(4) * b * c));
                T half = (a + T.CopySign(root, a)) / two;
                T eta1 = half / c, eta2 = half != T.Zero ? b / half : T.NaN;
                bool in1 = Inside(tau + eta1, lo, hi), in2 = Inside(tau + eta2, lo, hi);
                if (in1 && in2)
                    next = tau + (T.Abs(eta1) <= T.Abs(eta2) ? eta1 : eta2);
                else if (in1)
                    next = tau + eta1;
                else if (in2)
                    next = tau + eta2;
            }
            if (!Inside(next, lo, hi))
                next = tau - w / (dpsi + dphi); // Newton
            if (!Inside(next, lo, hi))
                next = lo + (hi - lo) / two;
            if (next == tau)
                break;
            tau = next;
            if (iteration == MaxIterations - 1)
            {
                lambda = dOrigin + tau;
                return false;
            }
        }

        for (int i = 0; i < k; i++)
            delta[i] = (d[i] - dOrigin) - tau;
        lambda = dOrigin + tau;
        return true;
    }

    /// <summary>
    /// δᵢ = (dᵢ − d_origin) − τ into <paramref name="delta"/>; returns (Σ zᵢ²/δᵢ, Σ zᵢ²/δᵢ²). The order of the
    /// sums depends only on the length and the vector width.
    /// </summary>
    private static (T Sum, T Slope) Pass<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> z, T dOrigin, T tau, Span<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            return PassCore<T, Vector512<T>, Vector512Ops<T>>(d, z, dOrigin, tau, delta);
        if (Vector256Ops<T>.IsAccelerated)
            return PassCore<T, Vector256<T>, Vector256Ops<T>>(d, z, dOrigin, tau, delta);
        if (Vector128Ops<T>.IsAccelerated)
            return PassCore<T, Vector128<T>, Vector128Ops<T>>(d, z, dOrigin, tau, delta);
        return PassTail(d, z, dOrigin, tau, delta, 0, T.Zero, T.Zero);
    }

    private static (T Sum, T Slope) PassCore<T, TVec, TOps>(ReadOnlySpan<T> d, ReadOnlySpan<T> z, T dOrigin, T tau, Span<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T dRef = ref MemoryMarshal.GetReference(d);
        ref T zRef = ref MemoryMarshal.GetReference(z);
        ref T outRef = ref MemoryMarshal.GetReference(delta);
        nuint n = (uint)d.Length, w = (uint)TOps.Count, i = 0;
        TVec o = TOps.Broadcast(dOrigin), t = TOps.Broadcast(tau);
        TVec s0 = TOps.Zero, s1 = TOps.Zero, p0 = TOps.Zero, p1 = TOps.Zero;
        for (; i + 2 * w <= n; i += 2 * w)
        {
            TVec d0 = TOps.Subtract(TOps.Subtract(TOps.Load(ref dRef, i), o), t);
            TVec d1 = TOps.Subtract(TOps.Subtract(TOps.Load(ref dRef, i + w), o), t);
            TOps.Store(d0, ref outRef, i);
            TOps.Store(d1, ref outRef, i + w);
            TVec z0 = TOps.Load(ref zRef, i), z1 = TOps.Load(ref zRef, i + w);
            TVec r0 = TOps.Divide(z0, d0), r1 = TOps.Divide(z1, d1);
            s0 = TOps.MultiplyAdd(z0, r0, s0);
            s1 = TOps.MultiplyAdd(z1, r1, s1);
            p0 = TOps.MultiplyAdd(r0, r0, p0);
            p1 = TOps.MultiplyAdd(r1, r1, p1);
        }
        for (; i + w <= n; i += w)
        {
            TVec d0 = TOps.Subtract(TOps.Subtract(TOps.Load(ref dRef, i), o), t);
            TOps.Store(d0, ref outRef, i);
            TVec z0 = TOps.Load(ref zRef, i);
            TVec r0 = TOps.Divide(z0, d0);
            s0 = TOps.MultiplyAdd(z0, r0, s0);
            p0 = TOps.MultiplyAdd(r0, r0, p0);
        }
        return PassTail(d, z, dOrigin, tau, delta, (int)i, TOps.Sum(TOps.Add(s0, s1)), TOps.Sum(TOps.Add(p0, p1)));
    }

    private static (T Sum, T Slope) PassTail<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> z, T dOrigin, T tau, Span<T> delta,
        int start, T sum, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < d.Length; i++)
        {
            T di = (d[i] - dOrigin) - tau;
            delta[i] = di;
            T r = z[i] / di;
            sum = T.FusedMultiplyAdd(z[i], r, sum);
            slope = T.FusedMultiplyAdd(r, r, slope);
        }
        return (sum, slope);
    }

    private static bool Inside<T>(T x, T lo, T hi)
        where T : unmanaged, IFloatingPointIeee754<T> => x > lo && x < hi;

    /// <summary>f at λ = d[origin] + τ (<paramref name="scratch"/> receives the differences).</summary>
    private static T Evaluate<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> z, int origin, T tau, T rhoInv, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        rhoInv + Pass(d, z, d[origin], tau, scratch).Sum;
}
