namespace Simd.Numerics;

/// <summary>Which triangle of a square matrix a routine reads or writes (BLAS's UPLO argument).</summary>
public enum TriangularPart
{
    /// <summary>The lower triangle, diagonal included.</summary>
    Lower = 0,

    /// <summary>The upper triangle, diagonal included.</summary>
    Upper = 1,
}
