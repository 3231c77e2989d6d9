namespace Simd.Learning.Optimizers;

/// <summary>What a full-batch minimizer returns: where it stopped, and why.</summary>
/// <param name="Solution">The final point (a new array; the starting point is never modified).</param>
/// <param name="Value">The objective at <paramref name="Solution"/> (½‖r‖² for least squares).</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at <paramref name="Solution"/>
/// (of Jᵀr for least squares).</param>
/// <param name="Iterations">Accepted steps taken.</param>
/// <param name="Evaluations">Objective (value and gradient) evaluations, line-search trials included; for least
/// squares, residual evaluations.</param>
/// <param name="Reason">Why the run stopped.</param>
public sealed record MinimizationResult(double[] Solution, double Value, double GradientNorm, int Iterations, int Evaluations, StopReason Reason)
{
    /// <summary><see langword="true"/> when <see cref="Reason"/> is <see cref="StopReason.Converged"/>.</summary>
    public bool Converged => Reason == StopReason.Converged;
}
