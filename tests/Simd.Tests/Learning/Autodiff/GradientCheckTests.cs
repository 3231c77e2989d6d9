using System;
using Simd.Learning.Autodiff;
using Simd.Learning.Initialization;
using Simd.Learning.Layers;
using Simd.Learning.Losses;
using Simd.Learning.Networks;
using Simd.Numerics;
using Simd.TestSupport;
using Xunit;

namespace Simd.Tests.Learning.Autodiff;

/// <summary>The gradient checker itself: it passes correct gradients and catches a wrong one, naming where.</summary>
public sealed class GradientCheckTests
{
    /// <summary>y = x·θ with a deliberately wrong parameter gradient (2× too large for the last parameter).</summary>
    private sealed class BrokenScale(int size) : Layer<double>(size, size, size)
    {
        protected override void ForwardCore(ReadOnlyMatrixSpan<double> input, MatrixSpan<double> output)
        {
            for (int b = 0; b < input.Rows; b++)
                for (int j = 0; j < InputSize; j++)
                    output[b, j] = input[b, j] * Parameters[j];
        }

        protected override void BackwardCore(ReadOnlyMatrixSpan<double> input, ReadOnlyMatrixSpan<double> output,
            ReadOnlyMatrixSpan<double> outputGradient, MatrixSpan<double> inputGradient, bool wantInput)
        {
            for (int b = 0; b < input.Rows; b++)
                for (int j = 0; j < InputSize; j++)
                {
                    Gradient[j] += outputGradient[b, j] * input[b, j] * (j == InputSize - 1 ? 2 : 1);
                    if (wantInput)
                        inputGradient[b, j] = outputGradient[b, j] * Parameters[j];
                }
        }

        protected override void JacobianCore(ReadOnlyMatrixSpan<double> input, MatrixSpan<double> inputJacobian,
            MatrixSpan<double> parameterJacobian, bool wantInput, bool wantParameters) => throw new NotSupportedException();
    }

    [Fact]
    public void WrongGradient_IsReportedWithItsIndex()
    {
        var r = new RandomSource(2);
        var broken = new BrokenScale(3);
        broken.Parameters.Fill(0.7);
        var network = new Sequential<double>(new Dense<double>(4, 3, r), broken);
        Matrix<double> x = RandomMatrices.Uniform<double>(5, 4, 1), y = RandomMatrices.Uniform<double>(5, 3, 2);
        GradientCheckResult result = GradientCheck.Parameters(network, new MeanSquaredError<double>(), x, y);
        Assert.Equal(network.ParameterCount - 1, result.WorstIndex);
        Assert.InRange(result.MaxRelativeError, 0.4, 0.6); // a = 2n: |a − n| / |a| = 1/2
        Assert.Contains($"parameter {result.WorstIndex}", result.ToString());
    }

    [Fact]
    public void NumericGradient_OfQuadratic_IsExactToRounding()
    {
        double[] point = [1.5, -2, 0.25];
        double[] g = GradientCheck.NumericGradient(point, t => t[0] * t[0] + 3 * t[1] * t[2] + Math.Sin(t[2]));
        Assert.Equal(3, g[0], 9);
        Assert.Equal(0.75, g[1], 9);
        Assert.Equal(-6 + Math.Cos(0.25), g[2], 9);
        Assert.Equal([1.5, -2, 0.25], point);
    }

    [Fact]
    public void Compare_UsesTheFloorForTinyComponents()
    {
        // Relative to itself the tiny component is off by 100%, but against the floor only by 1e-9.
        GradientCheckResult r = GradientCheck.Compare([1.0, 1e-12], [1.0 + 1e-6, 2e-12], floor: 1e-3);
        Assert.Equal(0, r.WorstIndex);
        Assert.InRange(r.MaxRelativeError, 0.9e-6, 1.1e-6);
        Assert.Equal(1, GradientCheck.Compare([1.0, 1e-12], [1.0 + 1e-6, 2e-12], floor: 1e-13).WorstIndex);
        Assert.Throws<ArgumentException>(() => GradientCheck.Compare([1.0], [1.0, 2.0]));
    }
}
