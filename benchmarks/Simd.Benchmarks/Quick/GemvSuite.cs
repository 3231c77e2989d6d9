using System.Collections.Generic;
using Simd.Benchmarks.Peers;
using Simd.Numerics;
using Simd.Numerics.Blas;
using MathNetMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Simd.Benchmarks.Quick;

/// <summary>y = A·x and y = Aᵀ·x at n = 2048 (32 MiB of doubles: memory-bound), against OpenBLAS and Math.NET.</summary>
internal sealed class GemvSuite : IQuickSuite
{
    public IEnumerable<QuickCase> Cases()
    {
        const int n = 2048;
        double[] a = Data.Vector<double>(n * n, 1), x = Data.Vector<double>(n, 2), y = new double[n];
        float[] af = Data.Vector<float>(n * n, 1), xf = Data.Vector<float>(n, 2), yf = new float[n];
        double flops = 2.0 * n * n;

        yield return Case("f64", "simd", flops, 8.0 * n * n, () => Gemv.Multiply(1.0, new ReadOnlyMatrixSpan<double>(a, n, n), MatrixOp.None, x, 0.0, y));
        if (OpenBlas.IsAvailable)
            yield return Case("f64", "openblas", flops, 8.0 * n * n, () => OpenBlas.cblas_dgemv(OpenBlas.RowMajor, OpenBlas.NoTrans, n, n, 1.0, ref a[0], n, ref x[0], 1, 0.0, ref y[0], 1));
        var mathNetA = MathNetMatrix.Build.Dense(n, n, a);
        MathNetVector mathNetX = MathNetVector.Build.Dense(x), mathNetY = MathNetVector.Build.Dense(n);
        yield return Case("f64", "mathnet", flops, 8.0 * n * n, () => mathNetA.Multiply(mathNetX, mathNetY));

        yield return Case("f32", "simd", flops, 4.0 * n * n, () => Gemv.Multiply(1f, new ReadOnlyMatrixSpan<float>(af, n, n), MatrixOp.None, xf, 0f, yf));
        if (OpenBlas.IsAvailable)
            yield return Case("f32", "openblas", flops, 4.0 * n * n, () => OpenBlas.cblas_sgemv(OpenBlas.RowMajor, OpenBlas.NoTrans, n, n, 1f, ref af[0], n, ref xf[0], 1, 0f, ref yf[0], 1));

        // Aᵀ·x (k = 1 marks the transposed form in the JSON).
        yield return new QuickCase("gemv", "f64", n, n, 1, 1, "simd", flops,
            () => Gemv.Multiply(1.0, new ReadOnlyMatrixSpan<double>(a, n, n), MatrixOp.Transpose, x, 0.0, y)) { Bytes = 8.0 * n * n };
        if (OpenBlas.IsAvailable)
            yield return new QuickCase("gemv", "f64", n, n, 1, 1, "openblas", flops,
                () => OpenBlas.cblas_dgemv(OpenBlas.RowMajor, OpenBlas.Trans, n, n, 1.0, ref a[0], n, ref x[0], 1, 0.0, ref y[0], 1)) { Bytes = 8.0 * n * n };
    }

    private static QuickCase Case(string type, string impl, double flops, double bytes, System.Action run) =>
        new("gemv", type, 2048, 2048, 0, 1, impl, flops, run) { Bytes = bytes };
}
