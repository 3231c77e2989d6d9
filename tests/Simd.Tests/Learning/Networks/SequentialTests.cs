using System;
using System.Linq;
using System.Numerics;
using Simd.Learning.Autodiff;
using Simd.Learning.Initialization;
using Simd.Learning.Layers;
using Simd.Learning.Losses;
using Simd.Learning.Networks;
using Simd.Numerics;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Simd.Tests.Learning.Layers;
using Simd.Tests.Learning.Losses;
using Xunit;

namespace Simd.Tests.Learning.Networks;

/// <summary>Whole networks: backprop equals the chained product of explicit Jacobians and finite differences,
/// the flat parameter vector is a view, batch = per sample, and a training step allocates nothing.</summary>
public abstract class SequentialTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static double D(T x) => double.CreateChecked(x);

    /// <summary>Dense → tanh → Dense → BN → softplus → Dense → sigmoid → Dense → softmax-free logits.</summary>
    internal static Sequential<T> DeepNetwork(ulong seed, bool withNorm = true)
    {
        var r = new RandomSource(seed);
        IDifferentiable<T>[] layers = withNorm
            ? [new Dense<T>(5, 7, r), new Tanh<T>(7), new Dense<T>(7, 6, r), (IDifferentiable<T>)LayerZoo.Make<T>("bn-train", 6, seed),
               new Softplus<T>(6), new Dense<T>(6, 6, r, WeightInitialization.HeNormal), new Sigmoid<T>(6), new Dense<T>(6, 3, r)]
            : [new Dense<T>(5, 7, r), new Tanh<T>(7), new Dense<T>(7, 6, r), new LeakyRelu<T>(6, T.CreateTruncating(0.2)),
               new Dense<T>(6, 3, r)];
        var network = new Sequential<T>(layers);
        foreach (IDifferentiable<T> layer in network.Layers)
            if (layer is Dense<T> dense)
                r.FillUniform(dense.Bias, -0.3, 0.3);
        return network;
    }

    [Theory]
    [InlineData("softmax-ce", true)]
    [InlineData("mse", true)]
    [InlineData("bce", false)]
    [InlineData("huber", false)]
    public void Backprop_EqualsChainedExplicitJacobians(string lossName, bool withNorm)
    {
        Sequential<T> network = DeepNetwork(3, withNorm);
        ILoss<T> loss = LossZoo.Make<T>(lossName);
        Matrix<T> x = RandomMatrices.Uniform<T>(4, 5, 1), y = LossZoo.Target<T>(lossName, 4, 3, 2);
        network.ComputeLossAndGradient(x.AsReadOnlySpan(), y.AsReadOnlySpan(), loss);
        T[] gradient = network.Gradient.ToArray();
        var dy = new Matrix<T>(4, 3);
        loss.Evaluate(network.Forward(x.AsReadOnlySpan()), y.AsReadOnlySpan(), dy.AsSpan());
        var dx = new Matrix<T>(4, 5);
        network.ZeroGradient();
        network.Backward(x.AsReadOnlySpan(), default, dy.AsReadOnlySpan(), dx.AsSpan());

        (double[] expected, double[] expectedDx) = NaiveJacobians.ChainedGradient(network.Layers, x, dy.Values.ToArray().Select(D).ToArray());
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            NumericAssert.CloseIn<T>(expected[i], D(gradient[i]), scale, 256);
            NumericAssert.CloseIn<T>(expected[i], D(network.Gradient[i]), scale, 256);
        }
        double scaleX = expectedDx.Max(Math.Abs);
        for (int i = 0; i < expectedDx.Length; i++)
            NumericAssert.CloseIn<T>(expectedDx[i], D(dx.Values[i]), scaleX, 256);
    }

    [Fact]
    public void Jacobian_EqualsNaiveChain()
    {
        Sequential<T> network = DeepNetwork(5);
        Matrix<T> x = RandomMatrices.Uniform<T>(3, 5, 3);
        var jx = new Matrix<T>(9, 15);
        var jp = new Matrix<T>(9, network.ParameterCount);
        T[] runningBefore = ((BatchNormalization<T>)network.Layers[3]).RunningMean.ToArray();
        network.Jacobian(x.AsReadOnlySpan(), jx.AsSpan(), jp.AsSpan());
        Assert.Equal(runningBefore, ((BatchNormalization<T>)network.Layers[3]).RunningMean.ToArray());
        for (int row = 0; row < 9; row++)
        {
            var unit = new double[9];
            unit[row] = 1;
            (double[] p, double[] dx) = NaiveJacobians.ChainedGradient(network.Layers, x, unit);
            double sp = p.Max(Math.Abs) + 1, sx = dx.Max(Math.Abs) + 1;
            for (int c = 0; c < p.Length; c++)
                NumericAssert.CloseIn<T>(p[c], D(jp[row, c]), sp, 256);
            for (int c = 0; c < dx.Length; c++)
                NumericAssert.CloseIn<T>(dx[c], D(jx[row, c]), sx, 256);
        }
    }

    [Fact]
    public void Parameters_AreOneFlatViewSharedWithTheLayers()
    {
        Sequential<T> network = DeepNetwork(7);
        var first = (Dense<T>)network.Layers[0];
        Assert.Equal(network.Layers.Sum(l => l.ParameterCount), network.ParameterCount);
        Assert.Equal(0, network.ParameterOffset(0));
        Assert.Equal(first.ParameterCount, network.ParameterOffset(2));
        network.Parameters[3] = T.CreateTruncating(42);
        Assert.Equal(T.CreateTruncating(42), first.Weights[0, 3]);
        first.Bias[1] = T.CreateTruncating(-5);
        Assert.Equal(T.CreateTruncating(-5), network.Parameters[5 * 7 + 1]);
        var last = (Dense<T>)network.Layers[^1];
        last.Bias[2] = T.CreateTruncating(9);
        Assert.Equal(T.CreateTruncating(9), network.Parameters[network.ParameterCount - 1]);
        first.Gradient[0] = T.CreateTruncating(1.5);
        Assert.Equal(T.CreateTruncating(1.5), network.Gradient[0]);
    }

    [Fact]
    public void LossAndGradient_OfBatch_IsTheMeanOverSamples()
    {
        Sequential<T> network = DeepNetwork(9, withNorm: false);
        ILoss<T> loss = new SoftmaxCrossEntropy<T>();
        Matrix<T> x = RandomMatrices.Uniform<T>(6, 5, 4), y = LossZoo.Target<T>("softmax-ce", 6, 3, 5);
        double batchLoss = D(network.ComputeLossAndGradient(x.AsReadOnlySpan(), y.AsReadOnlySpan(), loss));
        T[] batchGradient = network.Gradient.ToArray();
        var mean = new double[network.ParameterCount];
        var abs = new double[network.ParameterCount];
        double meanLoss = 0;
        for (int b = 0; b < 6; b++)
        {
            meanLoss += D(network.ComputeLossAndGradient(x.AsReadOnlySpan().SliceRows(b, 1), y.AsReadOnlySpan().SliceRows(b, 1), loss)) / 6;
            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] += D(network.Gradient[i]) / 6;
                abs[i] += Math.Abs(D(network.Gradient[i])) / 6;
            }
        }
        NumericAssert.CloseIn<T>(meanLoss, batchLoss, meanLoss, 64);
        for (int i = 0; i < mean.Length; i++)
            NumericAssert.CloseIn<T>(mean[i], D(batchGradient[i]), abs[i], 128);
    }

    [Fact]
    public void TrainingStep_AllocatesNothingAfterTheFirst()
    {
        var r = new RandomSource(1);
        var network = new Sequential<T>(new Dense<T>(64, 128, r), new Relu<T>(128), new BatchNormalization<T>(128), new Dense<T>(128, 10, r));
        ILoss<T> loss = new SoftmaxCrossEntropy<T>();
        Matrix<T> x = RandomMatrices.Uniform<T>(32, 64, 2), y = LossZoo.Target<T>("softmax-ce", 32, 10, 3);
        Assert.Equal(0, Allocations.SteadyStateBytes(() => network.ComputeLossAndGradient(x.AsReadOnlySpan(), y.AsReadOnlySpan(), loss), calls: 5));
    }

    [Fact]
    public void Constructor_RejectsMismatchedWidthsAndRepeatedLayers()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Sequential<T>(new Dense<T>(3, 4), new Relu<T>(5)));
        Assert.Equal("layers", ex.ParamName);
        Assert.Contains("outputs 4", ex.Message);
        var relu = new Relu<T>(4);
        ex = Assert.Throws<ArgumentException>(() => new Sequential<T>(relu, relu));
        Assert.Equal("layers", ex.ParamName);
        Assert.Throws<ArgumentException>(() => new Sequential<T>());
    }

    [Fact]
    public void Training_PropagatesToBatchNormalization_AndNestedNetworks()
    {
        var norm = new BatchNormalization<T>(3);
        var inner = new Sequential<T>(new Dense<T>(3, 3), norm);
        var outer = new Sequential<T>(inner, new Tanh<T>(3));
        outer.Training = false;
        Assert.False(norm.Training);
        Assert.False(inner.Training);
        outer.Training = true;
        Assert.True(norm.Training);
    }
}

