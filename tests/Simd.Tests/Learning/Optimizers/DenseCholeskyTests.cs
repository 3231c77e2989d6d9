using System;
using Simd.Learning.Optimizers;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Xunit;

namespace Simd.Tests.Learning.Optimizers;

/// <summary>The temporary Cholesky of the optimizers, by LAPACK's residual ratios.</summary>
public sealed class DenseCholeskyTests
{
    private static Matrix<double> Spd(int n, int seed)
    {
        var b = RandomMatrices.Uniform<double>(n, n, seed);
        var a = new Matrix<double>(n, n);
        Gemm.Multiply(1.0, b.AsReadOnlySpan(), MatrixOp.None, b.AsReadOnlySpan(), MatrixOp.Transpose, 0.0, a.AsSpan());
        for (int i = 0; i < n; i++)
            a[i, i] += n;
        return a;
    }

    private static double NormOne(Matrix<double> a)
    {
        double max = 0;
        for (int j = 0; j < a.Columns; j++)
        {
            double s = 0;
            for (int i = 0; i < a.Rows; i++)
                s += Math.Abs(a[i, j]);
            max = Math.Max(max, s);
        }
        return max;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void FactorAndSolve_RandomSpd_ResidualRatiosBelow30(int n)
    {
        var a = Spd(n, n);
        var l = a.Clone();
        Assert.True(DenseCholesky.TryFactorInPlace(l.AsSpan(), out int failed));
        Assert.Equal(-1, failed);

        // ‖A − LLᵀ‖ / (n‖A‖ε)
        var r = a.Clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k <= Math.Min(i, j); k++)
                    s += l[i, k] * l[j, k];
                r[i, j] -= s;
            }
        NumericAssert.RatioBelow(NormOne(r) / (n * NormOne(a) * NumericAssert.Eps<double>()), 30, "‖A − LLᵀ‖/(n‖A‖ε)");

        // ‖b − Ax‖ / (‖A‖‖x‖nε), two right-hand sides.
        var b = RandomMatrices.Uniform<double>(n, 2, 99);
        var x = b.Clone();
        DenseCholesky.SolveInPlace(l.AsReadOnlySpan(), x.AsSpan());
        var res = b.Clone();
        Gemm.Multiply(-1.0, a.AsReadOnlySpan(), MatrixOp.None, x.AsReadOnlySpan(), MatrixOp.None, 1.0, res.AsSpan());
        NumericAssert.RatioBelow(NormOne(res) / (NormOne(a) * NormOne(x) * n * NumericAssert.Eps<double>()), 30, "‖b − Ax‖/(‖A‖‖x‖nε)");
    }

    [Fact]
    public void TryFactorInPlace_Indefinite_ReportsTheFailingPivot()
    {
        var a = new Matrix<double>(new double[,] { { 4, 0, 0 }, { 0, 1, 0 }, { 0, 0, -1 } });
        Assert.False(DenseCholesky.TryFactorInPlace(a.AsSpan(), out int failed));
        Assert.Equal(2, failed);
        var nan = new Matrix<double>(new double[,] { { double.NaN } });
        Assert.False(DenseCholesky.TryFactorInPlace(nan.AsSpan(), out failed));
        Assert.Equal(0, failed);
    }
}
