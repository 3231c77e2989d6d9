using System;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Eigen;
using Simd.TestSupport;
using Simd.TestSupport.Generators;
using Xunit;

namespace Simd.Tests.Numerics.Eigen;

public abstract class TridiagonalizationTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>‖A − Q·T·Qᵀ‖₁/(n‖A‖₁ε) and ‖I − QᵀQ‖₁/(nε) below 60, for the unblocked and the blocked paths, and
    /// with the unblocked passes split into parts (<paramref name="splitFrom"/> lowers the trailing order where that
    /// starts) on one and on several threads.</summary>
    [Theory]
    [InlineData(1, false, int.MaxValue, 1)]
    [InlineData(2, false, int.MaxValue, 1)]
    [InlineData(3, false, int.MaxValue, 1)]
    [InlineData(9, false, int.MaxValue, 1)]
    [InlineData(17, false, int.MaxValue, 1)]
    [InlineData(120, false, int.MaxValue, 1)]
    [InlineData(81, true, int.MaxValue, 1)]
    [InlineData(150, true, int.MaxValue, 1)]
    [InlineData(37, false, 8, 1)]
    [InlineData(130, false, 24, 2)]
    [InlineData(150, true, 24, 3)]
    public void ReduceInPlace_ReconstructsA(int n, bool blocked, int splitFrom, int threads)
    {
        Matrix<T> a = SymmetricMatrices.Random<T>(n, 77 + n);
        Matrix<T> work = a.Clone();
        var d = new T[n];
        var e = new T[Math.Max(n - 1, 0)];
        var tau = new T[Math.Max(n - 1, 0)];
        Tridiagonalization.ReduceInPlace<T>(work.AsSpan(), d, e, tau, blocked ? 0 : int.MaxValue,
            Parallelism.WithMaxThreads(threads), splitFrom);
        var q = new Matrix<T>(n, n);
        Tridiagonalization.FormQ<T>(work.AsSpan(), tau, q.AsSpan());

        double eps = NumericAssert.Eps<T>(), anorm = 0, residual = 0, orthogonality = 0;
        for (int j = 0; j < n; j++)
        {
            double colA = 0, colR = 0, colO = 0;
            for (int i = 0; i < n; i++)
            {
                double qtq = 0, value = 0;
                for (int p = 0; p < n; p++)
                {
                    qtq += double.CreateChecked(q[p, i]) * double.CreateChecked(q[p, j]);
                    // (Q·T·Qᵀ)[i, j] = Σp Q[i,p]·(T·Qᵀ)[p, j]
                    double tq = double.CreateChecked(d[p]) * double.CreateChecked(q[j, p]);
                    if (p > 0) tq += double.CreateChecked(e[p - 1]) * double.CreateChecked(q[j, p - 1]);
                    if (p < n - 1) tq += double.CreateChecked(e[p]) * double.CreateChecked(q[j, p + 1]);
                    value += double.CreateChecked(q[i, p]) * tq;
                }
                colA += Math.Abs(double.CreateChecked(a[i, j]));
                colR += Math.Abs(double.CreateChecked(a[i, j]) - value);
                colO += Math.Abs((i == j ? 1 : 0) - qtq);
            }
            anorm = Math.Max(anorm, colA);
            residual = Math.Max(residual, colR);
            orthogonality = Math.Max(orthogonality, colO);
        }
        NumericAssert.RatioBelow(residual / (n * anorm * eps), 60, $"‖A − QTQᵀ‖ n={n} blocked={blocked} split={splitFrom}");
        NumericAssert.RatioBelow(orthogonality / (n * eps), 60, $"‖I − QᵀQ‖ n={n} blocked={blocked} split={splitFrom}");
    }

    /// <summary>The split passes give the same bits on 1, 2 and 4 threads (d, e, τ and the stored reflectors).</summary>
    [Theory]
    [InlineData(70, false)]
    [InlineData(203, false)]
    [InlineData(150, true)]
    public void ReduceInPlace_IsBitwiseIdenticalForEveryThreadCount(int n, bool blocked)
    {
        Matrix<T> a = SymmetricMatrices.Random<T>(n, 5 + n);
        (Matrix<T> Work, T[] D, T[] E, T[] Tau) Reduce(int threads)
        {
            Matrix<T> work = a.Clone();
            var d = new T[n];
            var e = new T[n - 1];
            var tau = new T[n - 1];
            Tridiagonalization.ReduceInPlace<T>(work.AsSpan(), d, e, tau, blocked ? 0 : int.MaxValue,
                Parallelism.WithMaxThreads(threads), passPartsFrom: 16);
            return (work, d, e, tau);
        }
        var one = Reduce(1);
        foreach (int threads in new[] { 2, 4 })
        {
            var many = Reduce(threads);
            for (int i = 0; i < n; i++)
                NumericAssert.Identical(one.D[i], many.D[i]);
            for (int i = 0; i < n - 1; i++)
            {
                NumericAssert.Identical(one.E[i], many.E[i]);
                NumericAssert.Identical(one.Tau[i], many.Tau[i]);
                for (int j = i + 2; j < n; j++)
                    NumericAssert.Identical(one.Work[i, j], many.Work[i, j]);
            }
        }
    }
}

public sealed class TridiagonalizationTestsDouble : TridiagonalizationTests<double>;

public sealed class TridiagonalizationTestsSingle : TridiagonalizationTests<float>;
