using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Simd.Learning.Losses;
using Simd.Numerics;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Learning.Losses;

/// <summary>Loss factories, naive double references and targets that suit each loss.</summary>
public static class LossZoo
{
    public static readonly string[] Names = ["mse", "mae", "huber", "bce", "softmax-ce", "hinge"];

    public static IEnumerable<object[]> All() => Names.Select(n => new object[] { n });

    public static ILoss<T> Make<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        "mse" => new MeanSquaredError<T>(),
        "mae" => new MeanAbsoluteError<T>(),
        "huber" => new Huber<T>(0.7),
        "bce" => new BinaryCrossEntropyWithLogits<T>(),
        "softmax-ce" => new SoftmaxCrossEntropy<T>(),
        "hinge" => new Hinge<T>(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Targets: probabilities for BCE, one-hot rows for softmax CE, ±1 for hinge, reals otherwise.</summary>
    public static Matrix<T> Target<T>(string name, int rows, int columns, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var t = new Matrix<T>(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            int hot = random.Next(columns);
            for (int j = 0; j < columns; j++)
                t[i, j] = T.CreateTruncating(name switch
                {
                    "bce" => random.NextDouble(),
                    "softmax-ce" => j == hot ? 1.0 : 0.0,
                    "hinge" => random.Next(2) == 0 ? -1.0 : 1.0,
                    _ => 2 * random.NextDouble() - 1,
                });
        }
        return t;
    }

    /// <summary>The loss in double, straight from its definition.</summary>
    public static double Reference(string name, double[,] p, double[,] y)
    {
        int rows = p.GetLength(0), columns = p.GetLength(1);
        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            if (name == "softmax-ce")
            {
                double max = double.NegativeInfinity;
                for (int j = 0; j < columns; j++) max = Math.Max(max, p[i, j]);
                double s = 0;
                for (int j = 0; j < columns; j++) s += Math.Exp(p[i, j] - max);
                for (int j = 0; j < columns; j++) sum -= y[i, j] * (p[i, j] - max - Math.Log(s));
                continue;
            }
            for (int j = 0; j < columns; j++)
            {
                double r = p[i, j] - y[i, j];
                sum += name switch
                {
                    "mse" => r * r,
                    "mae" => Math.Abs(r),
                    "huber" => Math.Abs(r) <= 0.7 ? 0.5 * r * r : 0.7 * (Math.Abs(r) - 0.35),
                    "bce" => Math.Max(p[i, j], 0) - p[i, j] * y[i, j] + Math.Log(1 + Math.Exp(-Math.Abs(p[i, j]))),
                    "hinge" => Math.Max(0, 1 - y[i, j] * p[i, j]),
                    _ => throw new ArgumentException(name),
                };
            }
        }
        return sum / (name == "softmax-ce" ? rows : rows * columns);
    }
}

