using System;
using Simd.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Examples.Tour;

/// <summary>Span kernels on real columns: norms, dot products (correlations), sums, argmax.</summary>
internal static class KernelsSection
{
    public static void Run(string data)
    {
        Dataset diabetes = Dataset.Load(data, "diabetes");
        Console.WriteLine($"diabetes: {diabetes.X.Rows} patients × {diabetes.X.Columns} features ({string.Join(", ", diabetes.FeatureNames)})");

        // Columns are strided in a row-major matrix; the transpose makes each feature a contiguous span.
        Matrix<double> columns = diabetes.X.Transpose();
        double[] y = diabetes.Y;
        double yMean = SpanMath.Sum<double>(y) / y.Length;
        var yCentered = new double[y.Length];
        Array.Copy(y, yCentered, y.Length);
        for (int i = 0; i < yCentered.Length; i++) yCentered[i] -= yMean;
        double yNorm = SpanMath.Norm2<double>(yCentered);

        var correlations = new double[columns.Rows];
        for (int j = 0; j < columns.Rows; j++)
        {
            ReadOnlySpan<double> feature = columns.Row(j); // already mean-centred in this data set
            correlations[j] = SpanMath.Dot(feature, yCentered) / (SpanMath.Norm2(feature) * yNorm);
        }
        int best = SpanMath.ArgMax<double>(correlations);
        Console.WriteLine($"correlation with disease progression: {string.Join("  ", FormatEach(diabetes.FeatureNames, correlations))}");
        Console.WriteLine($"strongest single predictor: {diabetes.FeatureNames[best]} (r = {correlations[best]:F3})");

        // The scaled 2-norm survives values that would overflow a naive sum of squares.
        double[] huge = [3e200, 4e200];
        Console.WriteLine($"‖(3e200, 4e200)‖₂ = {SpanMath.Norm2<double>(huge):G3} (a naive √Σx² gives {Math.Sqrt(huge[0] * huge[0] + huge[1] * huge[1])})");
    }

    private static string[] FormatEach(string[] names, double[] values)
    {
        var parts = new string[names.Length];
        for (int i = 0; i < names.Length; i++) parts[i] = $"{names[i]} {values[i]:+0.00;-0.00}";
        return parts;
    }
}
