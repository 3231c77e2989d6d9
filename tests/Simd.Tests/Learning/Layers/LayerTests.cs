using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Simd.Learning.Autodiff;
using Simd.Learning.Initialization;
using Simd.Learning.Layers;
using Simd.Numerics;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Learning.Layers;

/// <summary>Layer factories shared by the layer, network and finite-difference tests.</summary>
public static class LayerZoo
{
    public static readonly string[] Names = ["dense", "relu", "leaky", "tanh", "sigmoid", "softplus", "softmax", "bn-train", "bn-infer"];

    public static IEnumerable<object[]> All() => Names.Select(n => new object[] { n });

    /// <summary>A layer of the given kind with random parameters (and random running statistics).</summary>
    public static IDifferentiable<T> Make<T>(string name, int width, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new RandomSource(seed);
        switch (name)
        {
            case "dense":
                var dense = new Dense<T>(width, width + 2, random);
                random.FillUniform(dense.Bias, -0.5, 0.5);
                return dense;
            case "relu": return new Relu<T>(width);
            case "leaky": return new LeakyRelu<T>(width, T.CreateTruncating(0.1));
            case "tanh": return new Tanh<T>(width);
            case "sigmoid": return new Sigmoid<T>(width);
            case "softplus": return new Softplus<T>(width);
            case "softmax": return new Softmax<T>(width);
            case "bn-train":
            case "bn-infer":
                var norm = new BatchNormalization<T>(width);
                random.FillUniform(norm.Scale, 0.5, 1.5);
                random.FillUniform(norm.Shift, -0.5, 0.5);
                random.FillUniform(norm.RunningMean, -0.3, 0.3);
                random.FillUniform(norm.RunningVariance, 0.5, 2);
                norm.Training = name == "bn-train";
                return norm;
            default: throw new ArgumentException(name);
        }
    }
}

