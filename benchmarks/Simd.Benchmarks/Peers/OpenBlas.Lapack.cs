using System.Runtime.InteropServices;

namespace Simd.Benchmarks.Peers;

/// <summary>
/// OpenBLAS's Fortran LAPACK entry points (no LAPACKE here). Fortran is column-major, so a row-major matrix passed
/// as is reads as its transpose: factoring Aᵀ costs exactly what factoring A does, and a row-major lower triangle is a
/// column-major upper one (hence UPLO = 'U' for our lower-triangle Cholesky). CHARACTER arguments carry gfortran's
/// hidden length at the end.
/// </summary>
internal static partial class OpenBlas
{
    /// <summary>'U' for the UPLO arguments.</summary>
    internal static byte UpperChar = (byte)'U';

    [DllImport(Library)]
    internal static extern void dgetrf_(ref int m, ref int n, ref double a, ref int lda, ref int ipiv, ref int info);

    [DllImport(Library)]
    internal static extern void dgetri_(ref int n, ref double a, ref int lda, ref int ipiv, ref double work, ref int lwork, ref int info);

    [DllImport(Library)]
    internal static extern void dpotrf_(ref byte uplo, ref int n, ref double a, ref int lda, ref int info, nint uploLength);

    [DllImport(Library)]
    internal static extern void dpotri_(ref byte uplo, ref int n, ref double a, ref int lda, ref int info, nint uploLength);

    /// <summary>LU of the column-major n×n matrix in <paramref name="a"/> (the transpose of our row-major one).</summary>
    internal static int Getrf(double[] a, int n, int[] pivots)
    {
        int m = n, lda = n, info = 0;
        dgetrf_(ref m, ref n, ref a[0], ref lda, ref pivots[0], ref info);
        return info;
    }

    /// <summary>Inverse from <see cref="Getrf"/>'s factors.</summary>
    internal static int Getri(double[] a, int n, int[] pivots, double[] work)
    {
        int lda = n, lwork = work.Length, info = 0;
        dgetri_(ref n, ref a[0], ref lda, ref pivots[0], ref work[0], ref lwork, ref info);
        return info;
    }

    /// <summary>Cholesky of the column-major upper triangle (our row-major lower one).</summary>
    internal static int Potrf(double[] a, int n)
    {
        int lda = n, info = 0;
        dpotrf_(ref UpperChar, ref n, ref a[0], ref lda, ref info, 1);
        return info;
    }

    /// <summary>Inverse from <see cref="Potrf"/>'s factor.</summary>
    internal static int Potri(double[] a, int n)
    {
        int lda = n, info = 0;
        dpotri_(ref UpperChar, ref n, ref a[0], ref lda, ref info, 1);
        return info;
    }
}
