using System;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>The m most recent curvature pairs (sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ) of L-BFGS in a ring buffer,
/// and the two-loop recursion that applies the implicit inverse-Hessian approximation to a vector.</summary>
/// <remarks>Storage is allocated once (2·(m + 1)·n doubles: the extra slot receives a new pair before its curvature
/// is checked, so a rejected pair never overwrites a live one); <see cref="TryPush"/> and <see cref="ComputeDirection"/>
/// allocate nothing. All vector work is <see cref="SpanMath"/> Dot/Axpy/Scale/Subtract, so one direction costs
/// 4m + 2 passes over n-vectors: memory-bound, O(m·n).</remarks>
internal sealed class LbfgsMemory
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    private readonly int _n;
    private readonly double[] _s, _y, _rho, _alpha;
    private readonly int _slots; // m + 1
    private int _head; // slot of the next pair (never a live one)
    private double _gamma = 1;

    public LbfgsMemory(int n, int capacity)
    {
        _n = n;
        Capacity = capacity;
        _slots = capacity + 1;
        _s = new double[checked(n * _slots)];
        _y = new double[checked(n * _slots)];
        _rho = new double[_slots];
        _alpha = new double[_slots];
    }

    /// <summary>The most pairs kept (m).</summary>
    public int Capacity { get; }

    /// <summary>Pairs currently stored.</summary>
    public int Count { get; private set; }

    /// <summary>Pairs rejected because they failed the curvature condition.</summary>
    public int Skipped { get; private set; }

    /// <summary>Pairs accepted since construction (including those dropped by <see cref="Clear"/> or aged out).</summary>
    public int Pushed { get; private set; }

    /// <summary>Forgets every pair; the next direction is −γ·g with γ of the newest pair (1 before any).</summary>
    public void Clear()
    {
        Count = 0;
        _head = 0;
    }

    private Span<double> S(int slot) => _s.AsSpan(slot * _n, _n);
    private Span<double> Y(int slot) => _y.AsSpan(slot * _n, _n);

    /// <summary>Stores s = xNew − x and y = gNew − g unless the curvature condition sᵀy &gt; ε·yᵀy fails (then the
    /// pair is skipped, which keeps the implicit matrix positive definite). Updates γ = sᵀy / yᵀy.</summary>
    /// <returns>Whether the pair was stored.</returns>
    public bool TryPush(ReadOnlySpan<double> xNew, ReadOnlySpan<double> x, ReadOnlySpan<double> gNew, ReadOnlySpan<double> g)
    {
        Span<double> s = S(_head), y = Y(_head);
        SpanMath.Subtract(xNew, x, s);
        SpanMath.Subtract(gNew, g, y);
        double sy = SpanMath.Dot<double>(s, y), yy = SpanMath.Dot<double>(y, y);
        if (!(sy > MachineEpsilon * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
        {
            Skipped++;
            return false;
        }
        _rho[_head] = 1 / sy;
        _gamma = sy / yy;
        _head = (_head + 1) % _slots;
        Count = Math.Min(Count + 1, Capacity);
        Pushed++;
        return true;
    }

    /// <summary>d = −H·g by the two-loop recursion (Nocedal &amp; Wright, Algorithm 7.4) with H₀ = γI.</summary>
    public void ComputeDirection(ReadOnlySpan<double> g, Span<double> d)
    {
        g.CopyTo(d);
        // Loop 1, newest to oldest: αᵢ = ρᵢ·sᵢᵀq, q ← q − αᵢ·yᵢ.
        for (int k = 0, slot = _head; k < Count; k++)
        {
            slot = slot == 0 ? _slots - 1 : slot - 1;
            double a = _rho[slot] * SpanMath.Dot<double>(S(slot), d);
            _alpha[slot] = a;
            SpanMath.Axpy(-a, Y(slot), d);
        }

        // r = γ·q, kept negated (e = −r) so that the final sign flip costs no extra pass.
        SpanMath.Scale(-_gamma, d);

        // Loop 2, oldest to newest: β = ρᵢ·yᵢᵀr, r ← r + (αᵢ − β)·sᵢ; in terms of e = −r: e ← e − (αᵢ + ρᵢ·yᵢᵀe)·sᵢ.
        for (int k = 0, slot = (_head - Count + _slots) % _slots; k < Count; k++, slot = (slot + 1) % _slots)
        {
            double b = _rho[slot] * SpanMath.Dot<double>(Y(slot), d);
            SpanMath.Axpy(-(_alpha[slot] + b), S(slot), d);
        }
    }
}
