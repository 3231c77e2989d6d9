using System.Runtime.InteropServices;

namespace Simd.Benchmarks.Peers;

/// <summary>BLAS-1 entry points the L-BFGS peer needs beyond dot and axpy.</summary>
internal static partial class OpenBlas
{
    [DllImport(Library)] internal static extern void cblas_dscal(int n, double alpha, ref double x, int incx);
    [DllImport(Library)] internal static extern void cblas_dcopy(int n, ref double x, int incx, ref double y, int incy);
    [DllImport(Library)] internal static extern double cblas_dnrm2(int n, ref double x, int incx);
}
