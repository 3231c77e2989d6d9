using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simd.Numerics.Kernels;

/// <summary>
/// exp, log, tanh, logistic sigmoid and softplus on one vector register (written once against
/// <see cref="IVectorOps{TVec, T}"/>) and on one scalar (the same algorithm, for tails and the non-SIMD path).
/// </summary>
/// <remarks>
/// <para>Every function is range reduction plus a polynomial; no call to <see cref="System.Math"/> per element.
/// The polynomials are near-minimax (Chebyshev) fits computed for this library with mpmath at 50 digits on the
/// reduced intervals below; <c>float</c> uses lower degrees than <c>double</c>.</para>
/// <list type="bullet">
/// <item>exp: <c>x = n·ln2 + r</c>, |r| ≤ ln2/2 (Cody–Waite split of ln2, rounding of <c>x·log₂e</c> by the
/// 1.5·2ᵐ "magic number" addition), <c>eʳ = 1 + r + r²·q(r)</c> with q of degree 9 (double) / 4 (float), then
/// <c>2ⁿ</c> built from the bits. Inputs whose result would be subnormal, zero or infinite take a second,
/// exact scaling in two halves, so subnormal results are rounded once.</item>
/// <item>log: <c>x = 2ᵉ·m</c>, m ∈ [√½, √2), <c>f = m − 1</c>, <c>s = f/(2+f)</c>,
/// <c>log(1+f) = f − f²/2 + s·(f²/2 + s²·U(s²))</c> with U of degree 6 / 2. Zero, negative, subnormal,
/// infinite and NaN lanes are finished lane by lane.</item>
/// <item>tanh: <c>|x| &lt; 0.55</c>: <c>x + x³·V(x²)</c> with V of degree 10 / 4; otherwise
/// <c>sign(x)·(1 − 2/(e^{2|x|} + 1))</c>, with |x| clamped at 20 where tanh is 1 to working precision.</item>
/// <item>sigmoid: <c>e = exp(−|x|)</c>, <c>1/(1+e)</c> for x ≥ 0 and <c>e/(1+e)</c> for x &lt; 0: no overflow anywhere.</item>
/// <item>softplus: <c>max(x, 0) + log1p(exp(−|x|))</c>, with <c>log1p(y) = log(u) + (y − (u − 1))/u</c>, u = 1 + y.</item>
/// </list>
/// </remarks>
internal static class ElementaryFunctions
{
    // ---------------------------------------------------------------- constants

    private const double Log2E = 1.4426950408889634;
    private const double Ln2HiD = 0.6931471526622772;          // ln 2 with 25 significant bits: n·Ln2Hi is exact for |n| < 2¹¹
    private const double Ln2LoD = 2.7897668087737545e-08;      // ln 2 − Ln2HiD
    private const double Ln2HiF = 0.693359375;                 // 9 significant bits: exact products in float for |n| < 2⁸
    private const double Ln2LoF = -2.1219444005469057e-4;
    private const double Sqrt2 = 1.4142135623730951;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T C<T>(double value) where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (T)(object)value : (T)(object)(float)value; // folds to a constant, unlike CreateTruncating

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDouble<T>() => typeof(T) == typeof(double);

    /// <summary>|x| below this keeps exp's result normal and 2ⁿ a single normal power of two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpFastLimit<T>() where T : unmanaged, IFloatingPointIeee754<T> => IsDouble<T>() ? C<T>(708.0) : C<T>(87.0);

    /// <summary>Below this exp is +0 (after rounding), above the upper one +∞; clamping there keeps n small.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpLowClamp<T>() where T : unmanaged, IFloatingPointIeee754<T> => IsDouble<T>() ? C<T>(-746.0) : C<T>(-104.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpHighClamp<T>() where T : unmanaged, IFloatingPointIeee754<T> => IsDouble<T>() ? C<T>(710.0) : C<T>(89.0);

