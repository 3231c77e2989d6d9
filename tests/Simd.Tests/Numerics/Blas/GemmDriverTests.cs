using System;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Blas.MicroKernels;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

/// <summary>The packed driver under a deliberately tiny cache blocking (Mc = 2·Mr, Kc = 7, Nc = 2·Nr) on the selected
/// kernel, so that small products cross many slabs, several column blocks and the double-buffered shared op(B) slab
/// of the threaded path: correct, and bitwise identical for 1 to 4 threads.</summary>
public abstract class GemmDriverTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [Theory]
    [InlineData(61, 83, 45, 0, false, false)]
    [InlineData(40, 97, 30, 0, true, true)]
    [InlineData(75, 75, 38, 1, false, true)]
    [InlineData(75, 75, 29, 2, true, false)]
    public void Run_SmallBlocking_ManySlabs_AnyThreadCount_GivesBitwiseIdenticalResults(int m, int n, int k, int part, bool ta, bool tb)
    {
        var triangle = (GemmTriangle)part;
        Matrix<T> a = ta ? RandomMatrices.Uniform<T>(k, m, 11) : RandomMatrices.Uniform<T>(m, k, 11);
        Matrix<T> b = tb ? RandomMatrices.Uniform<T>(n, k, 12) : RandomMatrices.Uniform<T>(k, n, 12);
        Matrix<T> c0 = RandomMatrices.Uniform<T>(m, n, 13);
        T[] aValues = a.Values.ToArray(), bValues = b.Values.ToArray();
        T[] Run(int threads)
        {
            T[] c = c0.Values.ToArray();
            GCHandle ha = GCHandle.Alloc(aValues, GCHandleType.Pinned), hb = GCHandle.Alloc(bValues, GCHandleType.Pinned),
                hc = GCHandle.Alloc(c, GCHandleType.Pinned);
            try
            {
                GemmProblem<T> problem = default;
                problem.A = ha.AddrOfPinnedObject();
                problem.B = hb.AddrOfPinnedObject();
                problem.C = hc.AddrOfPinnedObject();
                problem.M = m;
                problem.N = n;
                problem.K = k;
                problem.Alpha = T.CreateTruncating(0.75);
                problem.Beta = T.CreateTruncating(-0.5);
                problem.RowStrideA = ta ? 1 : k;
                problem.ColumnStrideA = ta ? m : 1;
                problem.RowStrideB = tb ? 1 : n;
                problem.ColumnStrideB = tb ? k : 1;
                problem.RowStrideC = n;
                problem.Triangle = triangle;
                var action = new TinyBlocking { Problem = problem, Threads = threads };
                KernelSelection.Dispatch<T, TinyBlocking>(ref action);
            }
            finally
            {
                ha.Free();
                hb.Free();
                hc.Free();
            }
            return c;
        }

        T[] sequential = Run(1);
        var (value, magnitude) = NaiveBlas.Gemm(0.75, a, ta, b, tb, -0.5, c0);
        var check = new Matrix<T>(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                bool inside = triangle == GemmTriangle.None || (triangle == GemmTriangle.Lower ? j <= i : j >= i);
                if (!inside)
                    Assert.Equal(c0[i, j], sequential[i * n + j]);
                check[i, j] = inside ? sequential[i * n + j] : T.CreateTruncating(value[i, j]);
            }
        NumericAssert.RatioBelow(NaiveBlas.GemmRatio(check, value, magnitude, k), 16, $"driver {m}×{n}×{k} {triangle}");
        foreach (int threads in new[] { 2, 3, 4 })
            Assert.True(sequential.SequenceEqual(Run(threads)), $"{threads} threads changed the bits");
    }

    private struct TinyBlocking : KernelSelection.IKernelAction<T>
    {
        public GemmProblem<T> Problem;
        public int Threads;

        public readonly void Invoke<TKernel>(GemmBlocking blocking)
            where TKernel : struct, IGemmMicroKernel<T> =>
            GemmDriver<T, TKernel>.Run(Problem, new GemmBlocking(2 * TKernel.Mr, 7, 2 * TKernel.Nr), Threads);
    }
}

public sealed class GemmDriverTestsDouble : GemmDriverTests<double>;

public sealed class GemmDriverTestsSingle : GemmDriverTests<float>;
