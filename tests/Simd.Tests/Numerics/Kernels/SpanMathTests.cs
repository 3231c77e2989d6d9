using System;
using System.Linq;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Kernels;
using Simd.TestSupport;
using Xunit;

namespace Simd.Tests.Numerics.Kernels;

/// <summary>Every span kernel at every length 0..257 (all tails, all unrolled remainders), against naive loops.</summary>
public abstract class SpanMathTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int MaxLength = 257;
    private const int Guard = 9;
    private static readonly double Eps = NumericAssert.Eps<T>();

    private static T[] Vec(int n, int seed) => RandomMatrices.Vector<T>(n, seed);
    private static double D(T x) => double.CreateChecked(x);

    /// <summary>A span of length n inside a buffer whose guard cells hold a sentinel.</summary>
    private static (T[] Buffer, Memory<T> Inner) Guarded(int n, T fill)
    {
        var buffer = new T[n + 2 * Guard];
        Array.Fill(buffer, T.CreateTruncating(-7777));
        Array.Fill(buffer, fill, Guard, n);
        return (buffer, buffer.AsMemory(Guard, n));
    }

    private static void AssertGuards(T[] buffer, int n)
    {
        T sentinel = T.CreateTruncating(-7777);
        for (int i = 0; i < Guard; i++)
        {
            Assert.Equal(sentinel, buffer[i]);
            Assert.Equal(sentinel, buffer[Guard + n + i]);
        }
    }

    [Fact]
    public void Dot_EveryLength_MatchesNaiveWithinNEps()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Vec(n, n), y = Vec(n, n + 1000);
            T[] x0 = (T[])x.Clone(), y0 = (T[])y.Clone();
            double exact = 0, abs = 0;
            for (int i = 0; i < n; i++) { exact += D(x[i]) * D(y[i]); abs += Math.Abs(D(x[i]) * D(y[i])); }
            double got = D(SpanMath.Dot<T>(x, y));
            Assert.True(Math.Abs(got - exact) <= (n + 1) * Eps * abs, $"n={n}: {got} vs {exact}");
            Assert.Equal(x0, x);
            Assert.Equal(y0, y);
        }
    }

    [Fact]
    public void Dot_LengthMismatch_NamesY()
    {
        var ex = Assert.Throws<ArgumentException>(() => SpanMath.Dot<T>(new T[3], new T[4]));
        Assert.Equal("y", ex.ParamName);
    }

    [Fact]
    public void Axpy_EveryLength_MatchesNaiveAndKeepsGuards()
    {
        T alpha = T.CreateTruncating(-1.75);
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Vec(n, n), y0 = Vec(n, n + 7);
            var (buffer, inner) = Guarded(n, T.Zero);
            y0.CopyTo(inner.Span);
            SpanMath.Axpy<T>(alpha, x, inner.Span);
            for (int i = 0; i < n; i++)
            {
                double expected = D(alpha) * D(x[i]) + D(y0[i]);
                double scale = Math.Abs(D(alpha) * D(x[i])) + Math.Abs(D(y0[i]));
                Assert.True(Math.Abs(D(inner.Span[i]) - expected) <= 2 * Eps * scale, $"n={n}, i={i}");
            }
            AssertGuards(buffer, n);
        }
    }

    [Fact]
    public void Axpy_AlphaZero_LeavesYUntouchedEvenWhenXIsNaN()
    {
        T[] x = Enumerable.Repeat(T.NaN, 37).ToArray();
        T[] y = Vec(37, 3), y0 = (T[])y.Clone();
        SpanMath.Axpy<T>(T.Zero, x, y);
        Assert.Equal(y0, y);
    }

    [Fact]
    public void Axpy_PartialOverlap_Throws()
    {
        T[] data = Vec(40, 1);
        var ex = Assert.Throws<ArgumentException>(() => SpanMath.Axpy<T>(T.One, data.AsSpan(0, 20), data.AsSpan(5, 20)));
        Assert.Equal("y", ex.ParamName);
    }

    [Fact]
    public void Scale_EveryLength_IsExactProduct()
    {
        T alpha = T.CreateTruncating(0.3);
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x0 = Vec(n, n);
            var (buffer, inner) = Guarded(n, T.Zero);
            x0.CopyTo(inner.Span);
            SpanMath.Scale(alpha, inner.Span);
            for (int i = 0; i < n; i++)
                NumericAssert.Identical(alpha * x0[i], inner.Span[i], $"n={n}, i={i}");
            AssertGuards(buffer, n);
        }
    }

    [Fact]
    public void ElementwiseMaps_EveryLength_AreExactAndWriteOnlyTheDestination()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Vec(n, n), y = Vec(n, n + 3);
            T[] x0 = (T[])x.Clone(), y0 = (T[])y.Clone();
            foreach (var (op, reference) in new (Action<T[], T[], Memory<T>>, Func<T, T, T>)[]
            {
                ((a, b, d) => SpanMath.Add<T>(a, b, d.Span), (a, b) => a + b),
                ((a, b, d) => SpanMath.Subtract<T>(a, b, d.Span), (a, b) => a - b),
                ((a, b, d) => SpanMath.Multiply<T>(a, b, d.Span), (a, b) => a * b),
            })
            {
                var (buffer, inner) = Guarded(n, T.NaN);
                op(x, y, inner);
                for (int i = 0; i < n; i++)
                    NumericAssert.Identical(reference(x[i], y[i]), inner.Span[i], $"n={n}, i={i}");
                AssertGuards(buffer, n);
            }
            Assert.Equal(x0, x);
            Assert.Equal(y0, y);
        }
    }

    [Fact]
    public void Add_InPlaceIsAllowed_PartialOverlapIsNot()
    {
        T[] x = Vec(50, 1), y = Vec(50, 2), expected = x.Zip(y, (a, b) => a + b).ToArray();
        SpanMath.Add<T>(x, y, x);
        Assert.Equal(expected, x);
        var ex = Assert.Throws<ArgumentException>(() => SpanMath.Add<T>(x.AsSpan(0, 40), y.AsSpan(0, 40), x.AsSpan(1, 40)));
        Assert.Equal("destination", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => SpanMath.Add<T>(x.AsSpan(0, 40), y.AsSpan(0, 40), new T[39]));
        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void Sum_EveryLength_MatchesNaiveWithinNEps()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Vec(n, n);
            double exact = x.Sum(D), abs = x.Sum(v => Math.Abs(D(v)));
            Assert.True(Math.Abs(D(SpanMath.Sum<T>(x)) - exact) <= (n + 1) * Eps * abs, $"n={n}");
        }
    }

    [Fact]
    public void MaxAndArgMax_EveryLength_FindTheFirstLargest()
    {
        for (int n = 1; n <= MaxLength; n++)
        {
            T[] x = Vec(n, n);
            int expectedIndex = 0;
            for (int i = 1; i < n; i++)
                if (x[i] > x[expectedIndex]) expectedIndex = i;
            Assert.Equal(x[expectedIndex], SpanMath.Max<T>(x));
            Assert.Equal(expectedIndex, SpanMath.ArgMax<T>(x));

            // A NaN anywhere wins, and the first NaN is reported.
            int nanAt = n / 2;
            x[nanAt] = T.NaN;
            if (n > 2) x[n - 1] = T.NaN;
            Assert.True(T.IsNaN(SpanMath.Max<T>(x)), $"n={n}");
            Assert.Equal(nanAt, SpanMath.ArgMax<T>(x));
        }
    }

    [Fact]
    public void Max_SignedZerosAndEmpty()
    {
        T[] zeros = [-T.Zero, -T.Zero, T.Zero, -T.Zero];
        Assert.False(T.IsNegative(SpanMath.Max<T>(zeros)));
        Assert.Equal(0, SpanMath.ArgMax<T>(zeros));
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => SpanMath.Max<T>(ReadOnlySpan<T>.Empty)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => SpanMath.ArgMax<T>(ReadOnlySpan<T>.Empty)).ParamName);
    }

    [Fact]
    public void Norm2_EveryLength_MatchesNaiveWithinNEps()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Vec(n, n);
            double exact = Math.Sqrt(x.Sum(v => D(v) * D(v)));
            NumericAssert.CloseIn<T>(exact, D(SpanMath.Norm2<T>(x)), exact, n + 2);
        }
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e-300)]
    [InlineData(1e150)]
    [InlineData(1e-160)]
    [InlineData(1e30)]
    [InlineData(1e-30)]
    [InlineData(1e-40)]
    public void Norm2_ExtremeScales_NeitherOverflowsNorUnderflows(double scale)
    {
        // Scale a vector, then compute the reference from the scaled values themselves (divided back by the
        // scale in double, so no square under- or overflows): the kernel must match it to n·ε.
        T s = T.CreateSaturating(scale);
        if (T.IsInfinity(s) || s == T.Zero)
            return;
        foreach (int n in new[] { 1, 3, 17, 64, 129 })
        {
            T[] x = Vec(n, n);
            for (int i = 0; i < n; i++) x[i] *= s;
            double ds = D(s);
            double expected = ds * Math.Sqrt(x.Sum(v => (D(v) / ds) * (D(v) / ds)));
            double got = D(SpanMath.Norm2<T>(x));
            // Plus the absolute spacing of T's subnormals: a subnormal result cannot be closer than that.
            Assert.True(Math.Abs(got - expected) <= (n + 2) * Eps * expected + D(T.Epsilon), $"scale {scale}, n={n}: {got} vs {expected}");
        }
    }

    [Fact]
    public void Norm2_SpecialValues()
    {
        Assert.Equal(T.Zero, SpanMath.Norm2<T>(ReadOnlySpan<T>.Empty));
        Assert.Equal(T.Zero, SpanMath.Norm2<T>(new T[40]));
        T[] x = Vec(40, 1);
        x[7] = T.NegativeInfinity;
        Assert.Equal(T.PositiveInfinity, SpanMath.Norm2<T>(x));
        x[30] = T.NaN;
        Assert.True(T.IsNaN(SpanMath.Norm2<T>(x)));
        // Largest finite values: the norm of two of them is √2·MaxValue, which overflows; one is exact.
        T max = T.BitDecrement(T.PositiveInfinity); // the largest finite value
        Assert.Equal(max, SpanMath.Norm2<T>(new[] { max, T.Zero, T.Zero }));
        Assert.Equal(T.Epsilon, SpanMath.Norm2<T>(new[] { T.Epsilon, T.Zero }));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 0)]
    [InlineData(1, 7, 3)]
    [InlineData(31, 33, 1)]
    [InlineData(64, 65, 0)]
    [InlineData(100, 37, 5)]
    [InlineData(1024, 19, 0)] // destination rows 4 KiB (float) and 8 KiB (double) apart: the narrower strips
    [InlineData(512, 70, 0)]  // 4 KiB apart for double only
    public void Transpose_StridedViews_IsExactAndKeepsGuards(int m, int n, int extraStride)
    {
        Matrix<T> source = RandomMatrices.Uniform<T>(m, n, m * 31 + n);
        var destination = new GuardedMatrix<T>(n, m, extraStride, T.NaN);
        var strided = new GuardedMatrix<T>(m, n, extraStride + 2, T.CreateTruncating(5)).Fill(source);
        SpanMath.Transpose<T>(strided.View, destination.View);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.Equal(source[i, j], destination.View[j, i]);
        destination.AssertGuardsIntact();
        strided.AssertGuardsIntact();
    }

    [Fact]
    public void Transpose_WrongShape_NamesDestination()
    {
        var ex = Assert.Throws<ArgumentException>(() => SpanMath.Transpose<T>(new Matrix<T>(2, 3).AsReadOnlySpan(), new Matrix<T>(2, 3).AsSpan()));
        Assert.Equal("destination", ex.ParamName);
        Assert.Contains("3×2", ex.Message);
    }
}

public sealed class SpanMathTestsDouble : SpanMathTests<double>;

public sealed class SpanMathTestsSingle : SpanMathTests<float>;
