/// An exact rational number on `Int64`: always reduced, with a positive denominator, so equal
/// values are equal structs (and hash alike).
///
/// Marks are exact decimals and judgement marks are thirds of them (2 of 3 × 60 = 140/3), so
/// totals are kept as rationals and rounded once, at the end (`roundedHalfUp`). Every operation
/// is overflow-checked: results that do not fit in `Int64` trap with a message rather than wrap.
/// Domain values stay tiny (denominators divide small multiples of 900), so this never happens in
/// practice. Comparison never overflows (it uses full-width products).
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let num: Int64
    public let den: Int64

    public static let zero = Rational(reduced: 0, 1)
    public static let one = Rational(reduced: 1, 1)

    /// `num / den`, reduced. `den` must not be 0.
    public init(_ num: Int64, _ den: Int64 = 1) {
        precondition(den != 0, "Rational: zero denominator")
        if num == 0 { self.num = 0; self.den = 1; return }
        let g = Rational.gcd(num, den)
        var n = num / g, d = den / g
        if d < 0 { n = -n; d = -d }
        self.num = n; self.den = d
    }

    /// The exact value of a two-decimal number: hundredths / 100.
    public init(_ f: Fixed2) { self.init(f.hundredths, 100) }

    /// `num / den` already reduced with `den > 0` (internal fast path).
    private init(reduced num: Int64, _ den: Int64) { self.num = num; self.den = den }

    // MARK: Arithmetic

    public static func + (l: Rational, r: Rational) -> Rational {
        if l.den == r.den { return Rational(checkedAdd(l.num, r.num), l.den) }
        let g = gcd(l.den, r.den)
        let ld = l.den / g, rd = r.den / g
        let n = checkedAdd(checkedMul(l.num, rd), checkedMul(r.num, ld))
        return Rational(n, checkedMul(ld, r.den))
    }

    public static prefix func - (x: Rational) -> Rational { Rational(reduced: checkedNeg(x.num), x.den) }

    public static func - (l: Rational, r: Rational) -> Rational { l + (-r) }

    public static func * (l: Rational, r: Rational) -> Rational {
        if l.num == 0 || r.num == 0 { return .zero }
        // Cross-reduce first so the products are as small as possible and already reduced.
        let g1 = gcd(l.num, r.den), g2 = gcd(r.num, l.den)
        return Rational(reduced: checkedMul(l.num / g1, r.num / g2), checkedMul(l.den / g2, r.den / g1))
    }

    public static func / (l: Rational, r: Rational) -> Rational {
        precondition(r.num != 0, "Rational: division by zero")
        let recip = r.num < 0 ? Rational(reduced: checkedNeg(r.den), checkedNeg(r.num)) : Rational(reduced: r.den, r.num)
        return l * recip
    }

    public static func += (l: inout Rational, r: Rational) { l = l + r }
    public static func -= (l: inout Rational, r: Rational) { l = l - r }

    public var isZero: Bool { num == 0 }
    public var isNegative: Bool { num < 0 }
    public var magnitude: Rational { num < 0 ? -self : self }

    // MARK: Comparison

    public static func < (l: Rational, r: Rational) -> Bool {
        if l.den == r.den { return l.num < r.num }
        // l.num × r.den < r.num × l.den, in 128 bits (denominators are positive).
        let a = l.num.multipliedFullWidth(by: r.den), b = r.num.multipliedFullWidth(by: l.den)
        return a.high != b.high ? a.high < b.high : a.low < b.low
    }

    // MARK: Rounding

    /// The largest integer ≤ self.
    public var floor: Int64 {
        let q = num / den
        return (num % den != 0 && num < 0) ? q - 1 : q
    }

    /// Rounded half up to two decimals: the nearest hundredth, and at exactly half a hundredth
    /// (x.xx5) the one toward +∞. For the non-negative values of the domain this is the usual
    /// "half up" (87.125 → 87.13, 0.005 → 0.01); for a negative value it is also toward +∞
    /// (−0.005 → 0.00, −1.235 → −1.23), i.e. floor(x × 100 + ½), so the rounding of x + c for
    /// any whole-hundredths c is that of x plus c (standardised scores round consistently either
    /// side of the median).
    public func roundedHalfUp() -> Fixed2 {
        // x = q + r/den with 0 ≤ r < den; hundredths = 100q + floor((200r + den) / 2den).
        let q = floor
        let r = num - q * den  // 0 ≤ r < den: cannot overflow
        let part = Rational.checkedAdd(Rational.checkedMul(r, 200), den) / Rational.checkedMul(den, 2)
        return Fixed2(hundredths: Rational.checkedAdd(Rational.checkedMul(q, 100), part))
    }

    public var description: String { den == 1 ? "\(num)" : "\(num)/\(den)" }

    // MARK: Helpers

    /// Greatest common divisor of the magnitudes (> 0 unless both are 0).
    @inline(__always)
    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        precondition(x <= UInt64(Int64.max), "Rational: overflow")
        return Int64(x)
    }

    @inline(__always)
    static func checkedMul(_ a: Int64, _ b: Int64) -> Int64 {
        let (v, o) = a.multipliedReportingOverflow(by: b)
        precondition(!o, "Rational: overflow")
        return v
    }

    @inline(__always)
    static func checkedAdd(_ a: Int64, _ b: Int64) -> Int64 {
        let (v, o) = a.addingReportingOverflow(b)
        precondition(!o, "Rational: overflow")
        return v
    }

    @inline(__always)
    static func checkedNeg(_ a: Int64) -> Int64 {
        precondition(a != .min, "Rational: overflow")
        return -a
    }
}
