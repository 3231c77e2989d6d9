using System.Collections.Generic;
using Simd.Learning.Initialization;
using Simd.Learning.Layers;
using Simd.Learning.Losses;
using Simd.Learning.Networks;
using Simd.Numerics;

namespace Simd.Benchmarks.Quick;

/// <summary>One training step (forward, softmax cross-entropy, backward with parameter gradients; no update) of
/// the MLP k → n → 10 with ReLU, float, one thread: m = batch, k = input width, n = hidden width. The PyTorch side
/// of the comparison is <c>benchmarks/pytorch_mlp_step.py</c>.</summary>
internal sealed class MlpSuite : IQuickSuite
{
    public IEnumerable<QuickCase> Cases()
    {
        foreach ((int m, int k, int n) in new[] { (64, 64, 128), (128, 784, 256) })
        {
            MlpStep step = MlpStep.Create(m, k, n);
            yield return new QuickCase("mlp_step", "f32", m, n, k, 1, "simd", MlpStep.Flops(m, k, n), () => step.Run());
        }
    }
}

/// <summary>The benchmarked training step, shared by the quick report and BenchmarkDotNet.</summary>
internal sealed class MlpStep
{
    private readonly Sequential<float> _network;
    private readonly Matrix<float> _x, _y;
    private readonly SoftmaxCrossEntropy<float> _loss = new();

    private MlpStep(Sequential<float> network, Matrix<float> x, Matrix<float> y)
    {
        _network = network;
        _x = x;
        _y = y;
    }

    /// <summary>Dense(k, n) → ReLU → Dense(n, 10), He/Glorot initialised from a fixed seed, random batch and labels.</summary>
    public static MlpStep Create(int batch, int inputs, int hidden, int classes = 10)
    {
        var random = new RandomSource(1);
        var network = new Sequential<float>(
            new Dense<float>(inputs, hidden, random, WeightInitialization.HeUniform) { Parallelism = Parallelism.Sequential },
            new Relu<float>(hidden),
            new Dense<float>(hidden, classes, random) { Parallelism = Parallelism.Sequential });
        var x = new Matrix<float>(Data.Vector<float>(batch * inputs, 2), batch, inputs);
        var y = new Matrix<float>(batch, classes);
        for (int i = 0; i < batch; i++)
            y[i, random.NextInt(classes)] = 1;
        var step = new MlpStep(network, x, y);
        step.Run();
        return step;
    }

    /// <summary>Forward and backward of layer 1 (no input gradient) plus forward, backward and input gradient of layer 2.</summary>
    public static double Flops(int m, int k, int n, int classes = 10) => 2.0 * m * k * n * 2 + 2.0 * m * n * classes * 3;

    /// <summary>One step; returns the loss.</summary>
    public float Run() => _network.ComputeLossAndGradient(_x.AsReadOnlySpan(), _y.AsReadOnlySpan(), _loss);
}
