using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Simd.Numerics;
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

    /// <summary>Shapes around the register blocks (4×4 double, 8×8 float) and the 8/16-column strips, and destination
    /// strides that are sometimes a multiple of 4 KiB (the narrower strips of <see cref="SpanMath.Transpose{T}"/>).</summary>
    private static readonly Gen<(int M, int N, int SourceExtra, int DestinationExtra, int Seed)> TransposeCases =
        from m in Gen.Frequency((2, Gen.Elements(0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33)), (1, Gen.Choose(0, 200)), (1, Gen.Elements(512, 1024)))
        from n in Gen.Frequency((2, Gen.Elements(0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33)), (1, Gen.Choose(0, 200)))
        from sourceExtra in Gen.Choose(0, 5)
        from destinationExtra in Gen.Frequency((3, Gen.Choose(0, 5)), (1, Gen.Constant(-1)))
        from seed in Gen.Choose(0, int.MaxValue)
        select (m, n, sourceExtra, destinationExtra, seed);

    [Fact]
    public void Transpose_OfStridedViews_IsExactAndTouchesNothingElse() =>
        Prop.ForAll(Arb.From(TransposeCases), c =>
        {
            // −1: pad the destination rows up to the next multiple of 4 KiB.
            int lineUp = 4096 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            int destinationExtra = c.DestinationExtra >= 0 ? c.DestinationExtra : (c.M + lineUp) / lineUp * lineUp - c.M;
            Matrix<T> source = RandomMatrices.Uniform<T>(c.M, c.N, c.Seed);
            var strided = new GuardedMatrix<T>(c.M, c.N, c.SourceExtra, T.CreateTruncating(5)).Fill(source);
            var destination = new GuardedMatrix<T>(c.N, c.M, destinationExtra, T.NaN);
            SpanMath.Transpose<T>(strided.View, destination.View);
            for (int i = 0; i < c.M; i++)
                for (int j = 0; j < c.N; j++)
                    if (destination.View[j, i] != source[i, j])
                        return false;
            destination.AssertGuardsIntact();
            strided.AssertGuardsIntact();
            return true;
        }).Check(PropertyConfig.Default);
}

public sealed class SpanMathPropertiesDouble : SpanMathProperties<double>;

public sealed class SpanMathPropertiesSingle : SpanMathProperties<float>;
