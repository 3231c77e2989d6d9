using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Simd.Numerics.Kernels;
using Simd.TestSupport;
using Xunit;

namespace Simd.PropertyTests.Numerics.Kernels;

/// <summary>Span kernels on random lengths and offsets (misaligned starts) against naive loops.</summary>
public abstract class SpanMathProperties<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Gen<(int Length, int Offset, int Seed)> Cases =
        from length in Gen.Choose(0, 600)
        from offset in Gen.Choose(0, 17)
        from seed in Gen.Choose(0, int.MaxValue)
        select (length, offset, seed);

    private static double D(T x) => double.CreateChecked(x);

    [Fact]
    public void Dot_AtAnyOffset_IsWithinNEpsOfTheExactSum() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            T[] x = RandomMatrices.Vector<T>(c.Length + c.Offset, c.Seed), y = RandomMatrices.Vector<T>(c.Length + 3, c.Seed + 1);
            ReadOnlySpan<T> xs = x.AsSpan(c.Offset, c.Length), ys = y.AsSpan(3, c.Length);
            double exact = 0, abs = 0;
            for (int i = 0; i < c.Length; i++) { exact += D(xs[i]) * D(ys[i]); abs += Math.Abs(D(xs[i]) * D(ys[i])); }
            return Math.Abs(D(SpanMath.Dot(xs, ys)) - exact) <= (c.Length + 1) * NumericAssert.Eps<T>() * abs;
        }).Check(PropertyConfig.Default);

    [Fact]
    public void Axpy_AtAnyOffset_MatchesFusedScalarLoopAndTouchesNothingElse() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            T alpha = T.CreateTruncating(0.5 + c.Seed % 7);
            T[] x = RandomMatrices.Vector<T>(c.Length, c.Seed);
            T[] y = RandomMatrices.Vector<T>(c.Length + 2 * c.Offset, c.Seed + 1), y0 = (T[])y.Clone();
            SpanMath.Axpy<T>(alpha, x, y.AsSpan(c.Offset, c.Length));
            for (int i = 0; i < y.Length; i++)
            {
                bool inside = i >= c.Offset && i < c.Offset + c.Length;
                if (!inside && y[i] != y0[i])
                    return false;
                if (inside)
                {
                    double xi = D(x[i - c.Offset]), expected = D(alpha) * xi + D(y0[i]);
                    if (Math.Abs(D(y[i]) - expected) > 2 * NumericAssert.Eps<T>() * (Math.Abs(D(alpha) * xi) + Math.Abs(D(y0[i]))))
                        return false;
                }
            }
            return true;
        }).Check(PropertyConfig.Default);

    [Fact]
    public void Norm2_OfScaledVectors_ScalesExactly() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            // ‖2^e·x‖ = 2^e·‖x‖ exactly in exact arithmetic and, with power-of-two scaling, in floating point
            // up to the rounding of the sum; e spans most of the exponent range of T.
            int maxExponent = T.ILogB(T.BitDecrement(T.PositiveInfinity)) - 8;
            int e = c.Seed % (2 * maxExponent) - maxExponent;
            T[] x = RandomMatrices.Vector<T>(c.Length, c.Seed);
            double norm = D(SpanMath.Norm2<T>(x));
            T scale = T.ScaleB(T.One, e);
            for (int i = 0; i < x.Length; i++) x[i] *= scale;
            double scaled = D(SpanMath.Norm2<T>(x)) / D(scale);
            return Math.Abs(scaled - norm) <= (c.Length + 2) * NumericAssert.Eps<T>() * norm + D(T.Epsilon) / D(scale) * c.Length;
        }).Check(PropertyConfig.Default);
}

public sealed class SpanMathPropertiesDouble : SpanMathProperties<double>;

public sealed class SpanMathPropertiesSingle : SpanMathProperties<float>;
