using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Kernels;
using Simd.TestSupport;
using Xunit;

namespace Simd.Tests.Numerics.Kernels;

/// <summary>exp, log, tanh, sigmoid, softplus, ReLU and softmax against <see cref="Math"/> in ulps, over the whole
/// range: random arguments in every regime, ±0, ±∞, NaN, subnormals and the overflow/underflow thresholds.
/// The bounds asserted here are the ones stated in the XML docs.</summary>
public abstract class ElementaryFunctionTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly bool IsDouble = typeof(T) == typeof(double);
    private static T V(double x) => T.CreateTruncating(x);
    private static double D(T x) => double.CreateChecked(x);

    /// <summary>Distance in units in the last place between two values of T (0 when both are NaN; ∞ when one is).</summary>
    private static double Ulps(T actual, T expected)
    {
        if (T.IsNaN(actual) || T.IsNaN(expected))
            return T.IsNaN(actual) && T.IsNaN(expected) ? 0 : double.PositiveInfinity;
        return Math.Abs((double)(Ordinal(actual) - Ordinal(expected)));
    }

    private static long Ordinal(T x)
    {
        long bits = IsDouble ? BitConverter.DoubleToInt64Bits(D(x)) : BitConverter.SingleToInt32Bits(float.CreateTruncating(x));
        long signBit = IsDouble ? long.MinValue : int.MinValue;
        return bits < 0 ? signBit - bits : bits;
    }

    /// <summary>Arguments in every regime of the function plus the given edge values.</summary>
    private static T[] Arguments(double low, double high, int seed, params double[] edges)
    {
        var random = new Random(seed);
        var list = new List<T>();
        for (int i = 0; i < 6000; i++)
            list.Add(V(low + (high - low) * random.NextDouble()));
        for (int i = 0; i < 2000; i++)
            list.Add(V(-2 + 4 * random.NextDouble()));
        for (int i = 0; i < 2000; i++)  // log-uniform magnitudes, both signs, down to the subnormals
            list.Add(V((random.Next(2) == 0 ? -1 : 1) * Math.Exp(-745 * random.NextDouble())));
        foreach (double e in edges)
        {
            T t = V(e);
            list.Add(t);
            list.Add(T.BitIncrement(t));
            list.Add(T.BitDecrement(t));
        }
        list.AddRange([T.Zero, T.NegativeZero, T.PositiveInfinity, T.NegativeInfinity, T.NaN, T.Epsilon, -T.Epsilon,
            MaxValue, -MaxValue, MinNormal, -MinNormal, T.BitDecrement(MinNormal), T.One, -T.One]);
        return list.ToArray();
    }

    private static T MaxValue => IsDouble ? V(double.MaxValue) : V(float.MaxValue);

    private static T MinNormal => IsDouble ? V(2.2250738585072014e-308) : V(1.1754943508222875e-38);

    /// <summary>Runs the span kernel on all arguments (vector path plus overlapped tail) and on each argument
    /// alone (the scalar path), and checks both against the reference.</summary>
    private static void AssertUlps(Action<T[], T[]> kernel, Func<double, double> reference, T[] x, double maxUlps, string name)
    {
        var y = new T[x.Length];
        kernel(x, y);
        double worst = 0;
        T worstAt = T.Zero;
        var one = new T[1];
        for (int i = 0; i < x.Length; i++)
        {
            T expected = V(reference(D(x[i])));
            double u = Ulps(y[i], expected);
            if (u > worst) { worst = u; worstAt = x[i]; }
            if (i % 7 == 0)
            {
                kernel([x[i]], one);
                double us = Ulps(one[0], expected);
                if (us > worst) { worst = us; worstAt = x[i]; }
            }
        }
        Assert.True(worst <= maxUlps, $"{name}<{typeof(T).Name}>: {worst} ulp at x = {D(worstAt):R} (bound {maxUlps})");
    }

    private static double Log1p(double y)
    {
        double u = 1 + y;
        return u == 1 ? y : Math.Log(u) * y / (u - 1);
    }

    private static double SigmoidReference(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double SoftplusReference(double x) =>
        double.IsNaN(x) ? x : Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));

    [Fact]
    public void Exp_WithinTwoUlpOverWholeRange()
    {
        double over = IsDouble ? Math.Log(double.MaxValue) : Math.Log(float.MaxValue);
        double under = IsDouble ? Math.Log(double.Epsilon) : Math.Log(float.Epsilon);
        double normal = IsDouble ? Math.Log(2.2250738585072014e-308) : Math.Log(1.1754943508222875e-38);
        T[] x = Arguments(under - 5, over + 5, 1, over, under, normal, 0.5 * Math.Log(2), -0.5 * Math.Log(2), 1e-10, -1e-10);
        AssertUlps((a, b) => SpanMath.Exp<T>(a, b), Math.Exp, x, 2, "exp");
    }

    [Fact]
    public void Log_WithinTwoUlpOverWholeRange()
    {
        var random = new Random(2);
        T[] x = Arguments(0, 10, 3, 1, Math.Sqrt(2), Math.Sqrt(0.5), 2, 0.5)
            .Concat(Enumerable.Range(0, 4000).Select(_ => V(Math.Exp((IsDouble ? 1418 : 176) * (random.NextDouble() - 0.5)))))
            .Concat(Enumerable.Range(0, 1000).Select(_ => V(1 + 1e-3 * (random.NextDouble() - 0.5))))
            .ToArray();
        AssertUlps((a, b) => SpanMath.Log<T>(a, b), Math.Log, x, 2, "log");
    }

    [Fact]
    public void Tanh_WithinThreeUlpOverWholeRange()
    {
        T[] x = Arguments(-25, 25, 4, 0.55, -0.55, 20, -20, 19.5, 9.1, 1e-8, 0.3);
        AssertUlps((a, b) => SpanMath.Tanh<T>(a, b), Math.Tanh, x, 3, "tanh");
    }

    [Fact]
    public void Sigmoid_WithinDocumentedUlpOverWholeRange()
    {
        T[] x = Arguments(-800, 800, 5, -745, -708, -103, -87, 36, 17, 710, 1000, -1000);
        AssertUlps((a, b) => SpanMath.Sigmoid<T>(a, b), SigmoidReference, x, IsDouble ? 4 : 3, "sigmoid");
    }

    [Fact]
    public void Softplus_WithinDocumentedUlpOverWholeRange()
    {
        T[] x = Arguments(-800, 800, 6, -745, -708, -103, -87, 36, 17, 710, 1000, -1000);
        AssertUlps((a, b) => SpanMath.Softplus<T>(a, b), SoftplusReference, x, IsDouble ? 4 : 3, "softplus");
    }

    [Fact]
    public void SpecialValues_FollowTheDocumentedRules()
    {
        T[] x = [T.Zero, T.NegativeZero, T.PositiveInfinity, T.NegativeInfinity, T.NaN];
        var y = new T[5];
        SpanMath.Exp<T>(x, y);
        Assert.Equal([T.One, T.One, T.PositiveInfinity, T.Zero], y[..4]);
        Assert.True(T.IsNaN(y[4]));
        SpanMath.Log<T>(x, y);
        Assert.Equal([T.NegativeInfinity, T.NegativeInfinity, T.PositiveInfinity], y[..3]);
        Assert.True(T.IsNaN(y[3]) && T.IsNaN(y[4]));
        SpanMath.Tanh<T>(x, y);
        NumericAssert.Identical(T.Zero, y[0]);
        NumericAssert.Identical(T.NegativeZero, y[1]);
        Assert.Equal([T.One, -T.One], y[2..4]);
        Assert.True(T.IsNaN(y[4]));
        SpanMath.Sigmoid<T>(x, y);
        Assert.Equal([V(0.5), V(0.5), T.One, T.Zero], y[..4]);
        Assert.True(T.IsNaN(y[4]));
        SpanMath.Softplus<T>(x, y);
        Assert.Equal([V(Math.Log(2)), V(Math.Log(2)), T.PositiveInfinity, T.Zero], y[..4]);
        Assert.True(T.IsNaN(y[4]));
        SpanMath.Relu<T>(x, y);
        NumericAssert.Identical(T.Zero, y[0]);
        NumericAssert.Identical(T.Zero, y[1]);
        Assert.Equal([T.PositiveInfinity, T.Zero], y[2..4]);
        Assert.True(T.IsNaN(y[4]));
    }

    public static IEnumerable<object[]> Functions() =>
        new[] { "exp", "log", "tanh", "sigmoid", "softplus", "relu", "leaky" }.Select(f => new object[] { f });

    private static void Apply(string f, ReadOnlySpan<T> x, Span<T> y)
    {
        switch (f)
        {
            case "exp": SpanMath.Exp(x, y); break;
            case "log": SpanMath.Log(x, y); break;
            case "tanh": SpanMath.Tanh(x, y); break;
            case "sigmoid": SpanMath.Sigmoid(x, y); break;
            case "softplus": SpanMath.Softplus(x, y); break;
            case "relu": SpanMath.Relu(x, y); break;
            default: SpanMath.LeakyRelu(x, V(0.01), y); break;
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void EveryLength_InPlaceEqualsOutOfPlace_GuardsIntact_InputUnchanged(string f)
    {
        const int guard = 8;
        for (int n = 0; n <= 70; n++)
        {
            T[] x = RandomMatrices.Vector<T>(n, n).Select(v => f == "log" ? T.Abs(v) * V(3) : v * V(5)).ToArray();
            T[] x0 = (T[])x.Clone();
            var buffer = new T[n + 2 * guard];
            Array.Fill(buffer, V(-7777));
            Apply(f, x, buffer.AsSpan(guard, n));
            Assert.Equal(x0, x);
            for (int i = 0; i < guard; i++)
            {
                Assert.Equal(V(-7777), buffer[i]);
                Assert.Equal(V(-7777), buffer[guard + n + i]);
            }
            T[] inPlace = (T[])x.Clone();
            Apply(f, inPlace, inPlace);
            for (int i = 0; i < n; i++)
                NumericAssert.Identical(buffer[guard + i], inPlace[i], $"{f} n={n} i={i}");
        }
    }

    [Fact]
    public void Map_DestinationTooShortOrPartialOverlap_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => SpanMath.Exp<T>(new T[5], new T[4]));
        Assert.Equal("destination", ex.ParamName);
        var buffer = new T[10];
        ex = Assert.Throws<ArgumentException>(() => SpanMath.Tanh<T>(buffer.AsSpan(0, 8), buffer.AsSpan(1, 8)));
        Assert.Equal("destination", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => SpanMath.TanhBackward<T>(new T[3], new T[4], new T[4]));
        Assert.Equal("outputGradient", ex.ParamName);
    }

    [Fact]
    public void BackwardMaps_MatchTheirDerivatives()
    {
        for (int n = 0; n <= 40; n++)
        {
            T[] x = RandomMatrices.Vector<T>(n, 100 + n).Select(v => v * V(4)).ToArray();
            T[] dy = RandomMatrices.Vector<T>(n, 200 + n);
            var y = new T[n];
            var dx = new T[n];
            SpanMath.Tanh<T>(x, y);
            SpanMath.TanhBackward<T>(y, dy, dx);
            for (int i = 0; i < n; i++)
                NumericAssert.CloseIn<T>(D(dy[i]) * (1 - D(y[i]) * D(y[i])), D(dx[i]), 1, 4);
            SpanMath.Sigmoid<T>(x, y);
            SpanMath.SigmoidBackward<T>(y, dy, dx);
            for (int i = 0; i < n; i++)
                NumericAssert.CloseIn<T>(D(dy[i]) * D(y[i]) * (1 - D(y[i])), D(dx[i]), 1, 4);
            SpanMath.SoftplusBackward<T>(x, dy, dx);
            for (int i = 0; i < n; i++)
                NumericAssert.CloseIn<T>(D(dy[i]) * SigmoidReference(D(x[i])), D(dx[i]), 1, 8);
            SpanMath.ReluBackward<T>(x, dy, dx);
            for (int i = 0; i < n; i++)
                Assert.Equal(x[i] > T.Zero ? dy[i] : T.Zero, dx[i]);
            SpanMath.LeakyReluBackward<T>(x, V(0.1), dy, dx);
            for (int i = 0; i < n; i++)
                Assert.Equal(x[i] > T.Zero ? dy[i] : V(0.1) * dy[i], dx[i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(100)]
    public void Softmax_MatchesDoubleReference_SumsToOne(int n)
    {
        T[] x = RandomMatrices.Vector<T>(n, n).Select(v => v * V(20)).ToArray();
        var p = new T[n];
        var logp = new T[n];
        SpanMath.Softmax<T>(x, p);
        SpanMath.LogSoftmax<T>(x, logp);
        double max = x.Max(D), sum = x.Sum(v => Math.Exp(D(v) - max)), lse = max + Math.Log(sum);
        for (int i = 0; i < n; i++)
        {
            NumericAssert.CloseIn<T>(Math.Exp(D(x[i]) - lse), D(p[i]), 1, 4 * n + 8);
            NumericAssert.CloseIn<T>(D(x[i]) - lse, D(logp[i]), Math.Abs(D(x[i])) + Math.Abs(lse), 4 * n + 8);
        }
        NumericAssert.CloseIn<T>(1, p.Sum(D), 1, 4 * n + 8);
        NumericAssert.CloseIn<T>(lse, D(SpanMath.LogSumExp<T>(x)), Math.Abs(lse), 4 * n + 8);
    }

    [Fact]
    public void Softmax_LogitsOfPlusMinus1000_NeverOverflow()
    {
        T[] x = [V(1000), V(-1000), V(999), V(0), V(-1000), V(1000)];
        var p = new T[x.Length];
        var logp = new T[x.Length];
        SpanMath.Softmax<T>(x, p);
        SpanMath.LogSoftmax<T>(x, logp);
        double logSum = Math.Log(2 + Math.Exp(-1) + 3 * Math.Exp(-1000)), lse = 1000 + logSum;
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(T.IsFinite(p[i]) && T.IsFinite(logp[i]), $"element {i}: {p[i]} {logp[i]}");
            double shifted = D(x[i]) - 1000; // exact
            NumericAssert.CloseIn<T>(shifted - logSum, D(logp[i]), 2000, 8);
            NumericAssert.CloseIn<T>(Math.Exp(shifted - logSum), D(p[i]), 1, 8);
        }
        NumericAssert.CloseIn<T>(lse, D(SpanMath.LogSumExp<T>(x)), lse, 8);
    }

    [Fact]
    public void Softmax_RowWise_EqualsPerRowAndHonoursStrides()
    {
        Matrix<T> logits = RandomMatrices.Uniform<T>(7, 13, 5);
        var destination = new GuardedMatrix<T>(7, 13, 3, T.NaN);
        SpanMath.Softmax(logits.AsReadOnlySpan(), destination.View);
        var row = new T[13];
        for (int i = 0; i < 7; i++)
        {
            SpanMath.Softmax<T>(logits.Row(i), row);
            for (int j = 0; j < 13; j++)
                NumericAssert.Identical(row[j], destination.View[i, j]);
        }
        destination.AssertGuardsIntact();
        SpanMath.LogSoftmax(logits.AsReadOnlySpan(), destination.View);
        for (int i = 0; i < 7; i++)
        {
            SpanMath.LogSoftmax<T>(logits.Row(i), row);
            for (int j = 0; j < 13; j++)
                NumericAssert.Identical(row[j], destination.View[i, j]);
        }
        var ex = Assert.Throws<ArgumentException>(() => SpanMath.Softmax(logits.AsReadOnlySpan(), new Matrix<T>(7, 12).AsSpan()));
        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void LogSumExp_EdgeCases()
    {
        Assert.Equal(T.NegativeInfinity, SpanMath.LogSumExp<T>([]));
        Assert.Equal(T.NegativeInfinity, SpanMath.LogSumExp<T>([T.NegativeInfinity, T.NegativeInfinity]));
        Assert.Equal(T.PositiveInfinity, SpanMath.LogSumExp<T>([T.One, T.PositiveInfinity]));
        Assert.True(T.IsNaN(SpanMath.LogSumExp<T>([T.One, T.NaN])));
    }
}

public sealed class ElementaryFunctionTestsDouble : ElementaryFunctionTests<double>;

public sealed class ElementaryFunctionTestsSingle : ElementaryFunctionTests<float>;