/// <summary>Every layer: the backward pass (VJP) equals Jᵀ·dy from the explicit Jacobian, gradients accumulate,
/// batch results equal per-sample results, shapes are checked.</summary>
public abstract class LayerTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static double D(T x) => double.CreateChecked(x);

    private static Matrix<T> Scaled(Matrix<T> m, double s)
    {
        for (int i = 0; i < m.Values.Length; i++)
            m.Values[i] *= T.CreateTruncating(s);
        return m;
    }

    [Theory]
    [MemberData(nameof(LayerZoo.All), MemberType = typeof(LayerZoo))]
    public void Backward_EqualsJacobianTransposeTimesOutputGradient(string name)
    {
        const int batch = 4, width = 5;
        IDifferentiable<T> layer = LayerZoo.Make<T>(name, width, 7);
        Matrix<T> x = Scaled(RandomMatrices.Uniform<T>(batch, width, 11), 2);
        Matrix<T> x0 = x.Clone();
        var y = new Matrix<T>(batch, layer.OutputSize);
        layer.Forward(x.AsReadOnlySpan(), y.AsSpan());
        Matrix<T> dy = RandomMatrices.Uniform<T>(batch, layer.OutputSize, 12);
        var dx = new GuardedMatrix<T>(batch, width, 2, T.NaN);
        layer.Gradient.Clear();
        layer.Backward(x.AsReadOnlySpan(), y.AsReadOnlySpan(), dy.AsReadOnlySpan(), dx.View);
        dx.AssertGuardsIntact();
        Assert.Equal(x0.Values.ToArray(), x.Values.ToArray());

        (double[,] jx, double[,] jp) = NaiveJacobians.LayerJacobians(layer, x);
        int rows = batch * layer.OutputSize;
        double[] g = dy.Values.ToArray().Select(D).ToArray();
        for (int c = 0; c < batch * width; c++)
        {
            double expected = 0, scale = 0;
            for (int r = 0; r < rows; r++)
            {
                expected += jx[r, c] * g[r];
                scale += Math.Abs(jx[r, c] * g[r]);
            }
            NumericAssert.CloseIn<T>(expected, D(dx.View[c / width, c % width]), scale, 4 * rows + 16);
        }
        for (int c = 0; c < layer.ParameterCount; c++)
        {
            double expected = 0, scale = 0;
            for (int r = 0; r < rows; r++)
            {
                expected += jp[r, c] * g[r];
                scale += Math.Abs(jp[r, c] * g[r]);
            }
            NumericAssert.CloseIn<T>(expected, D(layer.Gradient[c]), scale, 4 * rows + 16);
        }
    }

    [Theory]
    [MemberData(nameof(LayerZoo.All), MemberType = typeof(LayerZoo))]
    public void Backward_AccumulatesParameterGradient_AndCanSkipInputGradient(string name)
    {
        IDifferentiable<T> layer = LayerZoo.Make<T>(name, 6, 3);
        Matrix<T> x = RandomMatrices.Uniform<T>(5, 6, 1);
        var y = new Matrix<T>(5, layer.OutputSize);
        layer.Forward(x.AsReadOnlySpan(), y.AsSpan());
        Matrix<T> dy = RandomMatrices.Uniform<T>(5, layer.OutputSize, 2);
        layer.Gradient.Clear();
        layer.Backward(x.AsReadOnlySpan(), y.AsReadOnlySpan(), dy.AsReadOnlySpan(), default);
        T[] once = layer.Gradient.ToArray();
        layer.Backward(x.AsReadOnlySpan(), y.AsReadOnlySpan(), dy.AsReadOnlySpan(), default);
        for (int i = 0; i < once.Length; i++)
            NumericAssert.CloseIn<T>(2 * D(once[i]), D(layer.Gradient[i]), Math.Abs(D(once[i])), 4);
    }

    [Theory]
    [MemberData(nameof(LayerZoo.All), MemberType = typeof(LayerZoo))]
    public void Batch_EqualsPerSample(string name)
    {
        if (name == "bn-train")
            return; // batch statistics couple the samples: checked against its explicit Jacobian instead
        const int batch = 6, width = 7;
        IDifferentiable<T> layer = LayerZoo.Make<T>(name, width, 5);
        Matrix<T> x = Scaled(RandomMatrices.Uniform<T>(batch, width, 3), 3);
        Matrix<T> dy = RandomMatrices.Uniform<T>(batch, layer.OutputSize, 4);
        var y = new Matrix<T>(batch, layer.OutputSize);
        var dx = new Matrix<T>(batch, width);
        layer.Forward(x.AsReadOnlySpan(), y.AsSpan());
        layer.Gradient.Clear();
        layer.Backward(x.AsReadOnlySpan(), y.AsReadOnlySpan(), dy.AsReadOnlySpan(), dx.AsSpan());
        T[] batchGradient = layer.Gradient.ToArray();

        var sum = new double[layer.ParameterCount];
        var sumAbs = new double[layer.ParameterCount];
        for (int b = 0; b < batch; b++)
        {
            var xb = new Matrix<T>(x.Row(b), 1, width);
            var yb = new Matrix<T>(1, layer.OutputSize);
            var dxb = new Matrix<T>(1, width);
            layer.Forward(xb.AsReadOnlySpan(), yb.AsSpan());
            for (int j = 0; j < layer.OutputSize; j++)
                NumericAssert.CloseIn<T>(D(y[b, j]), D(yb[0, j]), Math.Abs(D(y[b, j])) + 1, 4 * width);
            layer.Gradient.Clear();
            layer.Backward(xb.AsReadOnlySpan(), yb.AsReadOnlySpan(), new Matrix<T>(dy.Row(b), 1, layer.OutputSize).AsReadOnlySpan(), dxb.AsSpan());
            for (int k = 0; k < width; k++)
                NumericAssert.CloseIn<T>(D(dx[b, k]), D(dxb[0, k]), Math.Abs(D(dx[b, k])) + 1, 4 * width);
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += D(layer.Gradient[i]);
                sumAbs[i] += Math.Abs(D(layer.Gradient[i]));
            }
        }
        for (int i = 0; i < sum.Length; i++)
            NumericAssert.CloseIn<T>(sum[i], D(batchGradient[i]), sumAbs[i], 4 * batch + 8);
    }

    [Fact]
    public void Dense_WrongShapes_NameTheParameter()
    {
        var dense = new Dense<T>(3, 2);
        var ex = Assert.Throws<ArgumentException>(() => dense.Forward(new Matrix<T>(4, 5).AsReadOnlySpan(), new Matrix<T>(4, 2).AsSpan()));
        Assert.Equal("input", ex.ParamName);
        Assert.Contains("4×5", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => dense.Forward(new Matrix<T>(4, 3).AsReadOnlySpan(), new Matrix<T>(3, 2).AsSpan()));
        Assert.Equal("output", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => dense.Backward(new Matrix<T>(4, 3).AsReadOnlySpan(), new Matrix<T>(4, 2).AsReadOnlySpan(),
            new Matrix<T>(4, 3).AsReadOnlySpan(), default));
        Assert.Equal("outputGradient", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => dense.BindParameters(new T[7], new T[8]));
        Assert.Equal("parameters", ex.ParamName);
    }

    [Fact]
    public void Dense_ComputesXWPlusB()
    {
        var dense = new Dense<T>(2, 3);
        T[] p = new double[] { 1, 2, 3, 4, 5, 6, 10, 20, 30 }.Select(v => T.CreateTruncating(v)).ToArray();
        p.CopyTo(dense.Parameters);
        var x = new Matrix<T>(new T[,] { { T.One, T.CreateTruncating(-1) }, { T.CreateTruncating(2), T.Zero } });
        var y = new Matrix<T>(2, 3);
        dense.Forward(x.AsReadOnlySpan(), y.AsSpan());
        Assert.Equal(new double[] { 7, 17, 27, 12, 24, 36 }, y.Values.ToArray().Select(D));
    }

    [Fact]
    public void BatchNormalization_UpdatesRunningStatistics_AndUsesThemInInference()
    {
        var norm = new BatchNormalization<T>(2, momentum: 0.25);
        var x = new Matrix<T>(new T[,] { { T.CreateTruncating(1), T.CreateTruncating(10) }, { T.CreateTruncating(3), T.CreateTruncating(10) },
            { T.CreateTruncating(5), T.CreateTruncating(10) } });
        var y = new Matrix<T>(3, 2);
        norm.Forward(x.AsReadOnlySpan(), y.AsSpan());
        // batch mean (3, 10); biased variance (8/3, 0); unbiased (4, 0)
        NumericAssert.CloseIn<T>(0.75 * 0 + 0.25 * 3, D(norm.RunningMean[0]), 1, 4);
        NumericAssert.CloseIn<T>(0.25 * 10, D(norm.RunningMean[1]), 3, 4);
        NumericAssert.CloseIn<T>(0.75 * 1 + 0.25 * 4, D(norm.RunningVariance[0]), 2, 4);
        NumericAssert.CloseIn<T>(0.75, D(norm.RunningVariance[1]), 1, 4);
        NumericAssert.CloseIn<T>(-2 / Math.Sqrt(8.0 / 3 + 1e-5), D(y[0, 0]), 2, 8);
        Assert.Equal(T.Zero, y[0, 1]);
        norm.Training = false;
        norm.Forward(x.AsReadOnlySpan(), y.AsSpan());
        NumericAssert.CloseIn<T>((1 - 0.75) / Math.Sqrt(1.75 + 1e-5), D(y[0, 0]), 2, 8);
        NumericAssert.CloseIn<T>((10 - 2.5) / Math.Sqrt(0.75 + 1e-5), D(y[0, 1]), 9, 8);
    }
}

