using System;
using System.Linq;
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

    /// <summary>Sizes straddling every blocking constant of every SIMD path: the register tiles (Mr 8/6/4; Nr 24/48
    /// for 512-bit, 8/16 for 256-bit, 4/8 for 128-bit and scalar), the slab depth Kc = 256 (and two slabs), the
    /// row block Mc = 144/192/288/384, and the column block Nc = 3072 (n = Nc ± 1 and 2·Nc + 5).</summary>
    public static TheoryData<int, int, int> BlockBoundaryShapes() => new()
    {
        { 9, 25, 257 }, { 7, 49, 255 }, { 8, 24, 256 }, { 5, 47, 3 }, { 6, 17, 33 }, { 17, 17, 513 },
        { 145, 23, 9 }, { 193, 15, 5 }, { 385, 9, 3 }, { 8, 3071, 3 }, { 9, 3073, 5 }, { 3, 6149, 4 },
    };

    [Theory]
    [MemberData(nameof(BlockBoundaryShapes))]
    public void Multiply_AroundBlockBoundaries_MatchesTripleLoop(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-1.5, 0.5) })
                    Check(m, n, k, ta, tb, alpha, beta);
    }

    [Fact]
    public void Multiply_BetaOne_AccumulatesIntoC()
    {
        foreach (bool tb in new[] { false, true })
            Check(37, 53, 300, false, tb, 1.0, 1.0);
    }

    /// <summary>Products large enough to be split (rows for a tall C, columns for a wide one) give bitwise the same
    /// C on 1, 2, 3 and 4 threads: threads own disjoint tiles, never a share of k.</summary>
    [Theory]
    [InlineData(256, 200, 200, false, false)]
    [InlineData(203, 181, 263, true, true)]
    [InlineData(40, 600, 300, false, true)]
    [InlineData(1000, 64, 64, true, false)]
    [InlineData(150, 130, 900, false, false)] // three slabs: the shared, double-buffered op(B) slab is reused
    public void Multiply_AnyThreadCount_GivesBitwiseIdenticalResults(int m, int n, int k, bool ta, bool tb)
    {
        Matrix<T> a = ta ? RandomMatrices.Uniform<T>(k, m, 1) : RandomMatrices.Uniform<T>(m, k, 1);
        Matrix<T> b = tb ? RandomMatrices.Uniform<T>(n, k, 2) : RandomMatrices.Uniform<T>(k, n, 2);
        Matrix<T> c0 = RandomMatrices.Uniform<T>(m, n, 3);
        Matrix<T> Run(Parallelism parallelism)
        {
            Matrix<T> c = c0.Clone();
            Gemm.Multiply(T.CreateTruncating(0.75), a.AsReadOnlySpan(), ta ? MatrixOp.Transpose : MatrixOp.None,
                b.AsReadOnlySpan(), tb ? MatrixOp.Transpose : MatrixOp.None, T.CreateTruncating(-0.5), c.AsSpan(), parallelism);
            return c;
        }

        Matrix<T> sequential = Run(Parallelism.Sequential);
        var (value, magnitude) = NaiveBlas.Gemm(0.75, a, ta, b, tb, -0.5, c0);
        NumericAssert.RatioBelow(NaiveBlas.GemmRatio(sequential, value, magnitude, k), 16, $"GEMM {m}×{n}×{k}");
        foreach (int threads in new[] { 2, 3, 4 })
            Assert.True(sequential.Values.SequenceEqual(Run(Parallelism.WithMaxThreads(threads)).Values), $"{threads} threads changed the bits");
        Assert.True(sequential.Values.SequenceEqual(Run(Parallelism.Auto).Values), "Parallelism.Auto changed the bits");
    }

    [Fact]
    public void Multiply_SteadyState_AllocatesNothing()
    {
        Matrix<T> a = RandomMatrices.Uniform<T>(70, 90, 1), b = RandomMatrices.Uniform<T>(130, 90, 2);
        var c = new Matrix<T>(70, 130);
        void Run() => Gemm.Multiply(T.One, a.AsReadOnlySpan(), MatrixOp.None, b.AsReadOnlySpan(), MatrixOp.Transpose,
            T.CreateTruncating(0.5), c.AsSpan(), Parallelism.Sequential);
        Assert.Equal(0, Allocations.SteadyStateBytes(Run));
    }

    [Fact]
    public void Multiply_BetaZero_IgnoresNaNInCOnThePackedPath()
    {
        Matrix<T> a = RandomMatrices.Uniform<T>(50, 70, 1), b = RandomMatrices.Uniform<T>(70, 61, 2);
        var c = new Matrix<T>(50, 61);
        c.Values.Fill(T.NaN);
        Gemm.Multiply(T.One, a.AsReadOnlySpan(), MatrixOp.None, b.AsReadOnlySpan(), MatrixOp.None, T.Zero, c.AsSpan());
        Assert.DoesNotContain(c.Values.ToArray(), T.IsNaN);
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
    public void Multiply_DisjointBlocksOfOneMatrix_AreAcceptedAndCorrect()
    {
        // A trailing update A₂₂ ← A₂₂ − A₂₁·A₁₂ inside one matrix: the blocks' spans interleave but share no element.
        const int n = 40, k = 12;
        Matrix<T> m = RandomMatrices.Uniform<T>(n, n, 5);
        Matrix<T> original = m.Clone();
        Gemm.Multiply(-T.One, m.AsSpan(k, 0, n - k, k), MatrixOp.None, m.AsSpan(0, k, k, n - k), MatrixOp.None, T.One, m.AsSpan(k, k, n - k, n - k));
        var (value, magnitude) = NaiveBlas.Gemm(-1.0, original.AsSpan(k, 0, n - k, k).ToMatrix(), false,
            original.AsSpan(0, k, k, n - k).ToMatrix(), false, 1.0, original.AsSpan(k, k, n - k, n - k).ToMatrix());
        NumericAssert.RatioBelow(NaiveBlas.GemmRatio(m.AsSpan(k, k, n - k, n - k).ToMatrix(), value, magnitude, k), 16, "trailing update in place");
        Assert.Equal(original.AsSpan(0, 0, k, n).ToArray(), m.AsSpan(0, 0, k, n).ToArray());
        Assert.Equal(original.AsSpan(k, 0, n - k, k).ToArray(), m.AsSpan(k, 0, n - k, k).ToArray());
        // A block that does share elements with C is still rejected.
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(m.AsReadOnlySpan().Slice(0, 0, 20, 20), m.AsReadOnlySpan().Slice(0, 0, 20, 20), m.AsSpan(10, 10, 20, 20)));
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
