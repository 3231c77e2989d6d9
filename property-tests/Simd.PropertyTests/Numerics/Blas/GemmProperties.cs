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
        (3, Gen.Elements(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 97, 127, 128, 129)),
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

    /// <summary>One random GEMM problem.</summary>
    public sealed record GemmCase(int M, int N, int K, bool TransposeA, bool TransposeB, double Alpha, double Beta,
        int StrideA, int StrideB, int StrideC, int Seed);
}

public sealed class GemmPropertiesDouble : GemmProperties<double>;

public sealed class GemmPropertiesSingle : GemmProperties<float>;
