using System;
using Simd.Benchmarks.Peers;
using Simd.Learning.Optimizers;
using Simd.Numerics.Kernels;

namespace Simd.Benchmarks.Learning.Optimizers;

/// <summary>
/// The vector work of one L-BFGS iteration, excluding the objective, exactly as <see cref="Lbfgs"/> does it: the
/// two-loop direction, the slope ∇fᵀd, the trial point x + α·d, the line search's φ′ = ∇f(x + αd)ᵀd, the new pair
/// (s, y, sᵀy, yᵀy) and ‖∇f‖. Also the same sequence written with OpenBLAS's BLAS-1 (the peer).
/// </summary>
/// <remarks>Bytes that must move per iteration, 8 per double touched in each pass: direction (4 + 10m)·p (copy 2,
/// scale 2, per pair: two dots 2 + 2 and two axpys 3 + 3), slope 2p, trial point 5p, φ′ 2p, pair 9p (two subtracts
/// 3 + 3, sᵀy 2, yᵀy 1), norm 1p: (23 + 10m)·p in all, 123·p·8 bytes = 984 MB for m = 10, p = 10⁶.</remarks>
internal sealed class LbfgsIterationWorkload
{
    private readonly int _p, _m;
    private readonly double[] _x, _g, _xTrial, _gTrial, _d;
    private readonly LbfgsMemory _memory;

    // The peer's own ring of pairs (plain arrays, same layout).
    private readonly double[] _s, _y, _rho, _alpha;

    public LbfgsIterationWorkload(int p, int m)
    {
        _p = p;
        _m = m;
        _x = Data.Vector<double>(p, 1);
        _g = Data.Vector<double>(p, 2);
        _xTrial = Data.Vector<double>(p, 3);
        _gTrial = Data.Vector<double>(p, 4);
        // Make (xTrial − x, gTrial − g) a pair with positive curvature: gTrial = g + 2·(xTrial − x) + small.
        for (int i = 0; i < p; i++)
            _gTrial[i] = _g[i] + 2 * (_xTrial[i] - _x[i]) + 0.01 * _gTrial[i];
        _d = new double[p];
        _memory = new LbfgsMemory(p, m);
        for (int k = 0; k < m; k++)
            _memory.TryPush(_xTrial, _x, _gTrial, _g);

        _s = new double[checked(p * m)];
        _y = new double[checked(p * m)];
        _rho = new double[m];
        _alpha = new double[m];
        for (int k = 0; k < m; k++)
        {
            for (int i = 0; i < p; i++)
            {
                _s[k * p + i] = _xTrial[i] - _x[i];
                _y[k * p + i] = _gTrial[i] - _g[i];
            }
            _rho[k] = 1 / SpanMath.Dot<double>(_s.AsSpan(k * p, p), _y.AsSpan(k * p, p));
        }
    }

    /// <summary>Bytes per iteration (see the remarks).</summary>
    public static double Bytes(int p, int m) => (23.0 + 10 * m) * p * 8;

    /// <summary>Flops per iteration: 2 per element for each dot, axpy and norm, 1 for each scale and subtract.</summary>
    public static double Flops(int p, int m) => (4.0 * m + 15) * p;

    /// <summary>Bytes of the two-loop direction alone.</summary>
    public static double DirectionBytes(int p, int m) => (4.0 + 10 * m) * p * 8;

    /// <summary>Just the two-loop recursion.</summary>
    public void Direction() => _memory.ComputeDirection(_g, _d);

    /// <summary>One iteration's vector work with Simd's kernels, as in <see cref="Lbfgs"/>.</summary>
    public double Iteration()
    {
        _memory.ComputeDirection(_g, _d);
        double slope = SpanMath.Dot<double>(_g, _d);
        _x.AsSpan().CopyTo(_xTrial);
        SpanMath.Axpy(1e-12, _d, _xTrial.AsSpan()); // tiny α keeps the workload unchanged call after call
        double derivative = SpanMath.Dot<double>(_gTrial, _d);
        _memory.TryPush(_xTrial, _x, _gTrial, _g);
        return slope + derivative + SpanMath.Norm2<double>(_gTrial);
    }

    /// <summary>The same sequence with OpenBLAS BLAS-1 calls (dcopy, ddot, daxpy, dscal, dnrm2).</summary>
    public double IterationOpenBlas()
    {
        int p = _p;
        // Two-loop recursion, newest pair last in the arrays.
        OpenBlas.cblas_dcopy(p, ref _g[0], 1, ref _d[0], 1);
        for (int k = _m - 1; k >= 0; k--)
        {
            double a = _rho[k] * OpenBlas.cblas_ddot(p, ref _s[k * p], 1, ref _d[0], 1);
            _alpha[k] = a;
            OpenBlas.cblas_daxpy(p, -a, ref _y[k * p], 1, ref _d[0], 1);
        }
        OpenBlas.cblas_dscal(p, -0.5, ref _d[0], 1);
        for (int k = 0; k < _m; k++)
        {
            double b = _rho[k] * OpenBlas.cblas_ddot(p, ref _y[k * p], 1, ref _d[0], 1);
            OpenBlas.cblas_daxpy(p, -(_alpha[k] + b), ref _s[k * p], 1, ref _d[0], 1);
        }
        double slope = OpenBlas.cblas_ddot(p, ref _g[0], 1, ref _d[0], 1);
        OpenBlas.cblas_dcopy(p, ref _x[0], 1, ref _xTrial[0], 1);
        OpenBlas.cblas_daxpy(p, 1e-12, ref _d[0], 1, ref _xTrial[0], 1);
        double derivative = OpenBlas.cblas_ddot(p, ref _gTrial[0], 1, ref _d[0], 1);
        // New pair into the oldest slot: s = xTrial − x, y = gTrial − g (copy + axpy: BLAS has no subtract).
        int slot = 0;
        OpenBlas.cblas_dcopy(p, ref _xTrial[0], 1, ref _s[slot * p], 1);
        OpenBlas.cblas_daxpy(p, -1, ref _x[0], 1, ref _s[slot * p], 1);
        OpenBlas.cblas_dcopy(p, ref _gTrial[0], 1, ref _y[slot * p], 1);
        OpenBlas.cblas_daxpy(p, -1, ref _g[0], 1, ref _y[slot * p], 1);
        double sy = OpenBlas.cblas_ddot(p, ref _s[slot * p], 1, ref _y[slot * p], 1);
        double yy = OpenBlas.cblas_ddot(p, ref _y[slot * p], 1, ref _y[slot * p], 1);
        _rho[slot] = 1 / sy;
        return slope + derivative + yy + OpenBlas.cblas_dnrm2(p, ref _gTrial[0], 1);
    }
}
