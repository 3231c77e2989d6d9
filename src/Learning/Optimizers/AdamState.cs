using System;
using System.Numerics;

namespace Simd.Learning.Optimizers;

/// <summary>The moments and the update shared by <see cref="Adam{T}"/> and <see cref="AdamW{T}"/>.</summary>
internal sealed class AdamState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _m, _v;

    public AdamState(int n, double beta1, double beta2, double epsilon)
    {
        _m = new T[n];
        _v = new T[n];
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    public static double CheckEpsilon(double epsilon)
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Must be positive and finite.");
        return epsilon;
    }

    public void Clear()
    {
        Array.Clear(_m);
        Array.Clear(_v);
    }

    /// <summary>One Adam step; <paramref name="coupledDecay"/> is added to the gradient (L2), <paramref name="decoupledDecay"/>
    /// shrinks w directly (AdamW).</summary>
    public void Update(Span<T> w, ReadOnlySpan<T> g, T scale, double rate, int step, double coupledDecay, double decoupledDecay)
    {
        // Bias corrections folded into the step size and ε (computed in double once per step):
        // η·m̂/(√v̂ + ε) = (η/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
        double c1 = 1 - Math.Pow(Beta1, step), c2 = 1 - Math.Pow(Beta2, step);
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2), oneMinusB1 = T.One - b1, oneMinusB2 = T.One - b2;
        T stepSize = T.CreateChecked(rate / c1), invSqrtC2 = T.CreateChecked(1 / Math.Sqrt(c2)), eps = T.CreateChecked(Epsilon);
        T lambda = T.CreateChecked(coupledDecay), shrink = T.CreateChecked(1 - rate * decoupledDecay);
        Span<T> m = _m, v = _v;
        for (int i = 0; i < w.Length; i++)
        {
            T wi = w[i];
            T gi = scale * g[i] + lambda * wi;
            T mi = b1 * m[i] + oneMinusB1 * gi;
            T vi = b2 * v[i] + oneMinusB2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = shrink * wi - stepSize * mi / (T.Sqrt(vi) * invSqrtC2 + eps);
        }
    }
}
