using System;
using System.Linq;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

public abstract class SyrkTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 1)]
    [InlineData(5, 0)]
    [InlineData(7, 13)]
    [InlineData(33, 17)]
    [InlineData(25, 257)]
    [InlineData(97, 40)]
    public void Update_WritesOnlyItsTriangle_AndMatchesGemm(int n, int k)
    {
        foreach (bool transpose in new[] { false, true })
            foreach (TriangularPart part in new[] { TriangularPart.Lower, TriangularPart.Upper })
                foreach (double beta in new[] { 0.0, 0.5 })
                {
                    Matrix<T> a = transpose ? RandomMatrices.Uniform<T>(k, n, n + k) : RandomMatrices.Uniform<T>(n, k, n + k);
                    Matrix<T> c0 = RandomMatrices.Uniform<T>(n, n, 3);
                    var gc = new GuardedMatrix<T>(n, n, 2, T.CreateTruncating(-5)).Fill(c0);
                    T sentinel = T.CreateTruncating(1234);
                    TriangleUpdateChecks.Mark(gc.View, part, beta, sentinel);
                    Syrk.Update(T.CreateTruncating(1.5), a.AsReadOnlySpan(), transpose ? MatrixOp.Transpose : MatrixOp.None,
                        T.CreateTruncating(beta), gc.View, part);

                    var (value, magnitude) = NaiveBlas.Gemm(1.5, a, transpose, a, !transpose, beta, c0);
                    TriangleUpdateChecks.AssertTriangle(gc.ToMatrix(), part, sentinel, value, magnitude, k, $"SYRK n={n} k={k} {part} T={transpose}");
                    gc.AssertGuardsIntact();
                }
    }

    /// <summary>A triangle split over threads (rows cut at equal areas) gives bitwise the same C for every count, and
    /// the last rows are not lost when n/Mr rounds down (Regression: n = 163 and 210 dropped their final rows).</summary>
    [Theory]
    [InlineData(300, 200, TriangularPart.Lower, false)]
    [InlineData(263, 181, TriangularPart.Upper, true)]
    [InlineData(163, 298, TriangularPart.Lower, true)]
    [InlineData(210, 166, TriangularPart.Upper, false)]
    public void Update_AnyThreadCount_GivesBitwiseIdenticalResults(int n, int k, TriangularPart part, bool transpose)
    {
        Matrix<T> a = transpose ? RandomMatrices.Uniform<T>(k, n, 5) : RandomMatrices.Uniform<T>(n, k, 5);
        Matrix<T> c0 = RandomMatrices.Uniform<T>(n, n, 6);
        Matrix<T> Run(Parallelism parallelism)
        {
            Matrix<T> c = c0.Clone();
            Syrk.Update(T.CreateTruncating(-1.25), a.AsReadOnlySpan(), transpose ? MatrixOp.Transpose : MatrixOp.None,
                T.CreateTruncating(0.5), c.AsSpan(), part, parallelism);
            return c;
        }

        Matrix<T> sequential = Run(Parallelism.Sequential);
        var (value, magnitude) = NaiveBlas.Gemm(-1.25, a, transpose, a, !transpose, 0.5, c0);
        Matrix<T> check = sequential.Clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (part == TriangularPart.Lower ? j > i : j < i)
                {
                    Assert.Equal(c0[i, j], check[i, j]);
                    check[i, j] = T.CreateTruncating(value[i, j]);
                }
        NumericAssert.RatioBelow(NaiveBlas.GemmRatio(check, value, magnitude, k), 16, $"SYRK n={n} k={k} {part}");
        foreach (int threads in new[] { 2, 3, 4 })
            Assert.True(sequential.Values.SequenceEqual(Run(Parallelism.WithMaxThreads(threads)).Values), $"{threads} threads changed the bits");
    }
}

public sealed class SyrkTestsDouble : SyrkTests<double>;

public sealed class SyrkTestsSingle : SyrkTests<float>;
