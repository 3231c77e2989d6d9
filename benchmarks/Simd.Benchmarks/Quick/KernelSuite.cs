using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using Simd.Benchmarks.Peers;
using Simd.Numerics.Kernels;

namespace Simd.Benchmarks.Quick;

/// <summary>dot and axpy at n = 4096 (in L1/L2) and n = 10⁶ (from memory), double and float, against
/// TensorPrimitives and OpenBLAS.</summary>
internal sealed class KernelSuite : IQuickSuite
{
    public IEnumerable<QuickCase> Cases()
    {
        foreach (int n in new[] { 4096, 1_000_000 })
        {
            double[] xd = Data.Vector<double>(n, 1), yd = Data.Vector<double>(n, 2);
            float[] xs = Data.Vector<float>(n, 1), ys = Data.Vector<float>(n, 2);
            double sink = 0;

            yield return Case("dot", "f64", n, "simd", 16.0 * n, () => sink += SpanMath.Dot<double>(xd, yd));
            yield return Case("dot", "f64", n, "tensorprimitives", 16.0 * n, () => sink += TensorPrimitives.Dot<double>(xd, yd));
            if (OpenBlas.IsAvailable)
                yield return Case("dot", "f64", n, "openblas", 16.0 * n, () => sink += OpenBlas.cblas_ddot(n, ref xd[0], 1, ref yd[0], 1));
            yield return Case("dot", "f32", n, "simd", 8.0 * n, () => sink += SpanMath.Dot<float>(xs, ys));
            yield return Case("dot", "f32", n, "tensorprimitives", 8.0 * n, () => sink += TensorPrimitives.Dot<float>(xs, ys));
            if (OpenBlas.IsAvailable)
                yield return Case("dot", "f32", n, "openblas", 8.0 * n, () => sink += OpenBlas.cblas_sdot(n, ref xs[0], 1, ref ys[0], 1));

            // y ← αx + y with a tiny α so that repeated calls keep y finite; TensorPrimitives writes to a destination.
            yield return Case("axpy", "f64", n, "simd", 24.0 * n, () => SpanMath.Axpy<double>(1e-9, xd, yd));
            yield return Case("axpy", "f64", n, "tensorprimitives", 24.0 * n, () => TensorPrimitives.MultiplyAdd<double>(xd, 1e-9, yd, yd));
            if (OpenBlas.IsAvailable)
                yield return Case("axpy", "f64", n, "openblas", 24.0 * n, () => OpenBlas.cblas_daxpy(n, 1e-9, ref xd[0], 1, ref yd[0], 1));
            yield return Case("axpy", "f32", n, "simd", 12.0 * n, () => SpanMath.Axpy<float>(1e-9f, xs, ys));
            yield return Case("axpy", "f32", n, "tensorprimitives", 12.0 * n, () => TensorPrimitives.MultiplyAdd<float>(xs, 1e-9f, ys, ys));
            if (OpenBlas.IsAvailable)
                yield return Case("axpy", "f32", n, "openblas", 12.0 * n, () => OpenBlas.cblas_saxpy(n, 1e-9f, ref xs[0], 1, ref ys[0], 1));
            GC.KeepAlive(sink);
        }
    }

    private static QuickCase Case(string op, string type, int n, string impl, double bytes, Action run) =>
        new(op, type, 0, n, 0, 1, impl, 2.0 * n, run) { Bytes = bytes };
}
