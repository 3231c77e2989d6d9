using System.Linq;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.PropertyTests.Numerics.Blas;

/// <summary>GEMM on random shapes, transposes, strides and scalars against the naive triple loop
/// (LAPACK's GEMM test ratio below 16), with guard elements around every operand.</summary>
public abstract class GemmProperties<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Sizes that matter to a blocked GEMM: 0, 1, primes, and values around the register tile and the
    /// vector widths; plus uniform sizes up to 300.</summary>
    private static readonly Gen<int> Dimension = Gen.Frequency(
        (3, Gen.Elements(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 97, 127, 128, 129,
            143, 144, 145, 191, 192, 193, 255, 256, 257)),
        (1, Gen.Choose(0, 300)));

    private static readonly Gen<GemmCase> Cases =
        from m in Dimension
        from n in Dimension
        from k in Dimension
        from ta in Gen.Elements(false, true)
        from tb in Gen.Elements(false, true)
        from alpha in Gen.Elements(1.0, -1.0, 0.5, 2.5, 0.0)
        from beta in Gen.Elements(0.0, 1.0, -0.75)
        from strides in Gen.Choose(0, 5).Three()
        from seed in Gen.Choose(0, int.MaxValue)
        select new GemmCase(m, n, k, ta, tb, alpha, beta, strides.Item1, strides.Item2, strides.Item3, seed);

    [Fact]
    public void Multiply_AgreesWithTripleLoop() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            Matrix<T> a = c.TransposeA ? RandomMatrices.Uniform<T>(c.K, c.M, c.Seed) : RandomMatrices.Uniform<T>(c.M, c.K, c.Seed);
            Matrix<T> b = c.TransposeB ? RandomMatrices.Uniform<T>(c.N, c.K, c.Seed + 1) : RandomMatrices.Uniform<T>(c.K, c.N, c.Seed + 1);
            Matrix<T> c0 = RandomMatrices.Uniform<T>(c.M, c.N, c.Seed + 2);
            var ga = new GuardedMatrix<T>(a.Rows, a.Columns, c.StrideA, T.CreateTruncating(7)).Fill(a);
            var gb = new GuardedMatrix<T>(b.Rows, b.Columns, c.StrideB, T.CreateTruncating(7)).Fill(b);
            var gc = new GuardedMatrix<T>(c.M, c.N, c.StrideC, T.CreateTruncating(-3));
            if (c.Beta == 0)
                gc.View.Fill(T.NaN);
            else
                c0.AsReadOnlySpan().CopyTo(gc.View);

            Gemm.Multiply(T.CreateTruncating(c.Alpha), ga.View, c.TransposeA ? MatrixOp.Transpose : MatrixOp.None,
                gb.View, c.TransposeB ? MatrixOp.Transpose : MatrixOp.None, T.CreateTruncating(c.Beta), gc.View);

            var (value, magnitude) = NaiveBlas.Gemm(c.Alpha, a, c.TransposeA, b, c.TransposeB, c.Beta, c0);
            NumericAssert.RatioBelow(NaiveBlas.GemmRatio(gc.ToMatrix(), value, magnitude, c.K), 16, c.ToString());
            gc.AssertGuardsIntact();
            ga.AssertGuardsIntact();
            gb.AssertGuardsIntact();
        }).Check(PropertyConfig.Expensive);

    private static readonly Gen<GemmCase> SplittableCases =
        from m in Gen.Choose(1, 220)
        from n in Gen.Choose(1, 220)
        from k in Gen.Choose(1, 300)
        from ta in Gen.Elements(false, true)
        from tb in Gen.Elements(false, true)
        from threads in Gen.Choose(2, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        select new GemmCase(m, n, k, ta, tb, 1.5, -0.5, threads, 0, 0, seed);

    /// <summary>Bitwise the same C for every thread count (the StrideA field carries the thread count here).</summary>
    [Fact]
    public void Multiply_IsBitwiseIndependentOfThreadCount() =>
        Prop.ForAll(Arb.From(SplittableCases), c =>
        {
            Matrix<T> a = c.TransposeA ? RandomMatrices.Uniform<T>(c.K, c.M, c.Seed) : RandomMatrices.Uniform<T>(c.M, c.K, c.Seed);
            Matrix<T> b = c.TransposeB ? RandomMatrices.Uniform<T>(c.N, c.K, c.Seed + 1) : RandomMatrices.Uniform<T>(c.K, c.N, c.Seed + 1);
            Matrix<T> c0 = RandomMatrices.Uniform<T>(c.M, c.N, c.Seed + 2);
            Matrix<T> Run(Parallelism parallelism)
            {
                Matrix<T> result = c0.Clone();
                Gemm.Multiply(T.CreateTruncating(c.Alpha), a.AsReadOnlySpan(), c.TransposeA ? MatrixOp.Transpose : MatrixOp.None,
                    b.AsReadOnlySpan(), c.TransposeB ? MatrixOp.Transpose : MatrixOp.None, T.CreateTruncating(c.Beta), result.AsSpan(), parallelism);
                return result;
            }
            Matrix<T> sequential = Run(Parallelism.Sequential), threaded = Run(Parallelism.WithMaxThreads(c.StrideA));
            return System.MemoryExtensions.SequenceEqual<T>(sequential.Values, threaded.Values);
        }).Check(PropertyConfig.Expensive);

    private static readonly Gen<(int N, int K, bool Transpose, bool Lower, double Beta, int Stride, bool Rank2, int Seed)> SyrkCases =
        from n in Dimension
        from k in Dimension
        from transpose in Gen.Elements(false, true)
        from lower in Gen.Elements(false, true)
        from beta in Gen.Elements(0.0, 1.0, -0.75)
        from stride in Gen.Choose(0, 5)
        from rank2 in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        select (n, k, transpose, lower, beta, stride, rank2, seed);

    /// <summary>SYRK (α·A·Aᵀ) and SYR2K (α·(A·Bᵀ + B·Aᵀ)) write their triangle (ratio below 16 against the triple
    /// loop) and nothing else.</summary>
    [Fact]
    public void SyrkAndSyr2kUpdate_AgreeWithTripleLoopOnTheirTriangle() =>
        Prop.ForAll(Arb.From(SyrkCases), s =>
        {
            Matrix<T> a = s.Transpose ? RandomMatrices.Uniform<T>(s.K, s.N, s.Seed) : RandomMatrices.Uniform<T>(s.N, s.K, s.Seed);
            Matrix<T> b = s.Rank2 ? (s.Transpose ? RandomMatrices.Uniform<T>(s.K, s.N, s.Seed + 2) : RandomMatrices.Uniform<T>(s.N, s.K, s.Seed + 2)) : a;
            Matrix<T> c0 = RandomMatrices.Uniform<T>(s.N, s.N, s.Seed + 1);
            var gc = new GuardedMatrix<T>(s.N, s.N, s.Stride, T.CreateTruncating(-3)).Fill(c0);
            TriangularPart part = s.Lower ? TriangularPart.Lower : TriangularPart.Upper;
            T outside = T.CreateTruncating(4321);
            for (int i = 0; i < s.N; i++)
                for (int j = 0; j < s.N; j++)
                    if (s.Lower ? j > i : j < i)
                        gc.View[i, j] = outside;
                    else if (s.Beta == 0)
                        gc.View[i, j] = T.NaN;
            MatrixOp op = s.Transpose ? MatrixOp.Transpose : MatrixOp.None;
            if (s.Rank2)
                Syr2k.Update(T.CreateTruncating(0.5), a.AsReadOnlySpan(), b.AsReadOnlySpan(), op, T.CreateTruncating(s.Beta), gc.View, part);
            else
                Syrk.Update(T.CreateTruncating(0.5), a.AsReadOnlySpan(), op, T.CreateTruncating(s.Beta), gc.View, part);
            var (value, magnitude) = NaiveBlas.Gemm(0.5, a, s.Transpose, b, !s.Transpose, s.Beta, c0);
            if (s.Rank2)
            {
                var (mirror, mirrorMagnitude) = NaiveBlas.Gemm(0.5, b, s.Transpose, a, !s.Transpose, 0.0, c0);
                for (int i = 0; i < s.N; i++)
                    for (int j = 0; j < s.N; j++)
                    {
                        value[i, j] += mirror[i, j];
                        magnitude[i, j] += mirrorMagnitude[i, j];
                    }
            }
            Matrix<T> result = gc.ToMatrix();
            for (int i = 0; i < s.N; i++)
                for (int j = 0; j < s.N; j++)
                    if (s.Lower ? j > i : j < i)
                    {
                        if (result[i, j] != outside)
                            return false;
                        result[i, j] = T.CreateTruncating(value[i, j]);
                    }
            NumericAssert.RatioBelow(NaiveBlas.GemmRatio(result, value, magnitude, s.Rank2 ? 2 * s.K : s.K), 16, s.ToString());
            gc.AssertGuardsIntact();
            return true;
        }).Check(PropertyConfig.Expensive);

    /// <summary>One random GEMM problem.</summary>
    public sealed record GemmCase(int M, int N, int K, bool TransposeA, bool TransposeB, double Alpha, double Beta,
        int StrideA, int StrideB, int StrideC, int Seed);
}

public sealed class GemmPropertiesDouble : GemmProperties<double>;

public sealed class GemmPropertiesSingle : GemmProperties<float>;
