using System;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

public abstract class GemvTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static TheoryData<int, int, bool> Shapes()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (int m in new[] { 0, 1, 3, 4, 5, 17, 64, 67 })
            foreach (int n in new[] { 0, 1, 7, 8, 33, 130 })
                foreach (bool t in new[] { false, true })
                    data.Add(m, n, t);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_StridedView_MatchesNaiveAndKeepsGuards(int m, int n, bool transpose)
    {
        Matrix<T> a = RandomMatrices.Uniform<T>(m, n, m * 100 + n);
        var guarded = new GuardedMatrix<T>(m, n, 3, T.CreateTruncating(13)).Fill(a);
        int xLength = transpose ? m : n, yLength = transpose ? n : m;
        T[] x = RandomMatrices.Vector<T>(xLength, 5);
        foreach (double beta in new[] { 0.0, 1.0, -0.5 })
        {
            T[] y = beta == 0 ? Fill(yLength, T.NaN) : RandomMatrices.Vector<T>(yLength, 6);
            T[] y0 = (T[])y.Clone();
            double alpha = 1.5;
            Gemv.Multiply(T.CreateTruncating(alpha), guarded.View, transpose ? MatrixOp.Transpose : MatrixOp.None, x,
                T.CreateTruncating(beta), y);
            double[] expected = NaiveBlas.Gemv(alpha, a, transpose, x, beta, y0);
            for (int i = 0; i < yLength; i++)
            {
                double scale = Math.Abs(alpha) * xLength + Math.Abs(beta) * (beta == 0 ? 0 : Math.Abs(double.CreateChecked(y0[i])));
                NumericAssert.CloseIn<T>(expected[i], double.CreateChecked(y[i]), scale, xLength + 2);
            }
            guarded.AssertGuardsIntact();
        }
    }

    [Fact]
    public void Multiply_AlphaZero_OnlyScalesY()
    {
        Matrix<T> a = new(3, 4);
        a.Values.Fill(T.NaN);
        T[] y = [T.One, T.CreateTruncating(2), T.CreateTruncating(3)];
        Gemv.Multiply(T.Zero, a.AsReadOnlySpan(), MatrixOp.None, new T[4], T.CreateTruncating(2), y);
        Assert.Equal(new[] { T.CreateTruncating(2), T.CreateTruncating(4), T.CreateTruncating(6) }, y);
    }

    [Fact]
    public void Multiply_WrongLengths_NameTheParameter()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Gemv.Multiply(T.One, new Matrix<T>(3, 4).AsReadOnlySpan(), MatrixOp.None, new T[3], T.Zero, new T[3])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Gemv.Multiply(T.One, new Matrix<T>(3, 4).AsReadOnlySpan(), MatrixOp.Transpose, new T[3], T.Zero, new T[3])).ParamName);
    }

    private static T[] Fill(int n, T value)
    {
        var v = new T[n];
        Array.Fill(v, value);
        return v;
    }
}

public sealed class GemvTestsDouble : GemvTests<double>;

public sealed class GemvTestsSingle : GemvTests<float>;
