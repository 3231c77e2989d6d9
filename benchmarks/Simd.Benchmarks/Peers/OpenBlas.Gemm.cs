using System.Runtime.InteropServices;

namespace Simd.Benchmarks.Peers;

/// <summary>CBLAS level-3 entry points for the GEMM and SYRK comparisons.</summary>
internal static partial class OpenBlas
{
    [DllImport(Library)]
    internal static extern void cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha,
        ref double a, int lda, ref double b, int ldb, double beta, ref double c, int ldc);

    [DllImport(Library)]
    internal static extern void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        ref float a, int lda, ref float b, int ldb, float beta, ref float c, int ldc);

    [DllImport(Library)]
    internal static extern void cblas_dsyrk(int order, int uplo, int trans, int n, int k, double alpha,
        ref double a, int lda, double beta, ref double c, int ldc);
}
