namespace Simd.Numerics.Blas;

/// <summary>The cache blocking of the packed GEMM driver (BLIS's MC/KC/NC), in elements.</summary>
/// <param name="Mc">Rows of op(A) packed at a time (loop 3); a multiple of the kernel's Mr.</param>
/// <param name="Kc">Depth of a packed slab (loop 4).</param>
/// <param name="Nc">Columns of op(B) packed at a time (loop 5); a multiple of the kernel's Nr.</param>
/// <remarks>
/// Derived for this machine (AMD EPYC under KVM, family 25 model 17 = Zen 4: L1d 32 KiB, L2 1 MiB per core,
/// L3 32 MiB shared) and then measured (quick report "gemm", interleaved A/B runs of the whole product):
/// <list type="bullet">
/// <item><b>Kc (L1).</b> The driver runs loop 1 over B micro-panels inside loop 2 over A micro-panels (see
/// <c>GemmDriver.MacroKernel</c>), so the A micro-panel, <c>Mr·Kc</c> values, must stay in L1 while the B slab
/// streams past it: 8·384·8 B = 24 KiB of the 32 KiB for double (12 KiB for float). A deeper slab amortizes the C
/// tile loads and stores (48 vector memory operations per kernel call against <c>24·Kc</c> FMAs) and the number of
/// passes over C. Measured at n = 1024, one thread: Kc = 384 beat 256 by 2–5 %; 512 was no better.</item>
/// <item><b>Mc (L2).</b> Only the granularity of A packing and of the row split over threads: the A block is read
/// once, micro-panel by micro-panel. <c>Mc·Kc·size</c> (576 KiB for double) stays inside L2.</item>
/// <item><b>Nc (L3).</b> The packed B slab, <c>Kc·Nc</c> values, is reread for every A micro-panel from L3 (shared by
/// the threads, see <c>GemmSharedPanel</c>); a smaller Nc that keeps it in L2 (240 or 480) measured 5–15 % slower,
/// because A is repacked for every Nc columns.</item>
/// </list>
/// None of the three changes the order of the sum for an element except Kc, which fixes where a slab ends:
/// it must not depend on the thread count, and it does not.
/// </remarks>
internal readonly record struct GemmBlocking(int Mc, int Kc, int Nc);
