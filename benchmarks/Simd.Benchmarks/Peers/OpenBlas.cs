using System;
using System.Runtime.InteropServices;

namespace Simd.Benchmarks.Peers;

/// <summary>
/// OpenBLAS (Debian's <c>libopenblas0-pthread</c>) through P/Invoke: the peer every quick-report table compares against.
/// Other topics add their entry points in <c>OpenBlas.&lt;Topic&gt;.cs</c>.
/// </summary>
internal static partial class OpenBlas
{
    internal const string Library = "libopenblas.so.0";

    // CBLAS enumerations.
    internal const int RowMajor = 101, NoTrans = 111, Trans = 112, Upper = 121, Lower = 122;

    /// <summary>True when the library loads on this machine.</summary>
    public static bool IsAvailable { get; } = NativeLibrary.TryLoad(Library, out _);

    /// <summary>Why OpenBLAS rows are missing, for the report.</summary>
    public const string MissingHint = "OpenBLAS not found: `sudo apt-get install -y libopenblas0-pthread` to compare against it.";

    /// <summary>The kernel OpenBLAS selected (e.g. "Cooperlake", or "Haswell" when forced by OPENBLAS_CORETYPE).</summary>
    public static string CoreName => IsAvailable ? Marshal.PtrToStringAnsi(openblas_get_corename()) ?? "?" : "n/a";

    /// <summary>Caps OpenBLAS's own thread pool.</summary>
    public static void SetThreads(int threads)
    {
        if (IsAvailable)
            openblas_set_num_threads(threads);
    }

    [DllImport(Library)] private static extern IntPtr openblas_get_corename();
    [DllImport(Library)] private static extern void openblas_set_num_threads(int threads);

    [DllImport(Library)] internal static extern double cblas_ddot(int n, ref double x, int incx, ref double y, int incy);
    [DllImport(Library)] internal static extern float cblas_sdot(int n, ref float x, int incx, ref float y, int incy);
    [DllImport(Library)] internal static extern void cblas_daxpy(int n, double alpha, ref double x, int incx, ref double y, int incy);
    [DllImport(Library)] internal static extern void cblas_saxpy(int n, float alpha, ref float x, int incx, ref float y, int incy);

    [DllImport(Library)]
    internal static extern void cblas_dgemv(int order, int trans, int m, int n, double alpha, ref double a, int lda,
        ref double x, int incx, double beta, ref double y, int incy);

    [DllImport(Library)]
    internal static extern void cblas_sgemv(int order, int trans, int m, int n, float alpha, ref float a, int lda,
        ref float x, int incx, float beta, ref float y, int incy);
}
