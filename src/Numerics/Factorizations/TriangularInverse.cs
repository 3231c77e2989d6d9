using System;
using System.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// In-place triangular inversion (LAPACK xTRTRI) and the product L⁻ᵀ·L⁻¹ (LAPACK xLAUUM), recursive so that their
/// flops run in <see cref="Gemm"/>, <see cref="Syrk"/> and <see cref="TriangularSolve"/>. Lower triangles only.
/// </summary>
internal static class TriangularInverse
{
    private const int Threshold = TriangularSolve.RecursionThreshold;

    private static int Split(int n) => n >= 2 * Threshold ? (n / 2 + 15) / 16 * 16 : n / 2;

    /// <summary>Overwrites the lower triangle L of <paramref name="a"/> with L⁻¹ (the strict upper triangle is not touched;
    /// with <paramref name="unit"/> the diagonal is neither read nor written). n³/3 flops.</summary>
    public static void InvertLower<T>(MatrixSpan<T> a, bool unit, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n <= Threshold)
        {
            InvertLowerUnblocked(a, unit);
            return;
        }
        // [L11 0; L21 L22]⁻¹ = [L11⁻¹ 0; −L22⁻¹·L21·L11⁻¹ L22⁻¹].
        int n1 = Split(n), n2 = n - n1;
        MatrixSpan<T> l11 = a.Slice(0, 0, n1, n1), l21 = a.Slice(n1, 0, n2, n1), l22 = a.Slice(n1, n1, n2, n2);
        Diagonal diagonal = unit ? Diagonal.Unit : Diagonal.NonUnit;
        TriangularSolve.SolveCore(Side.Right, TriangularPart.Lower, MatrixOp.None, diagonal, l11, l21, parallelism);
        TriangularSolve.SolveCore(Side.Left, TriangularPart.Lower, MatrixOp.None, diagonal, l22, l21, parallelism);
        for (int i = 0; i < n2; i++)
            SpanMath.Scale(-T.One, l21.Row(i));
        InvertLower(l11, unit, parallelism);
        InvertLower(l22, unit, parallelism);
    }

    /// <summary>Row by row: X[i, j] = −(Σ_{k=j}^{i−1} L[i, k]·X[k, j]) / L[i, i], for j ascending so that each
    /// L[i, j] is read before X[i, j] replaces it.</summary>
    private static void InvertLowerUnblocked<T>(MatrixSpan<T> a, bool unit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        for (int i = 0; i < n; i++)
        {
            Span<T> row = a.Row(i);
            T inverseDiagonal = unit ? T.One : T.One / row[i];
            for (int j = 0; j < i; j++)
            {
                // X[j, j] = 1 for a unit triangle, 1/L[j, j] (already stored) otherwise.
                T sum = unit ? row[j] : row[j] * a[j, j];
                for (int k = j + 1; k < i; k++)
                    sum += row[k] * a[k, j];
                row[j] = -sum * inverseDiagonal;
            }
            if (!unit)
                row[i] = inverseDiagonal;
        }
    }

    /// <summary>Overwrites the lower triangle X of <paramref name="a"/> with the lower triangle of Xᵀ·X
    /// (the strict upper triangle is not touched). n³/3 flops.</summary>
    public static void LowerTransposeTimesLower<T>(MatrixSpan<T> a, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n <= Threshold)
        {
            LauumUnblocked(a);
            return;
        }
        // [X11 0; X21 X22]ᵀ·[X11 0; X21 X22] = [X11ᵀX11 + X21ᵀX21, ·; X22ᵀX21, X22ᵀX22].
        int n1 = Split(n), n2 = n - n1;
        MatrixSpan<T> x11 = a.Slice(0, 0, n1, n1), x21 = a.Slice(n1, 0, n2, n1), x22 = a.Slice(n1, n1, n2, n2);
        LowerTransposeTimesLower(x11, parallelism);
        Syrk.Update(T.One, x21, MatrixOp.Transpose, T.One, x11, TriangularPart.Lower, parallelism);
        MultiplyByLowerTransposed(x22, x21, parallelism);
        LowerTransposeTimesLower(x22, parallelism);
    }

    /// <summary>Row i of the result is Σ_{k≥i} X[k, i]·X[k, 0..i]; rows below i are still X when row i is formed.</summary>
    private static void LauumUnblocked<T>(MatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        for (int i = 0; i < n; i++)
        {
            Span<T> row = a.Row(i)[..(i + 1)];
            SpanMath.Scale(row[i], row);
            for (int k = i + 1; k < n; k++)
                SpanMath.Axpy(a[k, i], a.Row(k)[..(i + 1)], row);
        }
    }

    /// <summary>B ← Lᵀ·B in place (BLAS xTRMM, left, lower, transposed, non-unit), L lower.</summary>
    private static void MultiplyByLowerTransposed<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.Rows;
        if (m <= Threshold)
        {
            // Row i of Lᵀ·B is Σ_{k≥i} L[k, i]·B[k, :]; top-down, rows below i are still the input.
            for (int i = 0; i < m; i++)
            {
                Span<T> row = b.Row(i);
                SpanMath.Scale(l[i, i], row);
                for (int k = i + 1; k < m; k++)
                    SpanMath.Axpy(l[k, i], b.Row(k), row);
            }
            return;
        }
        // [L11ᵀ L21ᵀ; 0 L22ᵀ]·[B1; B2] = [L11ᵀB1 + L21ᵀB2; L22ᵀB2].
        int m1 = Split(m), m2 = m - m1;
        MatrixSpan<T> b1 = b.SliceRows(0, m1), b2 = b.SliceRows(m1, m2);
        MultiplyByLowerTransposed(l.Slice(0, 0, m1, m1), b1, parallelism);
        Gemm.Multiply(T.One, l.Slice(m1, 0, m2, m1), MatrixOp.Transpose, b2, MatrixOp.None, T.One, b1, parallelism);
        MultiplyByLowerTransposed(l.Slice(m1, m1, m2, m2), b2, parallelism);
    }
}