    /// <summary>The largest subnormal, whose bit pattern is also the mantissa mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T MaxSubnormal<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        IsDouble<T>() ? (T)(object)System.BitConverter.Int64BitsToDouble(0x000F_FFFF_FFFF_FFFF)
                      : (T)(object)System.BitConverter.Int32BitsToSingle(0x007F_FFFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MantissaBits<T>() => IsDouble<T>() ? 52 : 23;

    /// <summary>2ᵐ + bias: adding it to an integral n (−bias &lt; n) puts n + bias in the low mantissa bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T BiasedMagic<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        IsDouble<T>() ? C<T>(4503599627370496.0 + 1023.0) : C<T>(8388608.0 + 127.0);

    /// <summary>1.5·2ᵐ: <c>(v + RoundMagic) − RoundMagic</c> rounds v to the nearest integer (ties to even) for |v| &lt; 2ᵐ⁻¹.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T RoundMagic<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        IsDouble<T>() ? C<T>(6755399441055744.0) : C<T>(12582912.0);

    // ---------------------------------------------------------------- exp

    /// <summary>eˣ on one register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Exp<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        if (TOps.LessThanAll(TOps.Abs(x), TOps.Broadcast(ExpFastLimit<T>())))
            return ExpFast<T, TVec, TOps>(x);
        return ExpWide<T, TVec, TOps>(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpFast<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        TVec magic = TOps.Broadcast(BiasedMagic<T>());
        TVec k = TOps.MultiplyAdd(x, TOps.Broadcast(C<T>(Log2E)), magic);
        TVec n = TOps.Subtract(k, magic);
        TVec p = ExpReduced<T, TVec, TOps>(x, n);
        return TOps.Multiply(p, TOps.ShiftLeftBits(k, MantissaBits<T>()));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TVec ExpWide<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        // Clamping keeps n within two normal powers of two; NaN passes through Min/Max.
        x = TOps.Min(TOps.Max(x, TOps.Broadcast(ExpLowClamp<T>())), TOps.Broadcast(ExpHighClamp<T>()));
        TVec round = TOps.Broadcast(RoundMagic<T>());
        TVec n = TOps.Subtract(TOps.MultiplyAdd(x, TOps.Broadcast(C<T>(Log2E)), round), round);
        TVec p = ExpReduced<T, TVec, TOps>(x, n);
        TVec n1 = TOps.Subtract(TOps.MultiplyAdd(n, TOps.Broadcast(C<T>(0.5)), round), round);
        TVec n2 = TOps.Subtract(n, n1);
        TVec magic = TOps.Broadcast(BiasedMagic<T>());
        TVec s1 = TOps.ShiftLeftBits(TOps.Add(n1, magic), MantissaBits<T>());
        TVec s2 = TOps.ShiftLeftBits(TOps.Add(n2, magic), MantissaBits<T>());
        return TOps.Multiply(TOps.Multiply(p, s1), s2); // the first product is exact; the second rounds once
    }

    /// <summary>e^(x − n·ln2) for integral n with |x − n·ln2| ≤ ln2/2 (plus rounding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpReduced<T, TVec, TOps>(TVec x, TVec n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        TVec r, q;
        if (IsDouble<T>())
        {
            r = TOps.MultiplyAdd(n, TOps.Broadcast(C<T>(-Ln2HiD)), x);
            r = TOps.MultiplyAdd(n, TOps.Broadcast(C<T>(-Ln2LoD)), r);
            q = TOps.MultiplyAdd(TOps.Broadcast(C<T>(2.5100375832561233664e-8)), r, TOps.Broadcast(C<T>(2.7620075879983366586e-7)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(2.7557268480310025526e-6)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(2.4801521322368693266e-5)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(1.9841269863040545271e-4)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(1.3888888917196719077e-3)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(8.3333333333300644495e-3)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(4.1666666666624161903e-2)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(0.16666666666666667452)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(0.50000000000000010211)));
        }
        else
        {
            r = TOps.MultiplyAdd(n, TOps.Broadcast(C<T>(-Ln2HiF)), x);
            r = TOps.MultiplyAdd(n, TOps.Broadcast(C<T>(-Ln2LoF)), r);
            q = TOps.MultiplyAdd(TOps.Broadcast(C<T>(1.3926176119935578884e-3)), r, TOps.Broadcast(C<T>(8.3631730745137109028e-3)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(4.1666554662050533982e-2)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(0.1666657702559798819)));
            q = TOps.MultiplyAdd(q, r, TOps.Broadcast(C<T>(0.5)));
        }
        return TOps.Add(TOps.MultiplyAdd(TOps.Multiply(r, r), q, r), TOps.Broadcast(T.One));
    }