public sealed class LayerTestsDouble : LayerTests<double>;

public sealed class LayerTestsSingle : LayerTests<float>;

/// <summary>The explicit Jacobians of every layer (batch normalisation in both modes included) against central
/// finite differences in double, with respect to the inputs and to the parameters.</summary>
public sealed class LayerFiniteDifferenceTests
{
    [Theory]
    [MemberData(nameof(LayerZoo.All), MemberType = typeof(LayerZoo))]
    public void Jacobians_MatchFiniteDifferences(string name)
    {
        const int batch = 3, width = 4;
        IDifferentiable<double> layer = LayerZoo.Make<double>(name, width, 9);
        Matrix<double> x = RandomMatrices.Uniform<double>(batch, width, 21);
        (double[,] jx, double[,] jp) = NaiveJacobians.LayerJacobians(layer, x);

        double[] Forward(double[] xv)
        {
            var y = new Matrix<double>(batch, layer.OutputSize);
            var input = new Matrix<double>(xv, batch, width);
            if (layer is BatchNormalization<double> { Training: true } norm)
                norm.ForwardWithoutUpdate(input.AsReadOnlySpan(), y.AsSpan());
            else
                layer.Forward(input.AsReadOnlySpan(), y.AsSpan());
            return y.Values.ToArray();
        }

        double[,] fx = NaiveJacobians.FiniteDifference(Forward, x.Values.ToArray());
        AssertClose(fx, jx, name + " ∂Y/∂X");
        double[] theta = layer.Parameters.ToArray();
        double[,] fp = NaiveJacobians.FiniteDifference(t =>
        {
            t.CopyTo(layer.Parameters);
            return Forward(x.Values.ToArray());
        }, theta);
        theta.CopyTo(layer.Parameters);
        AssertClose(fp, jp, name + " ∂Y/∂θ");
    }

    private static void AssertClose(double[,] numeric, double[,] exact, string what)
    {
        Assert.Equal(numeric.GetLength(0), exact.GetLength(0));
        Assert.Equal(numeric.GetLength(1), exact.GetLength(1));
        for (int i = 0; i < exact.GetLength(0); i++)
            for (int j = 0; j < exact.GetLength(1); j++)
                Assert.True(Math.Abs(numeric[i, j] - exact[i, j]) <= 1e-7 * Math.Max(1, Math.Abs(exact[i, j])),
                    $"{what} [{i}, {j}]: Jacobian {exact[i, j]:R}, finite differences {numeric[i, j]:R}");
    }
}
