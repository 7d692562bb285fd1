extension Scoring {
    /// The centre of `scale700`. Published shape of the WorldSkills Scale, not an official constant.
    public static let scaleCentre = Fixed2(700)

    /// Standardised scores for all entries of one skill and round, in input order, from their
    /// rounded raw totals.
    ///
    /// - `none`: the raw total itself.
    /// - `scale700`: 700 + k × (raw − median) / spread, where spread = 1.4826 × MAD (the median
    ///   absolute deviation from the median); where MAD is 0, the population standard deviation;
    ///   where that is 0 too (all raws equal), every entry gets 700.00. Rounded half up to two
    ///   decimals (`Rational.roundedHalfUp`).
    ///
    /// The MAD path is exact rational arithmetic. The standard-deviation path is exact too, with
    /// no floating point: with h the raws in hundredths, n entries, S = Σh and W = Σ(n·h − S)²
    /// (an integer), σ = √W / (100·n^1.5). The deviation term in hundredths, Y = 100·|k·d| / σ,
    /// then satisfies (2Y)² = (K·|d₂|)² · n³ / W, an exact rational (K = k in hundredths,
    /// d₂ = 2·(raw − median) in hundredths, an integer). ⌊2Y⌋ is the integer square root of
    /// ⌊(2Y)²⌋ (a 128-bit product and one division), and rounding half up needs only ⌊2Y⌋ and
    /// whether 2Y is whole; so the result is the correctly rounded value of the real formula.
    public static func standardise(_ raws: [Fixed2], method: Standardisation, k: Fixed2) -> [Fixed2] {
        switch method {
        case .none: return raws
        case .scale700: return scale700(raws, k: k)
        }
    }

    static func scale700(_ raws: [Fixed2], k: Fixed2) -> [Fixed2] {
        let n = raws.count
        guard n > 0 else { return [] }
        let centre = scaleCentre.hundredths

        // Twice the median, in hundredths (an integer even for an even count).
        var sorted = raws.map(\.hundredths)
        sorted.sort()
        let median2 = twiceMedian(sorted)

        // d₂ = 2·(raw − median) in hundredths; MAD, doubled again: the median of |d₂| × 2, in
        // units of 1/400 of a mark.
        for i in 0..<n { sorted[i] = Rational.checkedMul(raws[i].hundredths, 2) - median2 }
        let d2 = sorted  // reuses the buffer: d₂ in input order
        var absd = d2.map { $0.magnitude }
        absd.sort()
        let mad4 = Int64(n % 2 == 1 ? absd[n / 2] * 2 : absd[n / 2 - 1] + absd[n / 2])

        let kh = k.hundredths
        if mad4 != 0 {
            // 1.4826 × MAD estimates σ for normally distributed marks.
            // k × d / (1.4826 × MAD) = (K/100)·(d₂/200) / ((14826/10000)·(mad4/400))
            //                         = K·d₂·200 / (14826·mad4)
            // 700 + N/D rounded half up to hundredths (⌊100x + ½⌋) is 70000 + ⌊(200N + D) / 2D⌋
            // hundredths, with N = K·d₂·200 and D = 14826·mad4 > 0: one floor division per entry.
            let den = Rational.checkedMul(14826, mad4)
            let twiceDen = Rational.checkedMul(den, 2)
            return d2.map { d in
                let n = Rational.checkedMul(Rational.checkedMul(kh, d), 200)
                let x = Rational.checkedAdd(Rational.checkedMul(n, 200), den)
                var q = x / twiceDen
                if x % twiceDen != 0 && x < 0 { q -= 1 }
                return Fixed2(hundredths: Rational.checkedAdd(centre, q))
            }
        }

        // Population standard deviation path.
        var s: Int64 = 0
        for r in raws { s = Rational.checkedAdd(s, r.hundredths) }
        var w: UInt64 = 0
        let nn = Int64(n)
        for r in raws {
            let dev = (Rational.checkedMul(nn, r.hundredths) - s).magnitude
            let (sq, o1) = dev.multipliedReportingOverflow(by: dev)
            let (sum, o2) = w.addingReportingOverflow(sq)
            precondition(!o1 && !o2, "standardise: overflow")
            w = sum
        }
        if w == 0 { return [Fixed2](repeating: scaleCentre, count: n) }

        let (n2, o3) = UInt64(n).multipliedReportingOverflow(by: UInt64(n))
        let (n3, o4) = n2.multipliedReportingOverflow(by: UInt64(n))
        precondition(!o3 && !o4, "standardise: overflow")
        let kMag = kh.magnitude
        let kNegative = kh < 0
        return d2.map { d in
            if d == 0 || kh == 0 { return scaleCentre }
            let (a, o5) = kMag.multipliedReportingOverflow(by: d.magnitude)
            let (a2, o6) = a.multipliedReportingOverflow(by: a)
            precondition(!o5 && !o6, "standardise: overflow")
            // Z = (2Y)² = a² · n³ / W, in 128 bits then divided.
            let wide = a2.multipliedFullWidth(by: n3)
            precondition(wide.high < w, "standardise: overflow")
            let (zFloor, zRem) = w.dividingFullWidth(wide)
            let f = isqrt(zFloor)  // ⌊2Y⌋
            let exact = zRem == 0 && f * f == zFloor  // 2Y is a whole number
            let y: Int64  // Y rounded half toward +∞, with Y's sign
            if (d > 0) != kNegative {
                y = Int64((f + 1) / 2)  // ⌊Y + ½⌋
            } else {
                // ⌊−Y + ½⌋ = −⌈Y − ½⌉
                y = -Int64(exact ? f / 2 : (f + 1) / 2)
            }
            return Fixed2(hundredths: centre + y)
        }
    }

    /// Twice the median of sorted values (exact: the sum of the two middle values for an even count).
    @inline(__always)
    static func twiceMedian(_ sorted: [Int64]) -> Int64 {
        let n = sorted.count
        return n % 2 == 1 ? Rational.checkedMul(sorted[n / 2], 2) : Rational.checkedAdd(sorted[n / 2 - 1], sorted[n / 2])
    }

    /// ⌊√x⌋, by Newton's method on integers.
    static func isqrt(_ x: UInt64) -> UInt64 {
        if x < 2 { return x }
        var r = UInt64(1) << ((64 - x.leadingZeroBitCount + 1) / 2)  // ≥ √x
        while true {
            let next = (r + x / r) / 2
            if next >= r { return r }
            r = next
        }
    }
}
