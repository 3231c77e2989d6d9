namespace Simd.Numerics.Blas;

/// <summary>On which side of the unknown a triangular matrix stands (BLAS's SIDE argument).</summary>
public enum Side
{
    /// <summary><c>op(A)·X = α·B</c>.</summary>
    Left = 0,

    /// <summary><c>X·op(A) = α·B</c>.</summary>
    Right = 1,
}
