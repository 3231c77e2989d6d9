using System;
using System.Linq;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

public abstract class Syr2kTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The naive α·(op(A)·op(B)ᵀ + op(B)·op(A)ᵀ) + β·C with its magnitude bound (sum of the two GEMM bounds).</summary>
    private static (double[,] Value, double[,] Magnitude) Reference(double alpha, Matrix<T> a, Matrix<T> b, bool transpose, double beta, Matrix<T> c0)
    {
        var (v1, m1) = NaiveBlas.Gemm(alpha, a, transpose, b, !transpose, beta, c0);
        var (v2, m2) = NaiveBlas.Gemm(alpha, b, transpose, a, !transpose, 0.0, c0);
        for (int i = 0; i < c0.Rows; i++)
            for (int j = 0; j < c0.Columns; j++)
            {
                v1[i, j] += v2[i, j];
                m1[i, j] += m2[i, j];
            }
        return (v1, m1);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 1)]
    [InlineData(5, 0)]
    [InlineData(7, 13)]
    [InlineData(33, 17)]
    [InlineData(25, 257)]
    [InlineData(97, 40)]
    public void Update_WritesOnlyItsTriangle_AndMatchesNaive(int n, int k)
    {
        foreach (bool transpose in new[] { false, true })
            foreach (TriangularPart part in new[] { TriangularPart.Lower, TriangularPart.Upper })
                foreach (double beta in new[] { 0.0, 0.5 })
                {
                    Matrix<T> a = transpose ? RandomMatrices.Uniform<T>(k, n, n + k) : RandomMatrices.Uniform<T>(n, k, n + k);
                    Matrix<T> b = transpose ? RandomMatrices.Uniform<T>(k, n, n + 2 * k + 1) : RandomMatrices.Uniform<T>(n, k, n + 2 * k + 1);
                    Matrix<T> c0 = RandomMatrices.Uniform<T>(n, n, 3);
                    var gc = new GuardedMatrix<T>(n, n, 2, T.CreateTruncating(-5)).Fill(c0);
                    T sentinel = T.CreateTruncating(1234);
                    TriangleUpdateChecks.Mark(gc.View, part, beta, sentinel);
                    Syr2k.Update(T.CreateTruncating(-1.5), a.AsReadOnlySpan(), b.AsReadOnlySpan(),
                        transpose ? MatrixOp.Transpose : MatrixOp.None, T.CreateTruncating(beta), gc.View, part);

                    var (value, magnitude) = Reference(-1.5, a, b, transpose, beta, c0);
                    TriangleUpdateChecks.AssertTriangle(gc.ToMatrix(), part, sentinel, value, magnitude, 2 * k, $"SYR2K n={n} k={k} {part} T={transpose}");
                    gc.AssertGuardsIntact();
                }
    }

    [Theory]
    [InlineData(300, 64, TriangularPart.Lower, true)]
    [InlineData(263, 181, TriangularPart.Upper, false)]
    public void Update_AnyThreadCount_GivesBitwiseIdenticalResults(int n, int k, TriangularPart part, bool transpose)
    {
        Matrix<T> a = transpose ? RandomMatrices.Uniform<T>(k, n, 5) : RandomMatrices.Uniform<T>(n, k, 5);
        Matrix<T> b = transpose ? RandomMatrices.Uniform<T>(k, n, 7) : RandomMatrices.Uniform<T>(n, k, 7);
        Matrix<T> c0 = RandomMatrices.Uniform<T>(n, n, 6);
        Matrix<T> Run(Parallelism parallelism)
        {
            Matrix<T> c = c0.Clone();
            Syr2k.Update(T.CreateTruncating(0.75), a.AsReadOnlySpan(), b.AsReadOnlySpan(), transpose ? MatrixOp.Transpose : MatrixOp.None,
                T.One, c.AsSpan(), part, parallelism);
            return c;
        }

        Matrix<T> sequential = Run(Parallelism.Sequential);
        foreach (int threads in new[] { 2, 3 })
            Assert.True(sequential.Values.SequenceEqual(Run(Parallelism.WithMaxThreads(threads)).Values), $"{threads} threads changed the bits");
    }

    [Fact]
    public void Update_RejectsMismatchedShapesAndAliasing()
    {
        var a = new Matrix<T>(4, 3);
        var c = new Matrix<T>(4, 4);
        var ex = Assert.Throws<ArgumentException>(() => Syr2k.Update(T.One, a.AsReadOnlySpan(), new Matrix<T>(3, 4).AsReadOnlySpan(), MatrixOp.None, T.Zero, c.AsSpan(), TriangularPart.Lower));
        Assert.Equal("b", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Syr2k.Update(T.One, a.AsReadOnlySpan(), a.AsReadOnlySpan(), MatrixOp.Transpose, T.Zero, c.AsSpan(), TriangularPart.Lower));
        Assert.Equal("c", ex.ParamName);
        var big = new Matrix<T>(8, 8);
        ex = Assert.Throws<ArgumentException>(() => Syr2k.Update(T.One, big.AsReadOnlySpan().Slice(0, 0, 4, 3), a.AsReadOnlySpan(), MatrixOp.None, T.Zero, big.AsSpan().Slice(0, 0, 4, 4), TriangularPart.Lower));
        Assert.Equal("c", ex.ParamName);
    }
}

public sealed class Syr2kTestsDouble : Syr2kTests<double>;

public sealed class Syr2kTestsSingle : Syr2kTests<float>;
