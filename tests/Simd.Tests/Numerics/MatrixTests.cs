using System;
using Simd.Numerics;
using Xunit;

namespace Simd.Tests.Numerics;

public sealed class MatrixTests
{
    [Fact]
    public void Constructors_FromRectangularJaggedAndSpan_AgreeRowMajor()
    {
        var fromArray = new Matrix<double>(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var fromJagged = new Matrix<double>([[1.0, 2, 3], [4.0, 5, 6]]);
        var fromSpan = new Matrix<double>(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        foreach (var m in new[] { fromArray, fromJagged, fromSpan })
        {
            Assert.Equal(2, m.Rows);
            Assert.Equal(3, m.Columns);
            Assert.Equal(6.0, m[1, 2]);
            Assert.Equal(new double[] { 4, 5, 6 }, m.Row(1).ToArray());
            Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, m.ToArray());
        }
    }

    [Fact]
    public void Constructors_RejectBadInputWithParameterNames()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => new Matrix<float>([[1f, 2f], [3f]])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new Matrix<float>(new float[5], 2, 3)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<float>(-1, 3)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<float>(2, -3)).ParamName);
    }

    [Fact]
    public void IdentityZerosAndTranspose()
    {
        var identity = Matrix<double>.Identity(3);
        Assert.Equal(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, identity.ToArray());
        Assert.Equal(new double[2, 4], Matrix<double>.Zeros(2, 4).ToArray());
        var a = new Matrix<double>(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new double[,] { { 1, 4 }, { 2, 5 }, { 3, 6 } }, a.Transpose().ToArray());
    }

    [Fact]
    public void RandomHelpers_AreReproducibleFromTheSeed()
    {
        Assert.Equal(Matrix<float>.RandomUniform(4, 5, new Random(3)).ToArray(), Matrix<float>.RandomUniform(4, 5, new Random(3)).ToArray());
        var normal = Matrix<double>.RandomNormal(200, 50, new Random(1));
        double mean = 0;
        foreach (double v in normal.Values) mean += v;
        Assert.InRange(mean / 10000, -0.05, 0.05);
        foreach (double v in Matrix<double>.RandomUniform(30, 30, new Random(2)).Values)
            Assert.InRange(v, -1, 1);
    }

    [Fact]
    public void View_SlicesShareStorageWithoutCopies()
    {
        var m = new Matrix<double>(4, 5);
        MatrixSpan<double> block = m.AsSpan(1, 2, 2, 3);
        Assert.Equal(5, block.RowStride);
        block[1, 2] = 42;
        Assert.Equal(42, m[2, 4]);
        block.Row(0).Fill(7);
        Assert.Equal(new double[] { 0, 0, 7, 7, 7 }, m.Row(1).ToArray());
        MatrixSpan<double> inner = block.Slice(1, 1, 1, 2);
        inner.Fill(-1);
        Assert.Equal(new double[] { 0, 0, 0, -1, -1 }, m.Row(2).ToArray());
        Assert.Equal(new double[,] { { -1, -1 } }, inner.ToArray());
    }

    [Fact]
    public void View_ValidatesThatItFitsAndNamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MatrixSpan<double>(new double[10], 3, 4, 4));
        Assert.Equal("data", ex.ParamName);
        Assert.Contains("3×4", ex.Message);
        Assert.Contains("12", ex.Message);
        Assert.Contains("10", ex.Message);
        Assert.Equal("rowStride", Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOnlyMatrixSpan<double>(new double[10], 2, 4, 3)).ParamName);
        // The last row needs only Columns elements, not a whole stride.
        var fits = new MatrixSpan<double>(new double[9], 2, 4, 5);
        Assert.Equal(2, fits.Rows);
        var slice = Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<double>(3, 3).AsSpan().Slice(2, 1, 2, 2));
        Assert.Contains("3×3", slice.Message);
        Assert.Throws<IndexOutOfRangeException>(() => new Matrix<double>(2, 2)[2, 0]);
    }

    [Fact]
    public void View_CopyToChecksShapesAndSkipsStrideGaps()
    {
        var source = new Matrix<float>(new float[,] { { 1, 2 }, { 3, 4 } });
        float[] storage = [9, 9, 9, 9, 9, 9];
        var destination = new MatrixSpan<float>(storage, 2, 2, 3);
        source.AsReadOnlySpan().CopyTo(destination);
        Assert.Equal(new float[] { 1, 2, 9, 3, 4, 9 }, storage);
        var ex = Assert.Throws<ArgumentException>(() => source.AsReadOnlySpan().CopyTo(new Matrix<float>(3, 2).AsSpan()));
        Assert.Equal("destination", ex.ParamName);
        destination.Clear();
        Assert.Equal(new float[] { 0, 0, 9, 0, 0, 9 }, storage);
    }

    [Fact]
    public void Parallelism_ValidatesAndReportsItsBudget()
    {
        Assert.Equal(1, Parallelism.Sequential.MaxThreads);
        Assert.Equal(Environment.ProcessorCount, Parallelism.Auto.MaxThreads);
        Assert.Equal(1, Parallelism.WithMaxThreads(1).MaxThreads);
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.WithMaxThreads(0));
    }
}