public sealed class SequentialTestsDouble : SequentialTests<double>
{
    [Theory]
    [InlineData("softmax-ce", true)]
    [InlineData("mse", true)]
    [InlineData("bce", false)]
    [InlineData("huber", false)]
    [InlineData("mae", false)]
    public void Backprop_MatchesFiniteDifferences_RelativeErrorBelow1e6(string lossName, bool withNorm)
    {
        Sequential<double> network = DeepNetwork(11, withNorm);
        ILoss<double> loss = LossZoo.Make<double>(lossName);
        Matrix<double> x = RandomMatrices.Uniform<double>(5, 5, 6), y = LossZoo.Target<double>(lossName, 5, 3, 7);
        GradientCheckResult result = GradientCheck.Parameters(network, loss, x, y);
        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
    }

    [Fact]
    public void AsObjective_LbfgsFitsASmallNetwork()
    {
        // y = sin(3x) on 40 points, 1 → 8 → 1 with tanh: L-BFGS through the flat parameter vector.
        var network = new Sequential<double>(new Dense<double>(1, 8, new RandomSource(3)), new Tanh<double>(8), new Dense<double>(8, 1, new RandomSource(4)));
        var x = new Matrix<double>(40, 1);
        var y = new Matrix<double>(40, 1);
        for (int i = 0; i < 40; i++)
        {
            x[i, 0] = -1 + 2.0 * i / 39;
            y[i, 0] = Math.Sin(3 * x[i, 0]);
        }
        var loss = new MeanSquaredError<double>();
        double before = network.ComputeLoss(x.AsReadOnlySpan(), y.AsReadOnlySpan(), loss);
        Simd.Learning.Optimizers.MinimizationResult result =
            Simd.Learning.Optimizers.Lbfgs.Minimize(network.AsObjective(x, y, loss), network.Parameters.ToArray());
        result.Solution.CopyTo(network.Parameters);
        double after = network.ComputeLoss(x.AsReadOnlySpan(), y.AsReadOnlySpan(), loss);
        Assert.True(after < 1e-3 * before && after < 1e-3, $"loss {before} → {after} ({result.Reason}, {result.Iterations} iterations)");
    }

    [Fact]
    public void NestedNetwork_GradientMatchesFiniteDifferences()
    {
        var r = new RandomSource(4);
        var inner = new Sequential<double>(new Dense<double>(4, 5, r), new Tanh<double>(5));
        var outer = new Sequential<double>(inner, new BatchNormalization<double>(5), new Dense<double>(5, 2, r));
        Matrix<double> x = RandomMatrices.Uniform<double>(6, 4, 1), y = RandomMatrices.Uniform<double>(6, 2, 2);
        GradientCheckResult result = GradientCheck.Parameters(outer, new MeanSquaredError<double>(), x, y);
        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
        Assert.Equal(outer.ParameterCount, inner.ParameterCount + 10 + 12);
    }
}

public sealed class SequentialTestsSingle : SequentialTests<float>
{
    [Fact]
    public void AsObjective_RequiresDouble()
    {
        var network = new Sequential<float>(new Dense<float>(2, 1));
        Assert.Throws<NotSupportedException>(() => network.AsObjective(new Matrix<float>(3, 2), new Matrix<float>(3, 1), new MeanSquaredError<float>()));
    }
}
