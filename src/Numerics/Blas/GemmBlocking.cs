namespace Simd.Numerics.Blas;

/// <summary>The cache blocking of the packed GEMM driver (BLIS's MC/KC/NC), in elements.</summary>
/// <param name="Mc">Rows of op(A) packed at a time (loop 3); a multiple of the kernel's Mr.</param>
/// <param name="Kc">Depth of a packed slab (loop 4).</param>
/// <param name="Nc">Columns of op(B) packed at a time (loop 5); a multiple of the kernel's Nr.</param>
/// <remarks>
/// Derived for this machine (Zen 5 under KVM: L1d 32 KiB reported, 48 KiB physical; L2 1 MiB per core;
/// L3 32 MiB shared), with the reasoning of BLIS and of the gemm crate's <c>cache.rs</c>:
/// <list type="bullet">
/// <item><b>Kc (L1).</b> Loop 1 (ir) runs the kernel over every A micro-panel against one B micro-panel, so the
/// B micro-panel, <c>Kc·Nr</c> values, must stay in L1 while A micro-panels (<c>Kc·Mr</c> each) stream through
/// it: <c>Kc·(Nr + 2·Mr)·size ≤ L1</c>. For the 512-bit 8×24 double kernel, <c>Kc·(24 + 16)·8 ≤ 48 KiB</c> gives
/// Kc ≈ 150; the same bytes for float (8×48, 4-byte values) give the same Kc. Deeper slabs amortize the C tile
/// loads and stores (48 vector memory operations per kernel call against <c>24·Kc</c> FMAs) but spill B from
/// L1; the values in <see cref="MicroKernels.KernelSelection"/> were then tuned by measurement around this estimate.</item>
/// <item><b>Mc (L2).</b> The packed A block, <c>Mc·Kc</c> values, is reread once per B micro-panel (loop 2), so
/// it lives in L2 next to the B micro-panel and the C tiles in flight: <c>Mc·Kc·size ≤ L2 / 2</c>.</item>
/// <item><b>Nc (L3).</b> The packed B slab, <c>Kc·Nc</c> values, is reread for every A block (loop 3), so it
/// stays in the L3 share of one core: <c>Kc·Nc·size ≤ L3 / 4</c> (two cores, and room for A and C).</item>
/// </list>
/// None of the three changes the order of the sum for an element except Kc, which fixes where a slab ends:
/// it must not depend on the thread count, and it does not.
/// </remarks>
internal readonly record struct GemmBlocking(int Mc, int Kc, int Nc);
