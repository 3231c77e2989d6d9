using System;
using System.Collections.Generic;
using System.Numerics;
using Simd.Learning.Autodiff;
using Simd.Numerics;

namespace Simd.TestSupport.Reference;

/// <summary>The slow, obviously correct side of backprop: explicit Jacobians chained by the naive triple-loop
/// product in double, and finite-difference Jacobians.</summary>
public static class NaiveJacobians
{
    /// <summary>The naive product of two double matrices.</summary>
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        if (b.GetLength(0) != k)
            throw new ArgumentException("Inner dimensions differ.");
        var c = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += a[i, p] * b[p, j];
                c[i, j] = s;
            }
        return c;
    }

    /// <summary>A matrix of T converted to double.</summary>
    public static double[,] ToDouble<T>(Matrix<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = new double[x.Rows, x.Columns];
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < x.Columns; j++)
                d[i, j] = double.CreateChecked(x[i, j]);
        return d;
    }

    /// <summary>The row vector vᵀ as a 1×n matrix.</summary>
    public static double[,] Row(double[] v)
    {
        var r = new double[1, v.Length];
        for (int i = 0; i < v.Length; i++)
            r[0, i] = v[i];
        return r;
    }

    /// <summary>The explicit Jacobians of one layer at X, in double.</summary>
    public static (double[,] Input, double[,] Parameters) LayerJacobians<T>(IDifferentiable<T> layer, Matrix<T> input)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = input.Rows * layer.OutputSize;
        var jx = new Matrix<T>(rows, input.Rows * layer.InputSize);
        var jp = new Matrix<T>(rows, layer.ParameterCount);
        layer.Jacobian(input.AsReadOnlySpan(), jx.AsSpan(), layer.ParameterCount > 0 ? jp.AsSpan() : default);
        return (ToDouble(jx), ToDouble(jp));
    }

    /// <summary>
    /// The gradient of L with respect to every parameter and to X, from explicit Jacobians only:
    /// <c>∂L/∂θ_l = gᵀ·(J_L ⋯ J_{l+1})·J_θ(l)</c> and <c>∂L/∂X = gᵀ·J_L ⋯ J_1</c>, with g = vec(∂L/∂Y) and every
    /// product formed by <see cref="Multiply"/>. The layer inputs come from the layers' own Forward.
    /// </summary>
    public static (double[] Parameters, double[] Input) ChainedGradient<T>(IReadOnlyList<IDifferentiable<T>> layers, Matrix<T> input, double[] outputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = input.Rows;
        var inputs = new Matrix<T>[layers.Count];
        inputs[0] = input;
        for (int l = 0; l + 1 < layers.Count; l++)
        {
            inputs[l + 1] = new Matrix<T>(batch, layers[l].OutputSize);
            layers[l].Forward(inputs[l].AsReadOnlySpan(), inputs[l + 1].AsSpan());
        }
        int total = 0;
        foreach (IDifferentiable<T> layer in layers)
            total += layer.ParameterCount;
        var parameters = new double[total];
        int rows = batch * layers[^1].OutputSize;
        var chain = new double[rows, rows]; // J_L ⋯ J_{l+1}, starting from the identity
        for (int i = 0; i < rows; i++)
            chain[i, i] = 1;
        double[,] g = Row(outputGradient);
        int offset = total;
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            (double[,] jx, double[,] jp) = LayerJacobians(layers[l], inputs[l]);
            offset -= layers[l].ParameterCount;
            if (layers[l].ParameterCount > 0)
            {
                double[,] gp = Multiply(g, Multiply(chain, jp));
                for (int i = 0; i < layers[l].ParameterCount; i++)
                    parameters[offset + i] = gp[0, i];
            }
            chain = Multiply(chain, jx);
        }
        double[,] gx = Multiply(g, chain);
        var dx = new double[gx.GetLength(1)];
        for (int i = 0; i < dx.Length; i++)
            dx[i] = gx[0, i];
        return (parameters, dx);
    }

    /// <summary>Central-difference Jacobian of f at x (rows: outputs, columns: inputs), with step h.</summary>
    public static double[,] FiniteDifference(Func<double[], double[]> f, double[] x, double h = 1e-5)
    {
        int m = f(x).Length;
        var j = new double[m, x.Length];
        var xp = (double[])x.Clone();
        for (int c = 0; c < x.Length; c++)
        {
            double original = xp[c];
            xp[c] = original + h;
            double[] plus = f(xp);
            xp[c] = original - h;
            double[] minus = f(xp);
            xp[c] = original;
            for (int r = 0; r < m; r++)
                j[r, c] = (plus[r] - minus[r]) / (2 * h);
        }
        return j;
    }
}
