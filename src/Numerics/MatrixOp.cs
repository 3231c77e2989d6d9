namespace Simd.Numerics;

/// <summary>How a BLAS routine reads a matrix operand: <c>op(A) = A</c> or <c>op(A) = Aᵀ</c> (BLAS's TRANS argument).</summary>
public enum MatrixOp
{
    /// <summary><c>op(A) = A</c>.</summary>
    None = 0,

    /// <summary><c>op(A) = Aᵀ</c>; the transpose is absorbed by the kernel, never materialized.</summary>
    Transpose = 1,
}
