namespace Simd.Learning.Optimizers;

/// <summary>Why a full-batch minimizer returned.</summary>
public enum StopReason
{
    /// <summary>A convergence test passed: the gradient norm fell to <see cref="MinimizerOptions.GradientTolerance"/>,
    /// or the relative change of the value (or of x) fell to <see cref="MinimizerOptions.RelativeTolerance"/>.</summary>
    Converged = 0,

    /// <summary><see cref="MinimizerOptions.MaxIterations"/> iterations were taken without convergence.</summary>
    IterationLimit = 1,

    /// <summary><see cref="MinimizerOptions.MaxEvaluations"/> objective evaluations were spent without convergence.</summary>
    EvaluationLimit = 2,

    /// <summary>The line search found no acceptable step along a descent direction (even after falling back to the
    /// steepest-descent direction). This usually means the gradient does not match the value, or that the
    /// requested tolerance is below what rounding allows. The result holds the best point found.</summary>
    LineSearchFailed = 3,

    /// <summary>The objective returned a non-finite value or gradient (at the starting point, or at every step the
    /// line search tried). The result holds the last point with finite value and gradient, if any.</summary>
    NonFinite = 4,
}
