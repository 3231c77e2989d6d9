namespace Simd.Numerics.Blas;

/// <summary>Whether a triangular matrix has an implicit unit diagonal (BLAS's DIAG argument).</summary>
public enum Diagonal
{
    /// <summary>The diagonal is stored and used.</summary>
    NonUnit = 0,

    /// <summary>The diagonal is taken to be all ones and is never read (the L of an LU factorization).</summary>
    Unit = 1,
}
