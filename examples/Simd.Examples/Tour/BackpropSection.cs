using System;
using System.Diagnostics;
using Simd.Learning.Autodiff;
using Simd.Learning.Initialization;
using Simd.Learning.Layers;
using Simd.Learning.Losses;
using Simd.Learning.Networks;
using Simd.Learning.Optimizers;
using Simd.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Examples.Tour;

/// <summary>Level 2, iteratively: Y = W₂·ReLU(W₁·X) trained on the 8×8 digits by backprop (the chain of
/// vector–Jacobian products), checked against finite differences first, then optimised with Adam through the
/// network's flat parameter vector.</summary>
internal static class BackpropSection
{
    public static void Run(string data)
    {
        Dataset digits = Dataset.Load(data, "digits");
        int n = digits.X.Rows, train = 1500, test = n - train;
        // Pixels 0–16 scaled to [0, 1]; labels one-hot.
        var x = new Matrix<float>(n, 64);
        var y = new Matrix<float>(n, 10);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 64; j++)
                x[i, j] = (float)(digits.X[i, j] / 16);
            y[i, (int)digits.Y[i]] = 1;
        }

        // 1. Is backprop right? Central differences on a small double network (same architecture, 16 hidden).
        var small = new Sequential<double>(new Dense<double>(64, 16, new RandomSource(1), WeightInitialization.HeUniform),
            new Relu<double>(16), new Dense<double>(16, 10, new RandomSource(2)));
        var xs = new Matrix<double>(20, 64);
        var ys = new Matrix<double>(20, 10);
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 64; j++)
                xs[i, j] = x[i, j];
        for (int i = 0; i < 20; i++)
            ys[i, (int)digits.Y[i]] = 1;
        GradientCheckResult check = GradientCheck.Parameters(small, new SoftmaxCrossEntropy<double>(), xs, ys);
        Console.WriteLine($"gradient check, {small.ParameterCount} parameters: {check}");

        // 2. Train 64 → 128 → 10 in float with Adam on minibatches of 64.
        var random = new RandomSource(7);
        var network = new Sequential<float>(new Dense<float>(64, 128, random, WeightInitialization.HeUniform), new Relu<float>(128),
            new Dense<float>(128, 10, random));
        var loss = new SoftmaxCrossEntropy<float>();
        var adam = new Adam<float>(network.ParameterCount, learningRate: 3e-3);
        const int batch = 64, epochs = 15;
        var watch = Stopwatch.StartNew();
        int steps = 0;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double sum = 0;
            int batches = 0;
            for (int start = 0; start + batch <= train; start += batch)
            {
                sum += network.ComputeLossAndGradient(x.AsReadOnlySpan().SliceRows(start, batch), y.AsReadOnlySpan().SliceRows(start, batch), loss);
                adam.Step(network.Parameters, network.Gradient);
                batches++;
                steps++;
            }
            if (epoch is 1 or 5 or 10 or epochs)
                Console.WriteLine($"epoch {epoch,2}: mean training loss {sum / batches:F4}");
        }
        double perStep = watch.Elapsed.TotalMilliseconds * 1000 / steps;

        ReadOnlyMatrixSpan<float> logits = network.Forward(x.AsReadOnlySpan().SliceRows(train, test));
        int correct = 0;
        for (int i = 0; i < test; i++)
            if (SpanMath.ArgMax(logits.Row(i)) == (int)digits.Y[train + i])
                correct++;
        Console.WriteLine($"{network.ParameterCount} parameters in one flat vector; {steps} Adam steps at {perStep:F0} µs each " +
                          $"(forward + backward + update, batch {batch})");
        Console.WriteLine($"held-out accuracy: {correct}/{test} = {100.0 * correct / test:F1}%");
    }
}
