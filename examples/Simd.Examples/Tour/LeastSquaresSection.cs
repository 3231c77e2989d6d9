using System;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Factorizations;

namespace Simd.Examples.Tour;

/// <summary>Level 2, closed form: least squares W = (XᵀX)⁻¹XᵀY through a Cholesky solve, and what the condition
/// number says about trusting it.</summary>
internal static class LeastSquaresSection
{
    public static void Run(string data)
    {
        Dataset diabetes = Dataset.Load(data, "diabetes");
        Matrix<double> x = WithInterceptColumn(diabetes.X);
        int p = x.Columns;

        // Normal equations: G = XᵀX (one triangle, SYRK), r = Xᵀy (GEMV), then G·w = r by Cholesky.
        var gram = new Matrix<double>(p, p);
        Syrk.Update(1.0, x.AsReadOnlySpan(), MatrixOp.Transpose, 0.0, gram.AsSpan(), TriangularPart.Lower);
        var rhs = new double[p];
        Gemv.Multiply(1.0, x.AsReadOnlySpan(), MatrixOp.Transpose, diabetes.Y, 0.0, rhs);
        var cholesky = CholeskyFactorization<double>.Compute(gram);
        var w = new double[p];
        cholesky.Solve(rhs, w);

        var fitted = new double[x.Rows];
        Gemv.Multiply(1.0, x.AsReadOnlySpan(), MatrixOp.None, w, 0.0, fitted);
        double rss = 0, tss = 0, mean = 0;
        foreach (double v in diabetes.Y) mean += v / diabetes.Y.Length;
        for (int i = 0; i < fitted.Length; i++)
        {
            rss += (diabetes.Y[i] - fitted[i]) * (diabetes.Y[i] - fitted[i]);
            tss += (diabetes.Y[i] - mean) * (diabetes.Y[i] - mean);
        }
        Console.WriteLine($"ordinary least squares on diabetes (intercept + {p - 1} features): R² = {1 - rss / tss:F3}");
        Console.Write("weights:");
        for (int j = 1; j < p; j++) Console.Write($" {diabetes.FeatureNames[j - 1]} {w[j]:F0}");
        Console.WriteLine($", intercept {w[0]:F1}");
        double kappa = 1 / cholesky.ReciprocalConditionNumber();
        Console.WriteLine($"κ₁(XᵀX) ≈ {kappa:G3} (estimated in O(n²) from the factor): the solve may lose about " +
                          $"{Math.Log10(kappa):F0} of double's 16 digits; s1 and s2 are nearly collinear, hence their large opposite weights");

        // The same data through LU: determinant and log-determinant agree with Cholesky's.
        var lu = LuFactorization<double>.Compute(gram.Clone().Symmetrized());
        double logDet = lu.LogDeterminant(out int sign);
        Console.WriteLine($"log det(XᵀX): Cholesky {cholesky.LogDeterminant():F6}, LU {logDet:F6} (sign {sign:+0;-0})");
    }

    /// <summary>[1, X]: the intercept as a column of ones.</summary>
    internal static Matrix<double> WithInterceptColumn(Matrix<double> x)
    {
        var result = new Matrix<double>(x.Rows, x.Columns + 1);
        for (int i = 0; i < x.Rows; i++)
        {
            result[i, 0] = 1;
            x.Row(i).CopyTo(result.Row(i)[1..]);
        }
        return result;
    }

    /// <summary>Copies the lower triangle onto the upper one (SYRK wrote only the lower).</summary>
    private static Matrix<double> Symmetrized(this Matrix<double> a)
    {
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < i; j++)
                a[j, i] = a[i, j];
        return a;
    }
}
