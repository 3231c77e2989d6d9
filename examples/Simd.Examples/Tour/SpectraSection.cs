using System;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Eigen;
using Simd.Numerics.Factorizations;

namespace Simd.Examples.Tour;

/// <summary>Level 3: reading a problem's health from eigenvalues — PCA as the top eigenvectors of XᵀX, and why an
/// ill-conditioned fit must go through QR rather than the normal equations.</summary>
internal static class SpectraSection
{
    public static void Run(string data)
    {
        Pca(Dataset.Load(data, "digits"));
        PolynomialFit();
    }

    private static void Pca(Dataset digits)
    {
        // Centre the pixels, form the covariance with SYRK, and ask for the top 10 eigenpairs only.
        Matrix<double> x = digits.X.Clone();
        int n = x.Rows, p = x.Columns;
        for (int j = 0; j < p; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += x[i, j] / n;
            for (int i = 0; i < n; i++) x[i, j] -= mean;
        }
        var covariance = new Matrix<double>(p, p);
        Syrk.Update(1.0 / (n - 1), x.AsReadOnlySpan(), MatrixOp.Transpose, 0.0, covariance.AsSpan(), TriangularPart.Lower);

        var top = SymmetricEigenDecomposition<double>.ComputeLargest(covariance, 10);
        var all = SymmetricEigenDecomposition<double>.Compute(covariance, computeVectors: false);
        double total = 0;
        foreach (double v in all.Values) total += v;
        double cumulative = 0;
        Console.Write("PCA of digits (64 pixels): variance explained by the top components:");
        for (int k = top.Values.Length - 1, c = 1; k >= 0; k--, c++)
        {
            cumulative += top.Values[k];
            if (c is 1 or 2 or 5 or 10) Console.Write($"  {c}: {100 * cumulative / total:F1} %");
        }
        Console.WriteLine();
        double smallest = all.Values[0], largest = all.Values[^1];
        Console.WriteLine($"covariance spectrum spans [{smallest:G3}, {largest:G4}]: " +
                          (smallest <= 1e-12 * largest
                              ? "singular — some border pixels never vary, so inverting XᵀX (least squares on raw pixels) would fail"
                              : $"κ₂ = {largest / smallest:G3}"));
    }

    private static void PolynomialFit()
    {
        // Fit a degree-10 polynomial with known coefficients at the points 5..34: A is a Vandermonde matrix, and the
        // normal equations square its condition number.
        const int m = 30, degree = 10;
        var a = new Matrix<double>(m, degree + 1);
        var truth = new double[degree + 1];
        // cⱼ = ±sⱼ/34ʲ makes every term cⱼxʲ contribute on the same scale, so every coefficient matters.
        double[] signs = [1, -2, 3, -1, 2, -3, 1, 2, -1, 3, 1];
        for (int j = 0; j <= degree; j++) truth[j] = signs[j] / Math.Pow(34, j);
        var b = new double[m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j <= degree; j++)
            {
                a[i, j] = Math.Pow(5 + i, j);
                b[i] += a[i, j] * truth[j];
            }

        var qr = QrFactorization<double>.Compute(a);
        var viaQr = new double[degree + 1];
        qr.Solve(b, viaQr);

        var gram = new Matrix<double>(degree + 1, degree + 1);
        Gemm.Multiply(1.0, a.AsReadOnlySpan(), MatrixOp.Transpose, a.AsReadOnlySpan(), MatrixOp.None, 0.0, gram.AsSpan());
        var rhs = new double[degree + 1];
        Gemv.Multiply(1.0, a.AsReadOnlySpan(), MatrixOp.Transpose, b, 0.0, rhs);
        string normal;
        if (CholeskyFactorization<double>.TryCompute(gram, out var cholesky, out int failed))
        {
            var viaNormal = new double[degree + 1];
            cholesky.Solve(rhs, viaNormal);
            normal = $"{Digits(viaNormal, truth):F1} digits (κ₁(AᵀA) ≈ {1 / cholesky.ReciprocalConditionNumber():G2})";
        }
        else
        {
            normal = $"no answer: AᵀA is not numerically positive definite (pivot {failed})";
        }
        Console.WriteLine($"degree-10 polynomial fit at x = 5..34: QR keeps {Digits(viaQr, truth):F1} significant digits of every " +
                          $"coefficient; the normal equations keep {normal}");
    }

    /// <summary>Correct significant digits of the worst coefficient.</summary>
    private static double Digits(double[] estimate, double[] truth)
    {
        double worst = 0;
        for (int j = 0; j < truth.Length; j++)
            worst = Math.Max(worst, Math.Abs(estimate[j] - truth[j]) / Math.Abs(truth[j]));
        return worst == 0 ? 16 : Math.Max(0, -Math.Log10(worst));
    }
}
