using System;
using System.Collections.Generic;
using Simd.Benchmarks.Learning.Optimizers;
using Simd.Benchmarks.Peers;

namespace Simd.Benchmarks.Quick;

/// <summary>One L-BFGS iteration's overhead at p = 10⁶, m = 10 (op "lbfgs_iter"; K = m), and the two-loop direction
/// alone ("lbfgs_twoloop"), with the OpenBLAS BLAS-1 version of the same sequence as the peer. The 0.4 GB of
/// vectors are allocated on first use, so other filters do not pay for them.</summary>
internal sealed class LbfgsSuite : IQuickSuite
{
    public IEnumerable<QuickCase> Cases()
    {
        const int p = 1_000_000, m = 10;
        var work = new Lazy<LbfgsIterationWorkload>(() => new LbfgsIterationWorkload(p, m));
        double sink = 0;
        double bytes = LbfgsIterationWorkload.Bytes(p, m), flops = LbfgsIterationWorkload.Flops(p, m);
        yield return new QuickCase("lbfgs_iter", "f64", 0, p, m, 1, "simd", flops, () => sink += work.Value.Iteration()) { Bytes = bytes };
        if (OpenBlas.IsAvailable)
            yield return new QuickCase("lbfgs_iter", "f64", 0, p, m, 1, "openblas", flops, () => sink += work.Value.IterationOpenBlas()) { Bytes = bytes };
        yield return new QuickCase("lbfgs_twoloop", "f64", 0, p, m, 1, "simd", (4.0 * m + 1) * p, () => work.Value.Direction())
        {
            Bytes = LbfgsIterationWorkload.DirectionBytes(p, m),
        };
        GC.KeepAlive(sink);
    }
}
