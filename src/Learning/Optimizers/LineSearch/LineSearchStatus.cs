namespace Simd.Learning.Optimizers.LineSearch;

/// <summary>The outcome of one <see cref="StrongWolfeLineSearch"/>.</summary>
public enum LineSearchStatus
{
    /// <summary>The returned step satisfies both strong Wolfe conditions.</summary>
    Success = 0,

    /// <summary>The direction is not a descent direction (φ′(0) ≥ 0, or not finite); nothing was evaluated.</summary>
    NotDescentDirection = 1,

    /// <summary>The search spent its evaluation budget without finding an acceptable step.</summary>
    EvaluationLimit = 2,

    /// <summary>The bracketing interval shrank to rounding level without an acceptable step (the gradient may not
    /// match the value, or the point is already optimal to machine precision).</summary>
    IntervalTooSmall = 3,

    /// <summary>The returned step satisfies the curvature condition |φ′(α)| ≤ c₂|φ′(0)| and Hager–Zhang's approximate
    /// sufficient decrease φ′(α) ≤ (2c₁ − 1)·φ′(0) with φ(α) ≤ φ(0) + <see cref="LineSearchOptions.ApproximateWolfeTolerance"/>·|φ(0)|,
    /// but not the exact sufficient-decrease test: near a minimizer the change in φ is below the rounding noise of φ,
    /// so decrease is judged from the derivative (which, for a quadratic, is equivalent).</summary>
    ApproximateWolfe = 5,

    /// <summary>The objective kept returning a non-finite value or gradient even for steps shrunk towards 0.</summary>
    NonFinite = 4,
}
