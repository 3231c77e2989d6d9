using System;
using System.Numerics;
using Simd.Learning.Losses;
using Simd.Learning.Networks;
using Simd.Numerics;

namespace Simd.Learning.Autodiff;

/// <summary>The outcome of a gradient check: the worst component and how far backprop and finite differences disagree there.</summary>
/// <param name="MaxRelativeError">max over i of <c>|aᵢ − nᵢ| / max(|aᵢ|, |nᵢ|, floor)</c>.</param>
/// <param name="WorstIndex">The component i where it occurs (−1 when there are no components).</param>
/// <param name="Analytic">The backprop value aᵢ there.</param>
/// <param name="Numeric">The finite-difference value nᵢ there.</param>
/// <param name="MaxAbsoluteError">max over i of <c>|aᵢ − nᵢ|</c>.</param>
public readonly record struct GradientCheckResult(double MaxRelativeError, int WorstIndex, double Analytic, double Numeric, double MaxAbsoluteError)
{
    /// <summary>A one-line report.</summary>
    public override string ToString() =>
        $"worst relative error {MaxRelativeError:G3} at parameter {WorstIndex} (backprop {Analytic:G17}, finite differences {Numeric:G17}); worst absolute error {MaxAbsoluteError:G3}";
}

/// <summary>
/// Gradient checking: compares a backprop gradient with central finite differences computed in double.
/// </summary>
/// <remarks>
/// The numeric derivative of component i is the Richardson-extrapolated central difference
/// <c>(4·D(h/2) − D(h))/3</c>, <c>D(h) = (f(θ + h·eᵢ) − f(θ − h·eᵢ))/(2h)</c>, starting from
/// <c>h = step·max(1, |θᵢ|)</c> and halving h (at most 8 times) until two successive extrapolations agree to 1e-10;
/// its error is O(h⁴) plus the rounding of f divided by h, and the halving copes with functions that curve on a
/// scale smaller than the first step (batch normalisation of nearly constant features). Components much smaller than the gradient's scale
/// cannot be resolved by finite differences, so the relative error is taken against <c>max(|a|, |n|, floor)</c>.
/// With a double network and the defaults, a correct backprop gives relative errors around 1e-9; a wrong one, O(1).
/// For float networks the loss itself is rounded to float, so expect about 1e-3.
/// </remarks>
public static class GradientCheck
{
    private const int MaxHalvings = 8;

    /// <summary>Checks <see cref="Sequential{T}.ComputeLossAndGradient"/> against finite differences of
    /// <see cref="Sequential{T}.ComputeLoss"/> for every parameter of <paramref name="network"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network; its parameters are restored after each perturbation.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="input">X, B×InputSize.</param>
    /// <param name="target">Y, B×OutputSize.</param>
    /// <param name="step">The first step h (1e-2 by default; halved until the estimates settle).</param>
    /// <param name="floor">The smallest denominator of the relative error (1e-6 by default).</param>
    /// <returns>The worst component.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>Runs at most 18·p + 2 forward passes. In training mode the perturbed forward passes update batch-norm
    /// running statistics, which does not change training-mode losses.</remarks>
    public static GradientCheckResult Parameters<T>(Sequential<T> network, ILoss<T> loss, Matrix<T> input, Matrix<T> target,
        double step = 1e-2, double floor = 1e-6)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        network.ComputeLossAndGradient(input.AsReadOnlySpan(), target.AsReadOnlySpan(), loss);
        var analytic = new double[network.ParameterCount];
        for (int i = 0; i < analytic.Length; i++)
            analytic[i] = double.CreateChecked(network.Gradient[i]);
        double[] numeric = NumericGradient(network.Parameters.ToArray(), theta =>
        {
            theta.CopyTo(network.Parameters);
            return double.CreateChecked(network.ComputeLoss(input.AsReadOnlySpan(), target.AsReadOnlySpan(), loss));
        }, step);
        return Compare(analytic, numeric, floor);
    }

    /// <summary>Central-difference gradient (Richardson-extrapolated) of <paramref name="function"/> at <paramref name="point"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="point">θ; left unchanged on return.</param>
    /// <param name="function">Evaluates f at the θ it is given (it may keep no reference to the array).</param>
    /// <param name="step">The base step h.</param>
    /// <returns>The numeric gradient, in double.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive.</exception>
    public static double[] NumericGradient<T>(T[] point, Func<T[], double> function, double step = 1e-2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(function);
        if (!(step > 0))
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        var theta = (T[])point.Clone();
        var gradient = new double[point.Length];
        for (int i = 0; i < point.Length; i++)
        {
            T original = theta[i];
            double x = double.CreateChecked(original), h = step * Math.Max(1, Math.Abs(x));
            double D(double hh)
            {
                T plus = T.CreateChecked(x + hh), minus = T.CreateChecked(x - hh);
                theta[i] = plus;
                double fPlus = function(theta);
                theta[i] = minus;
                double fMinus = function(theta);
                theta[i] = original;
                return (fPlus - fMinus) / (double.CreateChecked(plus) - double.CreateChecked(minus));
            }
            // Richardson extrapolation on a shrinking step: stop when two successive extrapolations agree, and
            // otherwise keep the pair that agreed best (functions that curve at a scale below h need a smaller h).
            double best = double.NaN, bestDisagreement = double.PositiveInfinity, previous = double.NaN;
            double dh = D(h);
            for (int level = 0; level < MaxHalvings; level++, h /= 2)
            {
                double dHalf = D(h / 2), extrapolated = (4 * dHalf - dh) / 3;
                dh = dHalf;
                if (level > 0)
                {
                    double disagreement = Math.Abs(extrapolated - previous);
                    if (disagreement < bestDisagreement || double.IsNaN(best))
                    {
                        bestDisagreement = disagreement;
                        best = extrapolated;
                    }
                    if (disagreement <= 1e-10 * Math.Max(1, Math.Abs(extrapolated)))
                        break;
                }
                previous = extrapolated;
            }
            gradient[i] = best;
        }
        function(theta); // leave the caller's state at θ
        return gradient;
    }

    /// <summary>Compares two gradients component by component.</summary>
    /// <param name="analytic">The backprop gradient a.</param>
    /// <param name="numeric">The finite-difference gradient n, as long as <paramref name="analytic"/>.</param>
    /// <param name="floor">The smallest denominator of the relative error.</param>
    /// <returns>The worst component.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static GradientCheckResult Compare(ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric, double floor = 1e-6)
    {
        if (analytic.Length != numeric.Length)
            throw new ArgumentException($"Expected {analytic.Length} components but got {numeric.Length}.", nameof(numeric));
        double worst = 0, worstAbs = 0;
        int at = analytic.Length == 0 ? -1 : 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            double a = analytic[i], n = numeric[i], diff = Math.Abs(a - n);
            double rel = diff / Math.Max(Math.Max(Math.Abs(a), Math.Abs(n)), floor);
            if (double.IsNaN(rel))
                rel = double.PositiveInfinity;
            worstAbs = Math.Max(worstAbs, diff);
            if (rel > worst)
            {
                worst = rel;
                at = i;
            }
        }
        return at < 0
            ? new GradientCheckResult(0, -1, 0, 0, 0)
            : new GradientCheckResult(worst, at, analytic[at], numeric[at], worstAbs);
    }
}
