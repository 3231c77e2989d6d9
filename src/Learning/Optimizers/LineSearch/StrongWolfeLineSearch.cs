using System;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers.LineSearch;

/// <summary>A line search that returns a step satisfying the strong Wolfe conditions (Nocedal &amp; Wright,
/// <i>Numerical Optimization</i>, 2nd ed., Algorithms 3.5 and 3.6: bracketing, then a zoom that interpolates
/// with cubics).</summary>
/// <remarks>
/// <para>Phase 1 (bracketing) tries the initial step, then extrapolates with the minimizer of the cubic through
/// the last two trials, kept in [α + 1.1·Δ, α + 4·Δ] (Δ = the last increase, the safeguard of Moré–Thuente),
/// until a trial breaks sufficient decrease, fails to decrease, or has φ′ ≥ 0: an interval that contains an
/// acceptable step is then known.</para>
/// <para>Phase 2 (zoom) keeps a bracket [α_lo, α_hi] with α_lo the best trial so far (it satisfies sufficient
/// decrease) and φ′(α_lo)·(α_hi − α_lo) &lt; 0, and tries the minimizer of the cubic interpolating φ and φ′ at
/// both ends, kept at least 1 % of the width away from either end; it bisects instead when the cubic has no
/// minimizer inside, or when two trials in a row failed to shrink the interval below ⅔ of its earlier width, so the
/// interval shrinks geometrically (the safeguard of Moré–Thuente).</para>
/// <para>Non-finite trials (NaN or ±∞ in the value or the directional derivative) are treated as "too far": the step
/// is pulled back 10× towards the last good trial, at most six times in a row, after which the search reports
/// <see cref="LineSearchStatus.NonFinite"/>. Every trial evaluates the value and the gradient.</para>
/// </remarks>
public static class StrongWolfeLineSearch
{
    private const int MaxConsecutiveNonFinite = 6;

    /// <summary>Searches along <paramref name="direction"/> from <paramref name="x"/> for a step α satisfying the
    /// strong Wolfe conditions.</summary>
    /// <param name="objective">The objective f.</param>
    /// <param name="x">The current point (not modified).</param>
    /// <param name="value">f(x).</param>
    /// <param name="gradient">∇f(x) (not modified).</param>
    /// <param name="direction">A descent direction d (∇f(x)ᵀd &lt; 0; not modified).</param>
    /// <param name="initialStep">The first trial step (1 for Newton and quasi-Newton directions); must be positive.</param>
    /// <param name="trialPoint">Workspace; on success, x + α·d.</param>
    /// <param name="trialGradient">Workspace; on success, ∇f(x + α·d).</param>
    /// <param name="options">c₁, c₂ and the evaluation budget; <see langword="null"/> for <see cref="LineSearchOptions.Default"/>.</param>
    /// <returns>The status, the step, φ(α), φ′(α) and the evaluations spent.</returns>
    /// <exception cref="ArgumentException">A span's length differs from that of <paramref name="x"/>, a workspace
    /// overlaps an input, or <paramref name="initialStep"/> is not positive.</exception>
    public static LineSearchResult Search(ObjectiveFunction objective, ReadOnlySpan<double> x, double value,
        ReadOnlySpan<double> gradient, ReadOnlySpan<double> direction, double initialStep,
        Span<double> trialPoint, Span<double> trialGradient, LineSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= LineSearchOptions.Default;
        options.Validate();
        int n = x.Length;
        if (gradient.Length != n)
            throw new ArgumentException($"Expected a gradient of length {n} (the length of x) but got {gradient.Length}.", nameof(gradient));
        if (direction.Length != n)
            throw new ArgumentException($"Expected a direction of length {n} (the length of x) but got {direction.Length}.", nameof(direction));
        if (trialPoint.Length != n)
            throw new ArgumentException($"Expected a trial point of length {n} (the length of x) but got {trialPoint.Length}.", nameof(trialPoint));
        if (trialGradient.Length != n)
            throw new ArgumentException($"Expected a trial gradient of length {n} (the length of x) but got {trialGradient.Length}.", nameof(trialGradient));
        if (trialPoint.Overlaps(x) || trialPoint.Overlaps(direction) || trialPoint.Overlaps(trialGradient) || trialPoint.Overlaps(gradient))
            throw new ArgumentException("The trial point must not overlap x, the gradient, the direction or the trial gradient.", nameof(trialPoint));
        if (trialGradient.Overlaps(x) || trialGradient.Overlaps(direction) || trialGradient.Overlaps(gradient))
            throw new ArgumentException("The trial gradient must not overlap x, the gradient or the direction.", nameof(trialGradient));
        if (!(initialStep > 0) || double.IsPositiveInfinity(initialStep))
            throw new ArgumentOutOfRangeException(nameof(initialStep), initialStep, "The initial step must be positive and finite.");

        return Run(objective, x, value, SpanMath.Dot(gradient, direction), direction, initialStep,
            trialPoint, trialGradient, options, options.MaxEvaluations);
    }

