using System;
using System.Collections.Generic;
using System.Numerics;
using System.Numerics.Tensors;
using Simd.Numerics.Kernels;

namespace Simd.Benchmarks.Quick;

/// <summary>Element-wise exp, tanh and sigmoid at n = 4096 (in cache) and n = 10⁶ (from memory), float and double,
/// against TensorPrimitives. Arguments are uniform in [−10, 10); "GFLOP/s" counts one per element (Gelem/s).</summary>
internal sealed class ActivationSuite : IQuickSuite
{
    public IEnumerable<QuickCase> Cases()
    {
        foreach (int n in new[] { 4096, 1_000_000 })
        {
            double[] xd = Scaled(Data.Vector<double>(n, 1)), yd = new double[n];
            float[] xs = Scaled(Data.Vector<float>(n, 1)), ys = new float[n];

            yield return Case("exp", "f64", n, "simd", 16.0 * n, () => SpanMath.Exp<double>(xd, yd));
            yield return Case("exp", "f64", n, "tensorprimitives", 16.0 * n, () => TensorPrimitives.Exp<double>(xd, yd));
            yield return Case("exp", "f32", n, "simd", 8.0 * n, () => SpanMath.Exp<float>(xs, ys));
            yield return Case("exp", "f32", n, "tensorprimitives", 8.0 * n, () => TensorPrimitives.Exp<float>(xs, ys));

            yield return Case("tanh", "f64", n, "simd", 16.0 * n, () => SpanMath.Tanh<double>(xd, yd));
            yield return Case("tanh", "f64", n, "tensorprimitives", 16.0 * n, () => TensorPrimitives.Tanh<double>(xd, yd));
            yield return Case("tanh", "f32", n, "simd", 8.0 * n, () => SpanMath.Tanh<float>(xs, ys));
            yield return Case("tanh", "f32", n, "tensorprimitives", 8.0 * n, () => TensorPrimitives.Tanh<float>(xs, ys));

            yield return Case("sigmoid", "f64", n, "simd", 16.0 * n, () => SpanMath.Sigmoid<double>(xd, yd));
            yield return Case("sigmoid", "f64", n, "tensorprimitives", 16.0 * n, () => TensorPrimitives.Sigmoid<double>(xd, yd));
            yield return Case("sigmoid", "f32", n, "simd", 8.0 * n, () => SpanMath.Sigmoid<float>(xs, ys));
            yield return Case("sigmoid", "f32", n, "tensorprimitives", 8.0 * n, () => TensorPrimitives.Sigmoid<float>(xs, ys));
        }
    }

    private static T[] Scaled<T>(T[] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
            x[i] *= T.CreateTruncating(10);
        return x;
    }

    private static QuickCase Case(string op, string type, int n, string impl, double bytes, Action run) =>
        new(op, type, 0, n, 0, 1, impl, n, run) { Bytes = bytes };
}
