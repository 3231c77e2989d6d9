using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Simd.Learning.Autodiff;
using Simd.Learning.Initialization;
using Simd.Learning.Layers;
using Simd.Learning.Losses;
using Simd.Learning.Networks;
using Simd.Numerics;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.PropertyTests.Learning;

/// <summary>Random networks (random widths, depths, layer kinds, batch sizes and losses): backprop equals the chained
/// product of the explicit Jacobians (naive GEMM in double), and, for smooth networks, finite differences.</summary>
public sealed class NetworkProperties
{
    public sealed record NetworkCase(int[] Widths, string[] Activations, bool Norm, int Batch, string Loss, int Seed)
    {
        public override string ToString() =>
            $"widths [{string.Join(", ", Widths)}], activations [{string.Join(", ", Activations)}], norm {Norm}, batch {Batch}, loss {Loss}, seed {Seed}";
    }

    private static readonly string[] Kinds = ["tanh", "sigmoid", "softplus", "relu", "leaky", "none"];

    private static readonly Gen<NetworkCase> Cases =
        from depth in Gen.Choose(1, 4)
        from widths in Gen.ArrayOf(Gen.Choose(1, 6), depth + 1)
        from activations in Gen.ArrayOf(Gen.Elements(Kinds), depth)
        from norm in Gen.Elements(false, true)
        from batch in Gen.Choose(1, 5)
        from loss in Gen.Elements("mse", "huber", "bce", "softmax-ce")
        from seed in Gen.Choose(0, int.MaxValue)
        select new NetworkCase(widths, activations, norm, batch, loss, seed);

    private static Sequential<double> Build(NetworkCase c)
    {
        var random = new RandomSource((ulong)c.Seed);
        var layers = new List<IDifferentiable<double>>();
        for (int l = 0; l + 1 < c.Widths.Length; l++)
        {
            int n = c.Widths[l + 1];
            var dense = new Dense<double>(c.Widths[l], n, random);
            random.FillUniform(dense.Bias, -0.5, 0.5);
            layers.Add(dense);
            if (c.Norm && l == 0 && c.Batch > 1)
                layers.Add(new BatchNormalization<double>(n));
            if (l + 2 < c.Widths.Length)
            {
                IDifferentiable<double>? activation = c.Activations[l] switch
                {
                    "tanh" => new Tanh<double>(n),
                    "sigmoid" => new Sigmoid<double>(n),
                    "softplus" => new Softplus<double>(n),
                    "relu" => new Relu<double>(n),
                    "leaky" => new LeakyRelu<double>(n, 0.1),
                    _ => null,
                };
                if (activation is not null)
                    layers.Add(activation);
            }
        }
        return new Sequential<double>(layers.ToArray());
    }

    private static ILoss<double> Loss(string name) => name switch
    {
        "mse" => new MeanSquaredError<double>(),
        "huber" => new Huber<double>(0.5),
        "bce" => new BinaryCrossEntropyWithLogits<double>(),
        _ => new SoftmaxCrossEntropy<double>(),
    };

    private static Matrix<double> Target(string loss, int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var t = new Matrix<double>(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            int hot = random.Next(columns);
            for (int j = 0; j < columns; j++)
                t[i, j] = loss switch { "bce" => random.NextDouble(), "softmax-ce" => j == hot ? 1 : 0, _ => 2 * random.NextDouble() - 1 };
        }
        return t;
    }

    [Fact]
    public void Backprop_EqualsChainedJacobians() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            Sequential<double> network = Build(c);
            ILoss<double> loss = Loss(c.Loss);
            Matrix<double> x = RandomMatrices.Uniform<double>(c.Batch, c.Widths[0], c.Seed);
            Matrix<double> y = Target(c.Loss, c.Batch, c.Widths[^1], c.Seed + 1);
            var dy = new Matrix<double>(c.Batch, c.Widths[^1]);
            loss.Evaluate(network.Forward(x.AsReadOnlySpan()), y.AsReadOnlySpan(), dy.AsSpan());
            var dx = new Matrix<double>(c.Batch, c.Widths[0]);
            network.ZeroGradient();
            network.Backward(x.AsReadOnlySpan(), default, dy.AsReadOnlySpan(), dx.AsSpan());
            (double[] expected, double[] expectedDx) = NaiveJacobians.ChainedGradient(network.Layers, x, dy.Values.ToArray());
            double scale = expected.Append(1e-300).Max(Math.Abs), scaleX = expectedDx.Append(1e-300).Max(Math.Abs);
            for (int i = 0; i < expected.Length; i++)
                NumericAssert.CloseIn<double>(expected[i], network.Gradient[i], scale, 512);
            for (int i = 0; i < expectedDx.Length; i++)
                NumericAssert.CloseIn<double>(expectedDx[i], dx.Values[i], scaleX, 512);
        }).Check(PropertyConfig.Default);

    [Fact]
    public void SmoothNetworks_MatchFiniteDifferences() =>
        // ReLU kinks and Huber's jump in curvature at |r| = δ break the smoothness finite differences rely on.
        Prop.ForAll(Arb.From(Cases.Where(c => !c.Activations.Any(a => a is "relu" or "leaky") && c.Loss != "huber")), c =>
        {
            Sequential<double> network = Build(c);
            Matrix<double> x = RandomMatrices.Uniform<double>(c.Batch, c.Widths[0], c.Seed);
            Matrix<double> y = Target(c.Loss, c.Batch, c.Widths[^1], c.Seed + 1);
            GradientCheckResult result = GradientCheck.Parameters(network, Loss(c.Loss), x, y);
            Assert.True(result.MaxRelativeError < 1e-6, $"{c}: {result}");
        }).Check(PropertyConfig.Expensive);
}
