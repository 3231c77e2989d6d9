using System;
using Simd.Learning.Optimizers;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;
using Xunit;

namespace Simd.Tests.Learning.Optimizers;

/// <summary>Problems and checks shared by the minimizer tests.</summary>
internal static class OptimizerTestHelpers
{
    /// <summary>SciPy 1.10 L-BFGS-B function evaluations on Rosenbrock (issue 7): 2-D from (−1.2, 1), 100-D from all
    /// −1.2, 1000-D from zeros.</summary>
    public const int SciPyEvaluations2 = 44, SciPyEvaluations100 = 597, SciPyEvaluations1000 = 5805;

    public static double[] RosenbrockStart(int n)
    {
        var x = new double[n];
        if (n == 2)
        {
            x[0] = -1.2;
            x[1] = 1;
        }
        else if (n == 100)
        {
            Array.Fill(x, -1.2);
        }
        return x; // zeros otherwise
    }

    /// <summary>Re-evaluates the gradient at the reported solution: the result must describe that point.</summary>
    public static void AssertDescribesSolution(ObjectiveFunction f, MinimizationResult result)
    {
        var g = new double[result.Solution.Length];
        double value = f(result.Solution, g);
        Assert.Equal(value, result.Value);
        Assert.Equal(SpanMath.Norm2<double>(g), result.GradientNorm);
    }

    /// <summary>A = Q·diag(λ)·Qᵀ with λ log-spaced from 1 to κ and Q an orthogonal matrix (Householder product of
    /// random reflectors); f(x) = ½xᵀAx − bᵀx.</summary>
    public static (Matrix<double> A, double[] B) IllConditionedQuadratic(int n, double kappa, int seed)
    {
        var random = new Random(seed);
        var q = Matrix<double>.Identity(n);
        for (int r = 0; r < 3; r++)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++)
                v[i] = 2 * random.NextDouble() - 1;
            double vv = SpanMath.Dot<double>(v, v);
            // Q ← Q·(I − 2vvᵀ/vᵀv)
            for (int i = 0; i < n; i++)
            {
                double qv = SpanMath.Dot<double>(q.Row(i), v);
                SpanMath.Axpy(-2 * qv / vv, v, q.Row(i));
            }
        }
        var scaled = q.Clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                scaled[i, j] *= Math.Pow(kappa, j / (double)(n - 1));
        var a = new Matrix<double>(n, n);
        Gemm.Multiply(1.0, scaled.AsReadOnlySpan(), MatrixOp.None, q.AsReadOnlySpan(), MatrixOp.Transpose, 0.0, a.AsSpan());
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                a[i, j] = a[j, i] = 0.5 * (a[i, j] + a[j, i]);
        var b = new double[n];
        for (int i = 0; i < n; i++)
            b[i] = 2 * random.NextDouble() - 1;
        return (a, b);
    }

    public static ObjectiveFunction Quadratic(Matrix<double> a, double[] b) => (x, g) =>
    {
        Gemv.Multiply(1.0, a.AsReadOnlySpan(), MatrixOp.None, x, 0.0, g);
        double f = 0.5 * SpanMath.Dot<double>(x, g) - SpanMath.Dot<double>(b, x);
        SpanMath.Axpy(-1.0, b, g);
        return f;
    };

    /// <summary>Logistic regression: mean over samples of log(1 + exp(−yᵢ·wᵀxᵢ)), labels ±1, with its gradient and
    /// Hessian (XᵀSX/m, S = diag(σ(1−σ))). Written directly from the textbook formulas.</summary>
    public sealed class LogisticRegression(double[,] features, double[] labels)
    {
        private int M => labels.Length;
        private int N => features.GetLength(1);

        public double Value(ReadOnlySpan<double> w, Span<double> g)
        {
            g.Clear();
            double f = 0;
            for (int i = 0; i < M; i++)
            {
                double z = 0;
                for (int j = 0; j < N; j++)
                    z += features[i, j] * w[j];
                double margin = labels[i] * z;
                // log(1 + e^(−t)) without overflow, and its derivative −σ(−t).
                f += margin > 0 ? Math.Log(1 + Math.Exp(-margin)) : -margin + Math.Log(1 + Math.Exp(margin));
                double s = 1 / (1 + Math.Exp(margin));
                for (int j = 0; j < N; j++)
                    g[j] -= labels[i] * s * features[i, j] / M;
            }
            return f / M;
        }

        public void Hessian(ReadOnlySpan<double> w, MatrixSpan<double> h)
        {
            h.Clear();
            for (int i = 0; i < M; i++)
            {
                double z = 0;
                for (int j = 0; j < N; j++)
                    z += features[i, j] * w[j];
                double p = 1 / (1 + Math.Exp(-z)), s = p * (1 - p) / M;
                for (int j = 0; j < N; j++)
                    for (int k = 0; k < N; k++)
                        h[j, k] += s * features[i, j] * features[i, k];
            }
        }

        public int Misclassified(ReadOnlySpan<double> w)
        {
            int errors = 0;
            for (int i = 0; i < M; i++)
            {
                double z = 0;
                for (int j = 0; j < N; j++)
                    z += features[i, j] * w[j];
                if (labels[i] * z <= 0)
                    errors++;
            }
            return errors;
        }

        /// <summary>m points in 2-D plus a bias column, labelled by the side of a line; with label noise the data
        /// are not separable.</summary>
        public static LogisticRegression Create(int m, bool separable, int seed)
        {
            var random = new Random(seed);
            var x = new double[m, 3];
            var y = new double[m];
            for (int i = 0; i < m; i++)
            {
                double a = 4 * random.NextDouble() - 2, b = 4 * random.NextDouble() - 2;
                double side = 1.5 * a - b + 0.3;
                if (separable && Math.Abs(side) < 0.2)
                {
                    i--; // keep a margin
                    continue;
                }
                x[i, 0] = a;
                x[i, 1] = b;
                x[i, 2] = 1;
                y[i] = side > 0 ? 1 : -1;
                if (!separable && random.NextDouble() < 0.15)
                    y[i] = -y[i];
            }
            return new LogisticRegression(x, y);
        }
    }
}
