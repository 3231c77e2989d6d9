using System;
using System.IO;
using Simd.Numerics.IO;
using Xunit;

namespace Simd.Tests.Numerics.IO;

public sealed class CsvTests
{
    [Fact]
    public void ReadMatrix_ParsesHeaderAndRowsInvariantCulture()
    {
        var (values, header) = Csv.ReadMatrix<double>(new StringReader("a, b,c\n1,2.5,-3e2\n\n4,NaN,6\n"));
        Assert.Equal(["a", "b", "c"], header);
        Assert.Equal(2, values.Rows);
        Assert.Equal(3, values.Columns);
        Assert.Equal(-300, values[0, 2]);
        Assert.True(double.IsNaN(values[1, 1]));
    }

    [Fact]
    public void ReadMatrix_WithoutHeader_AndEmptyInput()
    {
        var (values, header) = Csv.ReadMatrix<float>(new StringReader("1,2\n3,4\n"), hasHeader: false);
        Assert.Empty(header);
        Assert.Equal(4f, values[1, 1]);
        var (empty, _) = Csv.ReadMatrix<float>(new StringReader("x,y\n"));
        Assert.Equal(0, empty.Rows);
        Assert.Equal(2, empty.Columns);
    }

    [Fact]
    public void ReadMatrix_Malformed_ReportsLineAndColumn()
    {
        var ex = Assert.Throws<FormatException>(() => Csv.ReadMatrix<double>(new StringReader("a,b\n1,2\n3,x\n")));
        Assert.Contains("Line 3, column 2", ex.Message);
        ex = Assert.Throws<FormatException>(() => Csv.ReadMatrix<double>(new StringReader("a,b\n1,2,3\n")));
        Assert.Contains("Line 2", ex.Message);
        Assert.Contains("expected 2 fields", ex.Message);
    }

    [Fact]
    public void ReadMatrix_ShippedDataSets_HaveTheDocumentedShapes()
    {
        string data = Path.Combine(AppContext.BaseDirectory, "data");
        Assert.Equal((150, 5), Shape(Csv.ReadMatrix<double>(Path.Combine(data, "iris.csv")).Values));
        Assert.Equal((442, 11), Shape(Csv.ReadMatrix<double>(Path.Combine(data, "diabetes.csv")).Values));
        Assert.Equal((1797, 65), Shape(Csv.ReadMatrix<float>(Path.Combine(data, "digits.csv")).Values));
    }

    private static (int, int) Shape<T>(Simd.Numerics.Matrix<T> m) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => (m.Rows, m.Columns);
}
