using System;
using System.Runtime.InteropServices;

namespace Simd.Benchmarks.Peers;

/// <summary>
/// LAPACK's symmetric eigensolvers and least squares from OpenBLAS, through the Fortran interface (column-major,
/// every argument by reference, hidden string lengths at the end). A symmetric row-major matrix is its own
/// column-major transpose, so it is passed as is.
/// </summary>
internal static partial class OpenBlas
{
    [DllImport(Library)]
    private static extern void dsyevd_(ref byte jobz, ref byte uplo, ref int n, ref double a, ref int lda, ref double w,
        ref double work, ref int lwork, ref int iwork, ref int liwork, out int info, nint jobzLength, nint uploLength);

    [DllImport(Library)]
    private static extern void dsyev_(ref byte jobz, ref byte uplo, ref int n, ref double a, ref int lda, ref double w,
        ref double work, ref int lwork, out int info, nint jobzLength, nint uploLength);

    [DllImport(Library)]
    private static extern void dgels_(ref byte trans, ref int m, ref int n, ref int nrhs, ref double a, ref int lda,
        ref double b, ref int ldb, ref double work, ref int lwork, out int info, nint transLength);

    /// <summary>Workspace for dsyevd/dsyev of order n (queried once).</summary>
    internal sealed class SyevWorkspace
    {
        public double[] Work = [];
        public int[] IWork = [];
    }

    /// <summary>dsyevd (divide and conquer): eigenvalues into w and, with vectors, eigenvectors over a.</summary>
    public static int Dsyevd(bool vectors, int n, double[] a, double[] w, SyevWorkspace ws)
    {
        byte jobz = (byte)(vectors ? 'V' : 'N'), uplo = (byte)'L';
        int lda = Math.Max(n, 1), info;
        if (ws.Work.Length == 0)
        {
            double query = 0;
            int iquery = 0, lwork = -1, liwork = -1;
            dsyevd_(ref jobz, ref uplo, ref n, ref a[0], ref lda, ref w[0], ref query, ref lwork, ref iquery, ref liwork, out info, 1, 1);
            ws.Work = new double[(int)query + 1];
            ws.IWork = new int[Math.Max(iquery, 1)];
        }
        int lw = ws.Work.Length, liw = ws.IWork.Length;
        dsyevd_(ref jobz, ref uplo, ref n, ref a[0], ref lda, ref w[0], ref ws.Work[0], ref lw, ref ws.IWork[0], ref liw, out info, 1, 1);
        return info;
    }

    /// <summary>dsyev (tridiagonal QR): eigenvalues into w and, with vectors, eigenvectors over a.</summary>
    public static int Dsyev(bool vectors, int n, double[] a, double[] w, SyevWorkspace ws)
    {
        byte jobz = (byte)(vectors ? 'V' : 'N'), uplo = (byte)'L';
        int lda = Math.Max(n, 1), info;
        if (ws.Work.Length == 0)
        {
            double query = 0;
            int lwork = -1;
            dsyev_(ref jobz, ref uplo, ref n, ref a[0], ref lda, ref w[0], ref query, ref lwork, out info, 1, 1);
            ws.Work = new double[(int)query + 1];
        }
        int lw = ws.Work.Length;
        dsyev_(ref jobz, ref uplo, ref n, ref a[0], ref lda, ref w[0], ref ws.Work[0], ref lw, out info, 1, 1);
        return info;
    }

    /// <summary>dgels ('N'): least squares for a column-major m×n matrix and m×nrhs right-hand sides, in place.</summary>
    public static int Dgels(int m, int n, int nrhs, double[] aColumnMajor, double[] bColumnMajor, SyevWorkspace ws)
    {
        byte trans = (byte)'N';
        int lda = m, ldb = m, info;
        if (ws.Work.Length == 0)
        {
            double query = 0;
            int lwork = -1;
            dgels_(ref trans, ref m, ref n, ref nrhs, ref aColumnMajor[0], ref lda, ref bColumnMajor[0], ref ldb, ref query, ref lwork, out info, 1);
            ws.Work = new double[(int)query + 1];
        }
        int lw = ws.Work.Length;
        dgels_(ref trans, ref m, ref n, ref nrhs, ref aColumnMajor[0], ref lda, ref bColumnMajor[0], ref ldb, ref ws.Work[0], ref lw, out info, 1);
        return info;
    }
}