/// <summary>Every loss: value against its definition, gradient and Hessian–vector product against finite
/// differences, the explicit Hessian against the products, batch = mean of per-sample, stability at logits ±1000.</summary>
public abstract class LossTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static double D(T x) => double.CreateChecked(x);

    private static Matrix<T> Prediction(int rows, int columns, int seed)
    {
        Matrix<T> p = RandomMatrices.Uniform<T>(rows, columns, seed);
        for (int i = 0; i < p.Values.Length; i++)
            p.Values[i] *= T.CreateTruncating(3);
        return p;
    }

    [Theory]
    [MemberData(nameof(LossZoo.All), MemberType = typeof(LossZoo))]
    public void Value_MatchesDefinition_AndGradientShapeIsChecked(string name)
    {
        ILoss<T> loss = LossZoo.Make<T>(name);
        Matrix<T> p = Prediction(5, 4, 1), y = LossZoo.Target<T>(name, 5, 4, 2);
        Matrix<T> p0 = p.Clone();
        var g = new GuardedMatrix<T>(5, 4, 3, T.NaN);
        T value = loss.Evaluate(p.AsReadOnlySpan(), y.AsReadOnlySpan(), g.View);
        g.AssertGuardsIntact();
        Assert.Equal(p0.Values.ToArray(), p.Values.ToArray());
        double expected = LossZoo.Reference(name, NaiveJacobians.ToDouble(p), NaiveJacobians.ToDouble(y));
        NumericAssert.CloseIn<T>(expected, D(value), Math.Abs(expected) + 1, 64);
        NumericAssert.Identical(value, loss.Evaluate(p.AsReadOnlySpan(), y.AsReadOnlySpan(), default));
        var ex = Assert.Throws<ArgumentException>(() => loss.Evaluate(p.AsReadOnlySpan(), new Matrix<T>(5, 3).AsReadOnlySpan(), default));
        Assert.Equal("target", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => loss.Evaluate(p.AsReadOnlySpan(), y.AsReadOnlySpan(), new Matrix<T>(4, 4).AsSpan()));
        Assert.Equal("gradient", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => loss.Evaluate(p.AsReadOnlySpan(), y.AsReadOnlySpan(), p.AsSpan()));
        Assert.Equal("gradient", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(LossZoo.All), MemberType = typeof(LossZoo))]
    public void HessianVectorProduct_EqualsExplicitHessianTimesVector(string name)
    {
        ILoss<T> loss = LossZoo.Make<T>(name);
        Matrix<T> p = Prediction(3, 4, 3), y = LossZoo.Target<T>(name, 3, 4, 4), v = RandomMatrices.Uniform<T>(3, 4, 5);
        var h = new Matrix<T>(12, 12);
        var hv = new Matrix<T>(3, 4);
        loss.Hessian(p.AsReadOnlySpan(), y.AsReadOnlySpan(), h.AsSpan());
        loss.HessianVectorProduct(p.AsReadOnlySpan(), y.AsReadOnlySpan(), v.AsReadOnlySpan(), hv.AsSpan());
        for (int r = 0; r < 12; r++)
        {
            double expected = 0, scale = 0;
            for (int c = 0; c < 12; c++)
            {
                expected += D(h[r, c]) * D(v.Values[c]);
                scale += Math.Abs(D(h[r, c]) * D(v.Values[c]));
                NumericAssert.Identical(h[r, c], h[c, r], "(symmetry)");
            }
            NumericAssert.CloseIn<T>(expected, D(hv.Values[r]), scale, 32);
        }
    }

    [Theory]
    [MemberData(nameof(LossZoo.All), MemberType = typeof(LossZoo))]
    public void Batch_IsTheMeanOfPerSampleLosses(string name)
    {
        ILoss<T> loss = LossZoo.Make<T>(name);
        Matrix<T> p = Prediction(6, 5, 7), y = LossZoo.Target<T>(name, 6, 5, 8);
        var g = new Matrix<T>(6, 5);
        double batchValue = D(loss.Evaluate(p.AsReadOnlySpan(), y.AsReadOnlySpan(), g.AsSpan()));
        double mean = 0;
        var gb = new Matrix<T>(1, 5);
        for (int b = 0; b < 6; b++)
        {
            mean += D(loss.Evaluate(p.AsReadOnlySpan().SliceRows(b, 1), y.AsReadOnlySpan().SliceRows(b, 1), gb.AsSpan())) / 6;
            for (int j = 0; j < 5; j++)
                NumericAssert.CloseIn<T>(D(gb[0, j]) / 6, D(g[b, j]), Math.Abs(D(g[b, j])), 8);
        }
        NumericAssert.CloseIn<T>(mean, batchValue, Math.Abs(mean), 32);
    }

    [Fact]
    public void CrossEntropies_AreStableForLogitsOfPlusMinus1000()
    {
        T big = T.CreateTruncating(1000);
        var logits = new Matrix<T>(new[,] { { big, -big }, { -big, big } });
        var target = new Matrix<T>(new[,] { { T.Zero, T.One }, { T.One, T.Zero } });
        var g = new Matrix<T>(2, 2);
        T ce = new SoftmaxCrossEntropy<T>().Evaluate(logits.AsReadOnlySpan(), target.AsReadOnlySpan(), g.AsSpan());
        Assert.Equal(T.CreateTruncating(2000), ce);
        Assert.Equal(new double[] { 0.5, -0.5, -0.5, 0.5 }, g.Values.ToArray().Select(D));
        T bce = new BinaryCrossEntropyWithLogits<T>().Evaluate(logits.AsReadOnlySpan(), target.AsReadOnlySpan(), g.AsSpan());
        Assert.Equal(T.CreateTruncating(1000), bce); // every element is confidently wrong by 1000
        Assert.Equal(new double[] { 0.25, -0.25, -0.25, 0.25 }, g.Values.ToArray().Select(D));
        T right = new SoftmaxCrossEntropy<T>().Evaluate(logits.AsReadOnlySpan(), new Matrix<T>(new[,] { { T.One, T.Zero }, { T.Zero, T.One } }).AsReadOnlySpan(), default);
        Assert.Equal(T.Zero, right);
    }
}

public sealed class LossTestsDouble : LossTests<double>;

public sealed class LossTestsSingle : LossTests<float>;

/// <summary>Gradients and Hessians of every loss against central finite differences in double.</summary>
public sealed class LossFiniteDifferenceTests
{
    [Theory]
    [MemberData(nameof(LossZoo.All), MemberType = typeof(LossZoo))]
    public void GradientAndHessian_MatchFiniteDifferences(string name)
    {
        ILoss<double> loss = LossZoo.Make<double>(name);
        Matrix<double> p = RandomMatrices.Uniform<double>(3, 4, 31), y = LossZoo.Target<double>(name, 3, 4, 32);
        for (int i = 0; i < p.Values.Length; i++)
            p.Values[i] = 3 * p.Values[i] + 0.013; // keep clear of the kinks of MAE, Huber and hinge
        var g = new Matrix<double>(3, 4);
        loss.Evaluate(p.AsReadOnlySpan(), y.AsReadOnlySpan(), g.AsSpan());
        var h = new Matrix<double>(12, 12);
        loss.Hessian(p.AsReadOnlySpan(), y.AsReadOnlySpan(), h.AsSpan());

        double[,] fg = NaiveJacobians.FiniteDifference(v => [loss.Evaluate(new Matrix<double>(v, 3, 4).AsReadOnlySpan(), y.AsReadOnlySpan(), default)],
            p.Values.ToArray());
        double[,] fh = NaiveJacobians.FiniteDifference(v =>
        {
            var gv = new Matrix<double>(3, 4);
            loss.Evaluate(new Matrix<double>(v, 3, 4).AsReadOnlySpan(), y.AsReadOnlySpan(), gv.AsSpan());
            return gv.Values.ToArray();
        }, p.Values.ToArray());
        for (int i = 0; i < 12; i++)
        {
            Assert.True(Math.Abs(fg[0, i] - g.Values[i]) <= 1e-8, $"{name} gradient {i}: {g.Values[i]:R} vs {fg[0, i]:R}");
            for (int j = 0; j < 12; j++)
                Assert.True(Math.Abs(fh[i, j] - h[i, j]) <= 1e-7, $"{name} Hessian [{i}, {j}]: {h[i, j]:R} vs {fh[i, j]:R}");
        }
    }
}
