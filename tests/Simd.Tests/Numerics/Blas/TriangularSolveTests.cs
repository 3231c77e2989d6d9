using System;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

public abstract class TriangularSolveTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A well-conditioned triangle (diagonal n + 1..n + 2, off-diagonal in [−1, 1)) in <paramref name="part"/>;
    /// NaN everywhere the routine must not read (the other strict triangle, and the diagonal when it is a unit one).</summary>
    internal static Matrix<T> Triangle(int n, TriangularPart part, Diagonal diagonal, int seed)
    {
        Matrix<T> a = RandomMatrices.Uniform<T>(n, n, seed);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                bool inside = part == TriangularPart.Lower ? j < i : j > i;
                if (i == j)
                    a[i, j] = diagonal == Diagonal.Unit ? T.NaN : T.CreateTruncating(n + 1) + T.Abs(a[i, j]);
                else if (!inside)
                    a[i, j] = T.NaN;
            }
        return a;
    }

    /// <summary>Element (i, j) of op(A) as the routine should see it: the triangle, zeros elsewhere, ones on a unit diagonal.</summary>
    private static double Effective(Matrix<T> a, TriangularPart part, bool transpose, Diagonal diagonal, int i, int j)
    {
        int r = transpose ? j : i, c = transpose ? i : j;
        if (r == c)
            return diagonal == Diagonal.Unit ? 1 : double.CreateChecked(a[r, c]);
        bool inside = part == TriangularPart.Lower ? c < r : c > r;
        return inside ? double.CreateChecked(a[r, c]) : 0;
    }

    /// <summary>‖α·B − op(A)·X‖₁ / (‖op(A)‖₁·‖X‖₁·n·ε) (or with X·op(A)), LAPACK's TRSM test ratio.</summary>
    private static double Ratio(Side side, TriangularPart part, bool transpose, Diagonal diagonal, Matrix<T> a,
        double alpha, Matrix<T> b, Matrix<T> x)
    {
        int n = a.Rows, rows = b.Rows, cols = b.Columns;
        double normA = 0;
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
                s += Math.Abs(Effective(a, part, transpose, diagonal, i, j));
            normA = Math.Max(normA, s);
        }
        double residual = 0, normX = 0;
        for (int j = 0; j < cols; j++)
        {
            double r = 0, xs = 0;
            for (int i = 0; i < rows; i++)
            {
                double sum = alpha * double.CreateChecked(b[i, j]);
                for (int k = 0; k < n; k++)
                    sum -= side == Side.Left
                        ? Effective(a, part, transpose, diagonal, i, k) * double.CreateChecked(x[k, j])
                        : double.CreateChecked(x[i, k]) * Effective(a, part, transpose, diagonal, k, j);
                r += Math.Abs(sum);
                xs += Math.Abs(double.CreateChecked(x[i, j]));
            }
            residual = Math.Max(residual, r);
            normX = Math.Max(normX, xs);
        }
        return residual == 0 ? 0 : residual / (normA * normX * Math.Max(n, 1) * NumericAssert.Eps<T>());
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 1)]
    [InlineData(5, 7)]
    [InlineData(31, 2)]
    [InlineData(32, 33)]
    [InlineData(33, 1)]
    [InlineData(65, 40)]
    [InlineData(130, 9)]
    public void Solve_EveryVariant_ResidualRatioBelow30(int n, int k)
    {
        foreach (Side side in new[] { Side.Left, Side.Right })
            foreach (TriangularPart part in new[] { TriangularPart.Lower, TriangularPart.Upper })
                foreach (bool transpose in new[] { false, true })
                    foreach (Diagonal diagonal in new[] { Diagonal.NonUnit, Diagonal.Unit })
                    {
                        Matrix<T> a = Triangle(n, part, diagonal, n + 3 * k);
                        Matrix<T> b = side == Side.Left ? RandomMatrices.Uniform<T>(n, k, n * k + 1) : RandomMatrices.Uniform<T>(k, n, n * k + 1);
                        var ga = new GuardedMatrix<T>(n, n, 3, T.CreateTruncating(5)).Fill(a);
                        var gb = new GuardedMatrix<T>(b.Rows, b.Columns, 2, T.CreateTruncating(-9)).Fill(b);
                        const double alpha = -1.5;
                        TriangularSolve.Solve(side, part, transpose ? MatrixOp.Transpose : MatrixOp.None, diagonal, T.CreateTruncating(alpha),
                            ga.View, gb.View);
                        string what = $"TRSM n={n} k={k} {side} {part} T={transpose} {diagonal}";
                        NumericAssert.RatioBelow(Ratio(side, part, transpose, diagonal, a, alpha, b, gb.ToMatrix()), 30, what);
                        gb.AssertGuardsIntact();
                        ga.AssertGuardsIntact();
                        Assert.True(ContainsNaNOnlyWhereExpected(ga.ToMatrix(), a), what + ": A changed");
                    }
    }

    private static bool ContainsNaNOnlyWhereExpected(Matrix<T> actual, Matrix<T> expected)
    {
        for (int i = 0; i < actual.Values.Length; i++)
        {
            T x = actual.Values[i], y = expected.Values[i];
            if (!(x == y || (T.IsNaN(x) && T.IsNaN(y))))
                return false;
        }
        return true;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100)]
    public void SolveVector_EveryVariant_MatchesMatrixSolve(int n)
    {
        foreach (TriangularPart part in new[] { TriangularPart.Lower, TriangularPart.Upper })
            foreach (bool transpose in new[] { false, true })
                foreach (Diagonal diagonal in new[] { Diagonal.NonUnit, Diagonal.Unit })
                {
                    Matrix<T> a = Triangle(n, part, diagonal, n + 11);
                    T[] x = RandomMatrices.Vector<T>(n, n + 5);
                    var b = new Matrix<T>(x, n, 1);
                    TriangularSolve.Solve(part, transpose ? MatrixOp.Transpose : MatrixOp.None, diagonal, a.AsReadOnlySpan(), x.AsSpan());
                    var xm = new Matrix<T>(x, n, 1);
                    NumericAssert.RatioBelow(Ratio(Side.Left, part, transpose, diagonal, a, 1, b, xm), 30,
                        $"TRSV n={n} {part} T={transpose} {diagonal}");
                }
    }

    [Fact]
    public void Solve_BadShapes_ThrowNamingTheParameter()
    {
        var a = new Matrix<T>(3, 4);
        var b = new Matrix<T>(3, 2);
        var ex = Assert.Throws<ArgumentException>(() =>
            TriangularSolve.Solve(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, T.One, a.AsReadOnlySpan(), b.AsSpan()));
        Assert.Equal("a", ex.ParamName);
        Assert.Contains("3×4", ex.Message);
        var square = new Matrix<T>(4, 4);
        ex = Assert.Throws<ArgumentException>(() =>
            TriangularSolve.Solve(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, T.One, square.AsReadOnlySpan(), b.AsSpan()));
        Assert.Equal("b", ex.ParamName);
        Assert.Contains("3×2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() =>
            TriangularSolve.Solve(TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, square.AsReadOnlySpan(), new T[3]));
        Assert.Equal("x", ex.ParamName);
    }

    [Fact]
    public void Solve_RightHandSideSharingElementsWithA_Throws()
    {
        var m = new Matrix<T>(6, 6);
        var ex = Assert.Throws<ArgumentException>(() =>
            TriangularSolve.Solve(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.Unit, T.One,
                m.AsReadOnlySpan().Slice(0, 0, 4, 4), m.AsSpan(2, 2, 4, 3)));
        Assert.Equal("b", ex.ParamName);
        // Disjoint blocks of the same matrix (interleaved spans) are fine: the LU update relies on it.
        for (int i = 0; i < 6; i++)
            m[i, i] = T.One;
        TriangularSolve.Solve(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.Unit, T.One,
            m.AsReadOnlySpan().Slice(0, 0, 3, 3), m.AsSpan(0, 3, 3, 3));
    }

    [Fact]
    public void Solve_IsBitwiseIdenticalForEveryThreadCount()
    {
        Matrix<T> a = Triangle(150, TriangularPart.Lower, Diagonal.NonUnit, 3);
        Matrix<T> b1 = RandomMatrices.Uniform<T>(150, 300, 4), b2 = b1.Clone();
        TriangularSolve.Solve(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, T.One, a.AsReadOnlySpan(), b1.AsSpan(), Parallelism.Sequential);
        TriangularSolve.Solve(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, T.One, a.AsReadOnlySpan(), b2.AsSpan(), Parallelism.WithMaxThreads(4));
        for (int i = 0; i < b1.Values.Length; i++)
            NumericAssert.Identical(b1.Values[i], b2.Values[i]);
    }

    [Theory]
    [InlineData(Side.Left)]
    [InlineData(Side.Right)]
    public void Solve_SteadyState_AllocatesNothing(Side side)
    {
        Matrix<T> a = Triangle(100, TriangularPart.Lower, Diagonal.NonUnit, 7);
        Matrix<T> b = side == Side.Left ? RandomMatrices.Uniform<T>(100, 300, 8) : RandomMatrices.Uniform<T>(300, 100, 8);
        void Run() => TriangularSolve.Solve(side, TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, T.One,
            a.AsReadOnlySpan(), b.AsSpan(), Parallelism.Sequential);
        Assert.Equal(0, Allocations.SteadyStateBytes(Run));
    }

    /// <summary>The threaded solve splits the right-hand sides into slices (columns of B on the left side, rows on the
    /// right side); slices that do not start on a kernel tile or a vector strip must not change a bit.</summary>
    [Theory]
    [InlineData(Side.Left, TriangularPart.Lower, MatrixOp.None, 97, 1100)]
    [InlineData(Side.Left, TriangularPart.Upper, MatrixOp.Transpose, 100, 901)]
    [InlineData(Side.Left, TriangularPart.Upper, MatrixOp.None, 100, 701)]
    [InlineData(Side.Right, TriangularPart.Lower, MatrixOp.Transpose, 97, 1100)]
    [InlineData(Side.Right, TriangularPart.Upper, MatrixOp.None, 100, 901)]
    [InlineData(Side.Right, TriangularPart.Lower, MatrixOp.None, 100, 701)]
    public void Solve_SlicedOverThreads_IsBitwiseIdenticalForEveryThreadCount(Side side, TriangularPart part, MatrixOp op, int order, int count)
    {
        Matrix<T> a = Triangle(order, part, Diagonal.NonUnit, 5);
        Matrix<T> b1 = side == Side.Left ? RandomMatrices.Uniform<T>(order, count, 6) : RandomMatrices.Uniform<T>(count, order, 6);
        TriangularSolve.Solve(side, part, op, Diagonal.NonUnit, T.One, a.AsReadOnlySpan(), b1.AsSpan(), Parallelism.Sequential);
        foreach (int threads in new[] { 2, 3, 5 })
        {
            Matrix<T> b2 = side == Side.Left ? RandomMatrices.Uniform<T>(order, count, 6) : RandomMatrices.Uniform<T>(count, order, 6);
            TriangularSolve.Solve(side, part, op, Diagonal.NonUnit, T.One, a.AsReadOnlySpan(), b2.AsSpan(), Parallelism.WithMaxThreads(threads));
            for (int i = 0; i < b1.Values.Length; i++)
                NumericAssert.Identical(b1.Values[i], b2.Values[i]);
        }
    }
}

public sealed class TriangularSolveTestsDouble : TriangularSolveTests<double>;

public sealed class TriangularSolveTestsSingle : TriangularSolveTests<float>;