    /// <summary>The search without argument checks; <paramref name="slope"/> is φ′(0) = ∇f(x)ᵀd, and
    /// <paramref name="budget"/> caps the evaluations (below <see cref="LineSearchOptions.MaxEvaluations"/>).</summary>
    internal static LineSearchResult Run(ObjectiveFunction objective, ReadOnlySpan<double> x, double value, double slope,
        ReadOnlySpan<double> direction, double initialStep, Span<double> trialPoint, Span<double> trialGradient,
        LineSearchOptions options, int budget)
    {
        if (!(slope < 0) || !double.IsFinite(slope))
            return new LineSearchResult(LineSearchStatus.NotDescentDirection, 0, value, slope, 0);

        double c1 = options.SufficientDecrease, c2 = options.Curvature;
        double noise = options.ApproximateWolfeTolerance * Math.Abs(value);
        budget = Math.Min(budget, options.MaxEvaluations);
        int evaluations = 0, nonFinite = 0;

        // The previous trial of phase 1 (α = 0 at first) and the current one.
        double aPrev = 0, fPrev = value, gPrev = slope;
        double a = initialStep;
        bool first = true;

        while (true)
        {
            if (evaluations >= budget)
                return new LineSearchResult(LineSearchStatus.EvaluationLimit, aPrev, fPrev, gPrev, evaluations);
            double f = Evaluate(objective, x, direction, a, trialPoint, trialGradient, out double g);
            evaluations++;

            if (!double.IsFinite(f) || !double.IsFinite(g))
            {
                if (++nonFinite > MaxConsecutiveNonFinite)
                    return new LineSearchResult(LineSearchStatus.NonFinite, a, f, g, evaluations);
                a = aPrev + 0.1 * (a - aPrev);
                continue;
            }
            nonFinite = 0;

            LineSearchStatus decrease = Decrease(value, slope, c1, noise, a, f, g);
            if (decrease == NoDecrease || (!first && f >= fPrev && f - fPrev > noise))
                return Zoom(objective, x, value, slope, direction, trialPoint, trialGradient, c1, c2, noise, budget, evaluations,
                    aPrev, fPrev, gPrev, a, f, g);
            if (Math.Abs(g) <= -c2 * slope)
                return new LineSearchResult(decrease, a, f, g, evaluations);
            if (g >= 0)
                return Zoom(objective, x, value, slope, direction, trialPoint, trialGradient, c1, c2, noise, budget, evaluations,
                    a, f, g, aPrev, fPrev, gPrev);

            // Still descending and sufficiently decreasing: extrapolate.
            double delta = a - aPrev;
            double next = CubicMinimizer(aPrev, fPrev, gPrev, a, f, g);
            double low = a + 1.1 * delta, high = a + 4 * delta;
            next = double.IsFinite(next) ? Math.Clamp(next, low, high) : high;
            aPrev = a; fPrev = f; gPrev = g;
            a = next;
            first = false;
        }
    }

