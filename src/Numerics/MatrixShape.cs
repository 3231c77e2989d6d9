using System;

namespace Simd.Numerics;

/// <summary>Shape checks shared by the view types.</summary>
internal static class MatrixShape
{
    /// <summary>Checks a view's shape against its span and returns the number of elements it spans.</summary>
    public static int Validate(int length, int rows, int columns, int rowStride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (rowStride < columns)
            throw new ArgumentOutOfRangeException(nameof(rowStride), $"The row stride {rowStride} is less than the column count {columns}.");
        if (rows == 0 || columns == 0)
            return 0;
        long required = (long)(rows - 1) * rowStride + columns;
        if (required > length)
            ThrowHelper.ThrowViewDoesNotFit("data", rows, columns, rowStride, (int)Math.Min(required, int.MaxValue), length);
        return (int)required;
    }

    public static void ValidateSlice(int row, int column, int rows, int columns, int parentRows, int parentColumns)
    {
        if (row < 0 || column < 0 || rows < 0 || columns < 0 ||
            (long)row + rows > parentRows || (long)column + columns > parentColumns)
            ThrowHelper.ThrowSliceOutOfRange(nameof(row), row, column, rows, columns, parentRows, parentColumns);
    }
}
