using System;
using System.Diagnostics;
using Simd.Numerics;
using Simd.Numerics.Blas;

namespace Simd.Examples.Tour;

/// <summary>Level 1 of the seed: applying a linear model is a matrix product.</summary>
internal static class ProductsSection
{
    public static void Run(string data)
    {
        Dataset digits = Dataset.Load(data, "digits");
        Matrix<double> x = digits.X; // 1797 images × 64 pixels
        var random = new Random(42);
        Matrix<double> w = Matrix<double>.RandomNormal(x.Columns, 64, random);

        // H = X·W: the forward pass of a 64-unit linear layer over the whole data set.
        var h = new Matrix<double>(x.Rows, w.Columns);
        Gemm.Multiply(x.AsReadOnlySpan(), w.AsReadOnlySpan(), h.AsSpan());
        var watch = Stopwatch.StartNew();
        const int repeats = 20;
        for (int r = 0; r < repeats; r++)
            Gemm.Multiply(x.AsReadOnlySpan(), w.AsReadOnlySpan(), h.AsSpan());
        double seconds = watch.Elapsed.TotalSeconds / repeats;
        Console.WriteLine($"H = X·W for digits ({x.Rows}×{x.Columns} · {w.Rows}×{w.Columns}): {seconds * 1e3:F2} ms, " +
                          $"{2.0 * x.Rows * x.Columns * w.Columns / seconds / 1e9:F1} GFLOP/s");

        // The Gram matrix XᵀX (PCA's covariance, least squares' normal matrix) needs one triangle only: SYRK.
        var gram = new Matrix<double>(x.Columns, x.Columns);
        Syrk.Update(1.0, x.AsReadOnlySpan(), MatrixOp.Transpose, 0.0, gram.AsSpan(), TriangularPart.Lower);
        var full = new Matrix<double>(x.Columns, x.Columns);
        Gemm.Multiply(1.0, x.AsReadOnlySpan(), MatrixOp.Transpose, x.AsReadOnlySpan(), MatrixOp.None, 0.0, full.AsSpan());
        double worst = 0;
        for (int i = 0; i < gram.Rows; i++)
            for (int j = 0; j <= i; j++)
                worst = Math.Max(worst, Math.Abs(gram[i, j] - full[i, j]) / Math.Max(1, Math.Abs(full[i, j])));
        Console.WriteLine($"XᵀX by SYRK (one triangle, half the flops) matches GEMM to {worst:G2} relative; trace = {Trace(full):G6}");
    }

    private static double Trace(Matrix<double> a)
    {
        double t = 0;
        for (int i = 0; i < a.Rows; i++) t += a[i, i];
        return t;
    }
}