    /// <summary>eˣ for one scalar: the same algorithm as <see cref="Exp{T, TVec, TOps}"/>.</summary>
    public static T Exp<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.Abs(x) < ExpFastLimit<T>())
        {
            T magic = BiasedMagic<T>();
            T k = T.MultiplyAddEstimate(x, C<T>(Log2E), magic);
            T n = k - magic;
            return T.ScaleB(ExpReduced(x, n), int.CreateTruncating(n));
        }
        if (T.IsNaN(x))
            return x;
        x = T.Min(T.Max(x, ExpLowClamp<T>()), ExpHighClamp<T>());
        T round = RoundMagic<T>();
        T nw = T.MultiplyAddEstimate(x, C<T>(Log2E), round) - round;
        T n1 = T.MultiplyAddEstimate(nw, C<T>(0.5), round) - round;
        T pw = ExpReduced(x, nw);
        return T.ScaleB(T.ScaleB(pw, int.CreateTruncating(n1)), int.CreateTruncating(nw - n1));
    }

    private static T ExpReduced<T>(T x, T n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T r, q;
        if (IsDouble<T>())
        {
            r = T.MultiplyAddEstimate(n, C<T>(-Ln2HiD), x);
            r = T.MultiplyAddEstimate(n, C<T>(-Ln2LoD), r);
            q = T.MultiplyAddEstimate(C<T>(2.5100375832561233664e-8), r, C<T>(2.7620075879983366586e-7));
            q = T.MultiplyAddEstimate(q, r, C<T>(2.7557268480310025526e-6));
            q = T.MultiplyAddEstimate(q, r, C<T>(2.4801521322368693266e-5));
            q = T.MultiplyAddEstimate(q, r, C<T>(1.9841269863040545271e-4));
            q = T.MultiplyAddEstimate(q, r, C<T>(1.3888888917196719077e-3));
            q = T.MultiplyAddEstimate(q, r, C<T>(8.3333333333300644495e-3));
            q = T.MultiplyAddEstimate(q, r, C<T>(4.1666666666624161903e-2));
            q = T.MultiplyAddEstimate(q, r, C<T>(0.16666666666666667452));
            q = T.MultiplyAddEstimate(q, r, C<T>(0.50000000000000010211));
        }
        else
        {
            r = T.MultiplyAddEstimate(n, C<T>(-Ln2HiF), x);
            r = T.MultiplyAddEstimate(n, C<T>(-Ln2LoF), r);
            q = T.MultiplyAddEstimate(C<T>(1.3926176119935578884e-3), r, C<T>(8.3631730745137109028e-3));
            q = T.MultiplyAddEstimate(q, r, C<T>(4.1666554662050533982e-2));
            q = T.MultiplyAddEstimate(q, r, C<T>(0.1666657702559798819));
            q = T.MultiplyAddEstimate(q, r, C<T>(0.5));
        }
        return T.MultiplyAddEstimate(r * r, q, r) + T.One;
    }

    // ---------------------------------------------------------------- log

    /// <summary>Natural logarithm on one register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Log<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        // Positive normal finite lanes only: MaxSubnormal < x < +∞ (NaN fails both).
        if (TOps.LessThanAll(x, TOps.Broadcast(T.PositiveInfinity)) && TOps.LessThanAll(TOps.Broadcast(MaxSubnormal<T>()), x))
            return LogNormal<T, TVec, TOps>(x);
        return LogLanes<T, TVec, TOps>(x);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TVec LogLanes<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        System.Span<T> lanes = stackalloc T[TOps.Count];
        TOps.Store(x, ref lanes[0], 0);
        for (int i = 0; i < lanes.Length; i++)
            lanes[i] = Log(lanes[i]);
        return TOps.Load(ref lanes[0], 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LogNormal<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int mbits = MantissaBits<T>();
        TVec magic = TOps.Broadcast(BiasedMagic<T>());
        TVec magic0 = TOps.Subtract(magic, TOps.Broadcast(IsDouble<T>() ? C<T>(1023.0) : C<T>(127.0))); // 2ᵐ
        // e: the biased exponent field moved into the mantissa of 2ᵐ, then unbiased by subtraction.
        TVec e = TOps.Subtract(TOps.Or(TOps.ShiftRightBits(x, mbits), magic0), magic);
        // m ∈ [1, 2): the mantissa bits with the exponent of 1.
        TVec mantissaMask = TOps.Broadcast(MaxSubnormal<T>()); // bits 0…0 1…1: exactly the mantissa field
        TVec one = TOps.Broadcast(T.One);
        TVec m = TOps.Or(TOps.And(x, mantissaMask), one);
        TVec big = TOps.GreaterThan(m, TOps.Broadcast(C<T>(Sqrt2)));
        m = TOps.ConditionalSelect(big, TOps.Multiply(m, TOps.Broadcast(C<T>(0.5))), m);
        e = TOps.ConditionalSelect(big, TOps.Add(e, one), e);
        return LogReduced<T, TVec, TOps>(TOps.Subtract(m, one), e);
    }

    /// <summary>log(1 + f) + e·ln2 for f ∈ [√½ − 1, √2 − 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LogReduced<T, TVec, TOps>(TVec f, TVec e)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        TVec s = TOps.Divide(f, TOps.Add(TOps.Broadcast(C<T>(2.0)), f));
        TVec z = TOps.Multiply(s, s);
        TVec u;
        if (IsDouble<T>())
        {
            u = TOps.MultiplyAdd(TOps.Broadcast(C<T>(0.1461644968504340586)), z, TOps.Broadcast(C<T>(0.15331721600556041269)));
            u = TOps.MultiplyAdd(u, z, TOps.Broadcast(C<T>(0.1818288912526172208)));
            u = TOps.MultiplyAdd(u, z, TOps.Broadcast(C<T>(0.22222211134795079855)));
            u = TOps.MultiplyAdd(u, z, TOps.Broadcast(C<T>(0.28571428625975484921)));
            u = TOps.MultiplyAdd(u, z, TOps.Broadcast(C<T>(0.3999999999989950449)));
            u = TOps.MultiplyAdd(u, z, TOps.Broadcast(C<T>(0.66666666666666696862)));
        }
        else
        {
            u = TOps.MultiplyAdd(TOps.Broadcast(C<T>(0.29579949391972784709)), z, TOps.Broadcast(C<T>(0.39988780566021981899)));
            u = TOps.MultiplyAdd(u, z, TOps.Broadcast(C<T>(0.66666685039575855022)));
        }
        TVec r = TOps.Multiply(z, u);
        TVec hfsq = TOps.Multiply(TOps.Multiply(TOps.Broadcast(C<T>(0.5)), f), f);
        TVec lo = TOps.MultiplyAdd(s, TOps.Add(hfsq, r), TOps.Multiply(e, TOps.Broadcast(C<T>(IsDouble<T>() ? Ln2LoD : Ln2LoF))));
        TVec body = TOps.Subtract(TOps.Subtract(hfsq, lo), f);
        return TOps.Subtract(TOps.Multiply(e, TOps.Broadcast(C<T>(IsDouble<T>() ? Ln2HiD : Ln2HiF))), body);
    }

    /// <summary>Natural logarithm of one scalar: the same algorithm as the vector form.</summary>
    public static T Log<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x) || x < T.Zero)
            return T.NaN;
        if (x == T.Zero)
            return T.NegativeInfinity;
        if (T.IsPositiveInfinity(x))
            return x;
        int e = T.ILogB(x);
        T m = T.ScaleB(x, -e); // exact, subnormals included: m ∈ [1, 2)
        if (m > C<T>(Sqrt2))
        {
            m *= C<T>(0.5);
            e++;
        }
        return LogReduced(m - T.One, T.CreateTruncating(e));
    }

    private static T LogReduced<T>(T f, T e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = f / (C<T>(2.0) + f);
        T z = s * s;
        T u;
        if (IsDouble<T>())
        {
            u = T.MultiplyAddEstimate(C<T>(0.1461644968504340586), z, C<T>(0.15331721600556041269));
            u = T.MultiplyAddEstimate(u, z, C<T>(0.1818288912526172208));
            u = T.MultiplyAddEstimate(u, z, C<T>(0.22222211134795079855));
            u = T.MultiplyAddEstimate(u, z, C<T>(0.28571428625975484921));
            u = T.MultiplyAddEstimate(u, z, C<T>(0.3999999999989950449));
            u = T.MultiplyAddEstimate(u, z, C<T>(0.66666666666666696862));
        }
        else
        {
            u = T.MultiplyAddEstimate(C<T>(0.29579949391972784709), z, C<T>(0.39988780566021981899));
            u = T.MultiplyAddEstimate(u, z, C<T>(0.66666685039575855022));
        }
        T r = z * u;
        T hfsq = C<T>(0.5) * f * f;
        T lo = T.MultiplyAddEstimate(s, hfsq + r, e * C<T>(IsDouble<T>() ? Ln2LoD : Ln2LoF));
        return e * C<T>(IsDouble<T>() ? Ln2HiD : Ln2HiF) - ((hfsq - lo) - f);
    }

    // ---------------------------------------------------------------- tanh, sigmoid, softplus

    private const double TanhPolyLimit = 0.55;
    private const double TanhSaturation = 20.0;

    /// <summary>tanh on one register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Tanh<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        TVec ax = TOps.Abs(x);
        TVec limit = TOps.Broadcast(C<T>(TanhPolyLimit));
        TVec one = TOps.Broadcast(T.One);
        // Small: x + x·u·V(u), u = x².
        TVec u = TOps.Multiply(x, x);
        TVec v;
        if (IsDouble<T>())
        {
            v = TOps.MultiplyAdd(TOps.Broadcast(C<T>(-2.0602765376366341605e-5)), u, TOps.Broadcast(C<T>(8.5113136855776715155e-5)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(-2.3463474108872371445e-4)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(5.8893605200740577697e-4)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(-1.4556618301007160336e-3)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(3.5921103786890238773e-3)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(-8.8632343978143548378e-3)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(2.1869488493666941903e-2)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(-5.3968253967434014504e-2)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(0.13333333333332714826)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(-0.33333333333333332561)));
        }
        else
        {
            v = TOps.MultiplyAdd(TOps.Broadcast(C<T>(-6.6102278311147345141e-3)), u, TOps.Broadcast(C<T>(2.1309388664443473807e-2)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(-5.3909428827460545439e-2)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(0.1333311372902087191)));
            v = TOps.MultiplyAdd(v, u, TOps.Broadcast(C<T>(-0.33333332007976979681)));
        }
        TVec small = TOps.MultiplyAdd(TOps.Multiply(x, u), v, x);
        // Below 2⁻²⁷ (double) or 2⁻¹² (float) tanh x rounds to x; returning x also keeps the sign of −0.
        small = TOps.ConditionalSelect(TOps.LessThan(ax, TOps.Broadcast(C<T>(IsDouble<T>() ? 7.450580596923828e-09 : 2.44140625e-4))), x, small);
        if (TOps.LessThanAll(ax, limit))
            return small;
        // Large: 1 − 2/(e^{2|x|} + 1), sign copied from x.
        TVec a = TOps.Min(ax, TOps.Broadcast(C<T>(TanhSaturation)));
        TVec ex = ExpFast<T, TVec, TOps>(TOps.Add(a, a));
        TVec t = TOps.Subtract(one, TOps.Divide(TOps.Broadcast(C<T>(2.0)), TOps.Add(ex, one)));
        TVec signMask = TOps.Broadcast(T.NegativeZero);
        TVec large = TOps.Or(t, TOps.And(x, signMask));
        return TOps.ConditionalSelect(TOps.LessThan(ax, limit), small, large);
    }

    /// <summary>tanh of one scalar: the same algorithm as the vector form.</summary>
    public static T Tanh<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T ax = T.Abs(x);
        if (ax < C<T>(IsDouble<T>() ? 7.450580596923828e-09 : 2.44140625e-4))
            return x;
        if (ax < C<T>(TanhPolyLimit))
        {
            T u = x * x, v;
            if (IsDouble<T>())
            {
                v = T.MultiplyAddEstimate(C<T>(-2.0602765376366341605e-5), u, C<T>(8.5113136855776715155e-5));
                v = T.MultiplyAddEstimate(v, u, C<T>(-2.3463474108872371445e-4));
                v = T.MultiplyAddEstimate(v, u, C<T>(5.8893605200740577697e-4));
                v = T.MultiplyAddEstimate(v, u, C<T>(-1.4556618301007160336e-3));
                v = T.MultiplyAddEstimate(v, u, C<T>(3.5921103786890238773e-3));
                v = T.MultiplyAddEstimate(v, u, C<T>(-8.8632343978143548378e-3));
                v = T.MultiplyAddEstimate(v, u, C<T>(2.1869488493666941903e-2));
                v = T.MultiplyAddEstimate(v, u, C<T>(-5.3968253967434014504e-2));
                v = T.MultiplyAddEstimate(v, u, C<T>(0.13333333333332714826));
                v = T.MultiplyAddEstimate(v, u, C<T>(-0.33333333333333332561));
            }
            else
            {
                v = T.MultiplyAddEstimate(C<T>(-6.6102278311147345141e-3), u, C<T>(2.1309388664443473807e-2));
                v = T.MultiplyAddEstimate(v, u, C<T>(-5.3909428827460545439e-2));
                v = T.MultiplyAddEstimate(v, u, C<T>(0.1333311372902087191));
                v = T.MultiplyAddEstimate(v, u, C<T>(-0.33333332007976979681));
            }
            return T.MultiplyAddEstimate(x * u, v, x);
        }
        if (T.IsNaN(x))
            return x;
        T a = T.Min(ax, C<T>(TanhSaturation));
        T t = T.One - C<T>(2.0) / (Exp(a + a) + T.One);
        return T.CopySign(t, x);
    }

    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ) on one register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        TVec e = Exp<T, TVec, TOps>(TOps.Subtract(TOps.Zero, TOps.Abs(x)));
        TVec r = TOps.Divide(TOps.Broadcast(T.One), TOps.Add(TOps.Broadcast(T.One), e));
        TVec negative = TOps.LessThan(x, TOps.Zero);
        return TOps.ConditionalSelect(negative, TOps.Multiply(e, r), r);
    }

    /// <summary>The logistic sigmoid of one scalar: the same algorithm as the vector form.</summary>
    public static T Sigmoid<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T e = Exp(-T.Abs(x));
        T r = T.One / (T.One + e);
        return x < T.Zero ? e * r : r;
    }

    /// <summary>softplus(x) = log(1 + eˣ) on one register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Softplus<T, TVec, TOps>(TVec x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        TVec y = Exp<T, TVec, TOps>(TOps.Subtract(TOps.Zero, TOps.Abs(x)));  // (0, 1]
        TVec one = TOps.Broadcast(T.One);
        TVec u = TOps.Add(one, y);                                             // [1, 2]
        TVec log1p = TOps.Add(Log<T, TVec, TOps>(u), TOps.Divide(TOps.Subtract(y, TOps.Subtract(u, one)), u));
        return TOps.Add(TOps.Max(x, TOps.Zero), log1p);
    }

    /// <summary>softplus of one scalar: the same algorithm as the vector form.</summary>
    public static T Softplus<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T y = Exp(-T.Abs(x));
        T u = T.One + y;
        T log1p = Log(u) + (y - (u - T.One)) / u;
        return T.Max(x, T.Zero) + log1p;
    }
}
