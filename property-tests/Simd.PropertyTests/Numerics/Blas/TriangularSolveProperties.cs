using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Xunit;

namespace Simd.PropertyTests.Numerics.Blas;

/// <summary>TRSM in every variant on random shapes and strides: multiplying the solution back (in double, by the naive
/// triple loop) must give α·B to within LAPACK's ratio, and nothing outside B may change.</summary>
public abstract class TriangularSolveProperties<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Gen<int> Dimension = Gen.Frequency(
        (3, Gen.Elements(0, 1, 2, 7, 16, 31, 32, 33, 63, 64, 65, 97)),
        (1, Gen.Choose(0, 150)));

    private static readonly Gen<(int Order, int Other, int Variant, int StrideA, int StrideB, int Seed)> Cases =
        from order in Dimension
        from other in Dimension
        from variant in Gen.Choose(0, 15)
        from strideA in Gen.Choose(0, 3)
        from strideB in Gen.Choose(0, 3)
        from seed in Gen.Choose(0, int.MaxValue - 10)
        select (order, other, variant, strideA, strideB, seed);

    [Fact]
    public void Solve_MultipliedBack_GivesAlphaB() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            Side side = (c.Variant & 1) == 0 ? Side.Left : Side.Right;
            TriangularPart part = (c.Variant & 2) == 0 ? TriangularPart.Lower : TriangularPart.Upper;
            bool transpose = (c.Variant & 4) != 0;
            Diagonal diagonal = (c.Variant & 8) == 0 ? Diagonal.NonUnit : Diagonal.Unit;
            int n = c.Order;
            var random = new Random(c.Seed);
            var a = new Matrix<T>(n, n);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    bool inside = part == TriangularPart.Lower ? j < i : j > i;
                    a[i, j] = i == j ? (diagonal == Diagonal.Unit ? T.NaN : T.CreateTruncating(n + 1 + random.NextDouble()))
                        : inside ? T.CreateTruncating(2 * random.NextDouble() - 1) : T.NaN;
                }
            Matrix<T> b = side == Side.Left ? RandomMatrices.Uniform<T>(n, c.Other, c.Seed + 1) : RandomMatrices.Uniform<T>(c.Other, n, c.Seed + 1);
            var ga = new GuardedMatrix<T>(n, n, c.StrideA, T.CreateTruncating(8)).Fill(a);
            var gb = new GuardedMatrix<T>(b.Rows, b.Columns, c.StrideB, T.CreateTruncating(-8)).Fill(b);
            TriangularSolve.Solve(side, part, transpose ? MatrixOp.Transpose : MatrixOp.None, diagonal, T.CreateTruncating(0.75), ga.View, gb.View);
            gb.AssertGuardsIntact();
            ga.AssertGuardsIntact();
            Matrix<T> x = gb.ToMatrix();

            double E(int i, int j)
            {
                int r = transpose ? j : i, col = transpose ? i : j;
                if (r == col)
                    return diagonal == Diagonal.Unit ? 1 : double.CreateChecked(a[r, col]);
                bool inside = part == TriangularPart.Lower ? col < r : col > r;
                return inside ? double.CreateChecked(a[r, col]) : 0;
            }
            double normA = 0, residual = 0, normX = 0;
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                    s += Math.Abs(E(i, j));
                normA = Math.Max(normA, s);
            }
            for (int j = 0; j < b.Columns; j++)
            {
                double r = 0, xs = 0;
                for (int i = 0; i < b.Rows; i++)
                {
                    double sum = 0.75 * double.CreateChecked(b[i, j]);
                    for (int k = 0; k < n; k++)
                        sum -= side == Side.Left ? E(i, k) * double.CreateChecked(x[k, j]) : double.CreateChecked(x[i, k]) * E(k, j);
                    r += Math.Abs(sum);
                    xs += Math.Abs(double.CreateChecked(x[i, j]));
                }
                residual = Math.Max(residual, r);
                normX = Math.Max(normX, xs);
            }
            double ratio = residual == 0 ? 0 : residual / (normA * normX * Math.Max(n, 1) * NumericAssert.Eps<T>());
            NumericAssert.RatioBelow(ratio, 30, $"{side} {part} T={transpose} {diagonal} {c}");
        }).Check(PropertyConfig.Expensive);
}

public sealed class TriangularSolvePropertiesDouble : TriangularSolveProperties<double>;

public sealed class TriangularSolvePropertiesSingle : TriangularSolveProperties<float>;