    /// <summary>Algorithm 3.6: shrinks [lo, hi] (either order) around an acceptable step.</summary>
    private static LineSearchResult Zoom(ObjectiveFunction objective, ReadOnlySpan<double> x, double value, double slope,
        ReadOnlySpan<double> direction, Span<double> trialPoint, Span<double> trialGradient, double c1, double c2,
        double noise, int budget, int evaluations, double aLo, double fLo, double gLo, double aHi, double fHi, double gHi)
    {
        int nonFinite = 0;
        bool hiFinite = double.IsFinite(fHi) && double.IsFinite(gHi);
        double previousWidth = double.PositiveInfinity, widthBefore = double.PositiveInfinity;
        while (true)
        {
            double width = Math.Abs(aHi - aLo);
            if (width <= 1e-15 * Math.Max(Math.Abs(aLo), Math.Abs(aHi)) || width == 0)
                return new LineSearchResult(LineSearchStatus.IntervalTooSmall, aLo, fLo, gLo, evaluations);
            if (evaluations >= budget)
                return new LineSearchResult(LineSearchStatus.EvaluationLimit, aLo, fLo, gLo, evaluations);

            // Cubic step, kept 1 % of the width inside the interval; bisection when the cubic has no minimizer in the
            // interval, the end is not finite, or the last two trials failed to shrink the interval below ⅔ of its
            // width before them (Moré–Thuente's safeguard), so the width falls geometrically.
            double a = hiFinite && !(width > 0.66 * widthBefore) ? CubicMinimizer(aLo, fLo, gLo, aHi, fHi, gHi) : double.NaN;
            double left = Math.Min(aLo, aHi), right = Math.Max(aLo, aHi);
            a = a > left && a < right ? Math.Clamp(a, left + 0.01 * width, right - 0.01 * width) : 0.5 * (aLo + aHi);
            widthBefore = previousWidth;
            previousWidth = width;

            double f = Evaluate(objective, x, direction, a, trialPoint, trialGradient, out double g);
            evaluations++;

            if (!double.IsFinite(f) || !double.IsFinite(g))
            {
                if (++nonFinite > MaxConsecutiveNonFinite)
                    return new LineSearchResult(LineSearchStatus.NonFinite, a, f, g, evaluations);
                aHi = a; fHi = f; gHi = g; hiFinite = false;
                continue;
            }
            nonFinite = 0;

            LineSearchStatus decrease = Decrease(value, slope, c1, noise, a, f, g);
            if (decrease == NoDecrease || (f >= fLo && f - fLo > noise) || (f >= fLo && g * (aHi - aLo) >= 0 && noise > 0))
            {
                aHi = a; fHi = f; gHi = g; hiFinite = true;
                continue;
            }
            if (Math.Abs(g) <= -c2 * slope)
                return new LineSearchResult(decrease, a, f, g, evaluations);
            if (g * (aHi - aLo) >= 0)
            {
                aHi = aLo; fHi = fLo; gHi = gLo; hiFinite = true;
            }
            aLo = a; fLo = f; gLo = g;
        }
    }

    /// <summary>Marks a trial that fails both forms of sufficient decrease.</summary>
    private const LineSearchStatus NoDecrease = (LineSearchStatus)(-1);

    /// <summary><see cref="LineSearchStatus.Success"/> when φ(α) ≤ φ(0) + c₁αφ′(0);
    /// <see cref="LineSearchStatus.ApproximateWolfe"/> when instead φ(α) ≤ φ(0) + noise and φ′(α) ≤ (2c₁ − 1)·φ′(0)
    /// (Hager–Zhang's approximate form, exact for a quadratic); otherwise <see cref="NoDecrease"/>.</summary>
    private static LineSearchStatus Decrease(double value, double slope, double c1, double noise, double a, double f, double g)
    {
        if (f <= value + c1 * a * slope)
            return LineSearchStatus.Success;
        if (noise > 0 && f <= value + noise && g <= (2 * c1 - 1) * slope)
            return LineSearchStatus.ApproximateWolfe;
        return NoDecrease;
    }

    /// <summary>trialPoint = x + α·d, then f and ∇f there; returns f and φ′(α) = ∇fᵀd.</summary>
    private static double Evaluate(ObjectiveFunction objective, ReadOnlySpan<double> x, ReadOnlySpan<double> direction,
        double a, Span<double> trialPoint, Span<double> trialGradient, out double derivative)
    {
        x.CopyTo(trialPoint);
        SpanMath.Axpy(a, direction, trialPoint);
        double f = objective(trialPoint, trialGradient);
        derivative = double.IsFinite(f) ? SpanMath.Dot<double>(trialGradient, direction) : double.NaN;
        return f;
    }

    /// <summary>The minimizer of the cubic that interpolates (a, fa, ga) and (b, fb, gb) (Nocedal &amp; Wright
    /// eq. 3.59); NaN when the cubic has no local minimizer.</summary>
    internal static double CubicMinimizer(double a, double fa, double ga, double b, double fb, double gb)
    {
        double d1 = ga + gb - 3 * (fa - fb) / (a - b);
        double discriminant = d1 * d1 - ga * gb;
        if (!(discriminant >= 0))
            return double.NaN;
        double d2 = Math.CopySign(Math.Sqrt(discriminant), b - a);
        double denominator = gb - ga + 2 * d2;
        if (denominator == 0)
            return double.NaN;
        return b - (b - a) * (gb + d2 - d1) / denominator;
    }
}
