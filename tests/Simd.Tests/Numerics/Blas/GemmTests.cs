using System;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

/// <summary>Example-based GEMM tests; the random-shape sweep lives in the property tests.</summary>
public abstract class GemmTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 0, 0, 0 }, { 0, 3, 2 }, { 3, 0, 2 }, { 3, 2, 0 }, { 1, 1, 1 }, { 1, 17, 5 }, { 17, 1, 5 },
        { 7, 9, 11 }, { 16, 16, 16 }, { 31, 33, 29 }, { 64, 65, 63 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_AllTransposes_StridedViews_MatchTripleLoop(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-0.5, 1.0), (2.0, -1.5) })
                    Check(m, n, k, ta, tb, alpha, beta);
    }

    private static void Check(int m, int n, int k, bool ta, bool tb, double alpha, double beta)
    {
        int seed = m * 10007 + n * 101 + k;
        Matrix<T> a = ta ? RandomMatrices.Uniform<T>(k, m, seed) : RandomMatrices.Uniform<T>(m, k, seed);
        Matrix<T> b = tb ? RandomMatrices.Uniform<T>(n, k, seed + 1) : RandomMatrices.Uniform<T>(k, n, seed + 1);
        Matrix<T> c0 = RandomMatrices.Uniform<T>(m, n, seed + 2);
        var ga = new GuardedMatrix<T>(a.Rows, a.Columns, 2, T.CreateTruncating(3)).Fill(a);
        var gb = new GuardedMatrix<T>(b.Rows, b.Columns, 5, T.CreateTruncating(3)).Fill(b);
        var gc = new GuardedMatrix<T>(m, n, 3, T.CreateTruncating(-99));
        if (beta == 0)
            gc.View.Fill(T.NaN); // β = 0 must not read C
        else
            c0.AsReadOnlySpan().CopyTo(gc.View);

        Gemm.Multiply(T.CreateTruncating(alpha), ga.View, ta ? MatrixOp.Transpose : MatrixOp.None,
            gb.View, tb ? MatrixOp.Transpose : MatrixOp.None, T.CreateTruncating(beta), gc.View);

        var (value, magnitude) = NaiveBlas.Gemm(alpha, a, ta, b, tb, beta, c0);
        double ratio = NaiveBlas.GemmRatio(gc.ToMatrix(), value, magnitude, k);
        NumericAssert.RatioBelow(ratio, 16, $"GEMM {m}×{n}×{k} opA={ta} opB={tb} α={alpha} β={beta}");
        gc.AssertGuardsIntact();
        Assert.Equal(a.ToArray(), ga.ToMatrix().ToArray());
        Assert.Equal(b.ToArray(), gb.ToMatrix().ToArray());
    }

    [Fact]
    public void Multiply_AlphaZero_ScalesCWithoutReadingNaNInputs()
    {
        var a = new Matrix<T>(3, 4);
        a.Values.Fill(T.NaN);
        var c = new Matrix<T>(new T[] { T.One, T.CreateTruncating(2), T.CreateTruncating(3), T.CreateTruncating(4), T.CreateTruncating(5), T.CreateTruncating(6) }, 3, 2);
        Gemm.Multiply(T.Zero, a.AsReadOnlySpan(), MatrixOp.None, new Matrix<T>(4, 2).AsReadOnlySpan(), MatrixOp.None, T.CreateTruncating(-1), c.AsSpan());
        Assert.Equal(T.CreateTruncating(-6), c[2, 1]);
        Assert.Equal(-T.One, c[0, 0]);
    }

    [Fact]
    public void Multiply_ZeroInnerDimension_WithBetaZero_WritesZerosOverNaN()
    {
        var c = new Matrix<T>(3, 3);
        c.Values.Fill(T.NaN);
        Gemm.Multiply(new Matrix<T>(3, 0).AsReadOnlySpan(), new Matrix<T>(0, 3).AsReadOnlySpan(), c.AsSpan());
        Assert.All(c.Values.ToArray(), v => Assert.Equal(T.Zero, v));
    }

    [Fact]
    public void Multiply_ShapeErrors_NameTheParameterAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new Matrix<T>(2, 3).AsReadOnlySpan(), new Matrix<T>(4, 5).AsReadOnlySpan(), new Matrix<T>(2, 5).AsSpan()));
        Assert.Equal("b", ex.ParamName);
        Assert.Contains("2×3", ex.Message);
        Assert.Contains("4×5", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new Matrix<T>(2, 3).AsReadOnlySpan(), new Matrix<T>(3, 5).AsReadOnlySpan(), new Matrix<T>(5, 2).AsSpan()));
        Assert.Equal("c", ex.ParamName);
        Assert.Contains("2×5", ex.Message);
    }

    [Fact]
    public void Multiply_OutputOverlappingAnInput_IsRejected()
    {
        var storage = new T[64];
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(new ReadOnlyMatrixSpan<T>(storage, 4, 4), new Matrix<T>(4, 4).AsReadOnlySpan(), new MatrixSpan<T>(storage.AsSpan(8), 4, 4)));
        Assert.Equal("c", ex.ParamName);
    }

    [Fact]
    public void Multiply_OwningOverload_ReturnsTheProduct()
    {
        var a = new Matrix<T>(new T[,] { { T.One, T.CreateTruncating(2) }, { T.CreateTruncating(3), T.CreateTruncating(4) } });
        var product = Gemm.Multiply(a, Matrix<T>.Identity(2));
        Assert.Equal(a.ToArray(), product.ToArray());
    }
}

public sealed class GemmTestsDouble : GemmTests<double>;

public sealed class GemmTestsSingle : GemmTests<float>;
