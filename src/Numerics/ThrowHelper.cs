using System;
using System.Diagnostics.CodeAnalysis;

namespace Simd.Numerics;

/// <summary>Cold throw paths, kept out of hot methods so that those stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowLengthMismatch(string paramName, int expected, int actual) =>
        throw new ArgumentException($"Expected a span of length {expected} (the length of the first operand) but got {actual}.", paramName);

    [DoesNotReturn]
    public static void ThrowDestinationTooShort(string paramName, int required, int actual) =>
        throw new ArgumentException($"Destination is too short: needs {required} elements but has {actual}.", paramName);

    [DoesNotReturn]
    public static void ThrowPartialOverlap(string paramName) =>
        throw new ArgumentException("Input and destination overlap partially; they must be identical or disjoint.", paramName);

    [DoesNotReturn]
    public static void ThrowSharesElements(string paramName) =>
        throw new ArgumentException("The output shares elements with an input; it must be disjoint from them " +
                                    "(blocks of one matrix that share no element are fine).", paramName);

    [DoesNotReturn]
    public static void ThrowShapeMismatch(string paramName, string expected, int rows, int columns) =>
        throw new ArgumentException($"Expected {expected} but got a {rows}×{columns} matrix.", paramName);

    [DoesNotReturn]
    public static void ThrowViewDoesNotFit(string paramName, int rows, int columns, int rowStride, int required, int available) =>
        throw new ArgumentException(
            $"A {rows}×{columns} view with row stride {rowStride} needs {required} elements but the span has {available}.", paramName);

    [DoesNotReturn]
    public static void ThrowSliceOutOfRange(string paramName, int row, int column, int rows, int columns, int parentRows, int parentColumns) =>
        throw new ArgumentOutOfRangeException(paramName,
            $"The {rows}×{columns} block at ({row}, {column}) does not fit in the {parentRows}×{parentColumns} matrix.");

    [DoesNotReturn]
    public static void ThrowEmptySpan(string paramName) =>
        throw new ArgumentException("The span must not be empty.", paramName);
}
