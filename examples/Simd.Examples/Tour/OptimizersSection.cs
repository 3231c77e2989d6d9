using System;
using Simd.Learning.Optimizers;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Examples.Tour;

/// <summary>Level 2, iterative: the seed's ladder — gradient descent ("OK, but slow"), Newton (W ← W − A⁻¹B), and
/// L-BFGS — on an L2-regularized logistic regression that tells Iris virginica from the other two species.</summary>
internal static class OptimizersSection
{
    private const double Lambda = 1e-2;

    public static void Run(string data)
    {
        Dataset iris = Dataset.Load(data, "iris");
        Matrix<double> x = LeastSquaresSection.WithInterceptColumn(Standardized(iris.X));
        var y = new double[iris.Y.Length];
        for (int i = 0; i < y.Length; i++) y[i] = iris.Y[i] == 2 ? 1 : 0;
        int n = x.Rows, p = x.Columns;
        var z = new double[n];

        // f(w) = mean log(1 + e^{−sᵢ·xᵢw}) + λ/2·‖w‖²; ∇f = Xᵀ(σ(Xw) − y)/n + λw; ∇²f = XᵀSX/n + λI, S = diag(σ(1−σ)).
        double Objective(ReadOnlySpan<double> w, Span<double> gradient)
        {
            Gemv.Multiply(1.0, x.AsReadOnlySpan(), MatrixOp.None, w, 0.0, z);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                double zi = z[i];
                loss += Math.Max(zi, 0) - zi * y[i] + Math.Log(1 + Math.Exp(-Math.Abs(zi))); // stable log(1 + eᶻ) − z·y
                z[i] = 1 / (1 + Math.Exp(-zi)) - y[i]; // residual σ(z) − y, reused for the gradient
            }
            Gemv.Multiply(1.0 / n, x.AsReadOnlySpan(), MatrixOp.Transpose, z, 0.0, gradient);
            SpanMath.Axpy(Lambda, w, gradient);
            return loss / n + 0.5 * Lambda * SpanMath.Dot(w, w);
        }

        void Hessian(ReadOnlySpan<double> w, MatrixSpan<double> h)
        {
            var scaled = new Matrix<double>(n, p);
            Gemv.Multiply(1.0, x.AsReadOnlySpan(), MatrixOp.None, w, 0.0, z);
            for (int i = 0; i < n; i++)
            {
                double s = 1 / (1 + Math.Exp(-z[i]));
                x.Row(i).CopyTo(scaled.Row(i));
                SpanMath.Scale(Math.Sqrt(s * (1 - s) / n), scaled.Row(i));
            }
            Gemm.Multiply(1.0, scaled.AsReadOnlySpan(), MatrixOp.Transpose, scaled.AsReadOnlySpan(), MatrixOp.None, 0.0, h);
            for (int j = 0; j < p; j++) h[j, j] += Lambda;
        }

        var start = new double[p];
        var gradient = new double[p];

        // Plain gradient descent with a fixed step: count iterations to ‖∇f‖ ≤ 1e-5.
        var w = (double[])start.Clone();
        var sgd = new Sgd<double>(p, learningRate: 1.0);
        int steps = 0;
        for (; steps < 100_000; steps++)
        {
            Objective(w, gradient);
            if (SpanMath.Norm2<double>(gradient) <= 1e-5) break;
            sgd.Step(w, gradient);
        }
        Console.WriteLine($"gradient descent (step 1.0): {steps,6} iterations to ‖∇f‖ ≤ 1e-5, f = {Objective(w, gradient):F6}");

        MinimizationResult newton = Newton.Minimize(Objective, Hessian, start);
        Console.WriteLine($"Newton (Cholesky solves):    {newton.Iterations,6} iterations, {newton.Evaluations} evaluations, f = {newton.Value:F6} ({newton.Reason})");
        MinimizationResult lbfgs = Lbfgs.Minimize(Objective, start);
        Console.WriteLine($"L-BFGS (m = 10, strong Wolfe): {lbfgs.Iterations,4} iterations, {lbfgs.Evaluations} evaluations, f = {lbfgs.Value:F6} ({lbfgs.Reason})");

        Gemv.Multiply(1.0, x.AsReadOnlySpan(), MatrixOp.None, lbfgs.Solution, 0.0, z);
        int correct = 0;
        for (int i = 0; i < n; i++) correct += (z[i] > 0) == (y[i] == 1) ? 1 : 0;
        Console.WriteLine($"training accuracy (virginica vs rest): {100.0 * correct / n:F1} %");
    }

    /// <summary>Columns scaled to zero mean and unit variance, so one step size suits every weight.</summary>
    private static Matrix<double> Standardized(Matrix<double> x)
    {
        var result = x.Clone();
        for (int j = 0; j < x.Columns; j++)
        {
            double mean = 0, square = 0;
            for (int i = 0; i < x.Rows; i++) mean += x[i, j] / x.Rows;
            for (int i = 0; i < x.Rows; i++) square += (x[i, j] - mean) * (x[i, j] - mean) / x.Rows;
            double scale = 1 / Math.Sqrt(square);
            for (int i = 0; i < x.Rows; i++) result[i, j] = (x[i, j] - mean) * scale;
        }
        return result;
    }
}
