extension Scoring {
    /// Standard competition ranking ("1224") by score, highest first: an entry's rank is one more
    /// than the number of entries strictly ahead of it.
    ///
    /// With `tieBreak == .modules`, equal scores are ordered by their module totals in scheme
    /// order: the first module where they differ decides, the higher total ahead (a module total
    /// absent from a shorter list counts as 0). Still equal: a shared rank. `moduleTotals` is
    /// then one list per entry; with `.none` it is ignored (it may be empty).
    public static func rank(scores: [Fixed2], moduleTotals: [[Fixed2]], tieBreak: TieBreak) -> [Int] {
        let n = scores.count
        let byModules = tieBreak == .modules
        precondition(!byModules || moduleTotals.count == n, "rank: one module-totals list per entry")

        /// > 0 when i is ahead of j, < 0 when behind, 0 when tied.
        func compare(_ i: Int, _ j: Int) -> Int {
            let a = scores[i].hundredths, b = scores[j].hundredths
            if a != b { return a > b ? 1 : -1 }
            guard byModules else { return 0 }
            let ma = moduleTotals[i], mb = moduleTotals[j]
            for m in 0..<Swift.max(ma.count, mb.count) {
                let x = m < ma.count ? ma[m].hundredths : 0
                let y = m < mb.count ? mb[m].hundredths : 0
                if x != y { return x > y ? 1 : -1 }
            }
            return 0
        }

        var order = Array(0..<n)
        order.sort { i, j in
            let c = compare(i, j)
            return c != 0 ? c > 0 : i < j
        }
        var ranks = [Int](repeating: 0, count: n)
        for (pos, i) in order.enumerated() {
            ranks[i] = pos > 0 && compare(order[pos - 1], i) == 0 ? ranks[order[pos - 1]] : pos + 1
        }
        return ranks
    }

    /// Medals of a final round, by rank number: rank 1 gold, rank 2 silver, rank 3 bronze. So two
    /// golds (ranks 1, 1, 3) mean no silver and a bronze to the next; a tie for second gives
    /// several silvers and no bronze.
    ///
    /// The Medallion for Excellence goes to non-medallists only: `.threshold(t)`: score ≥ t;
    /// `.topFraction(f)`: rank ≤ entrants × f, exactly (rank × 10000 ≤ entrants × f in
    /// ten-thousandths), with entrants = the number of entries given.
    public static func medals(ranks: [Int], scores: [Fixed2], rule: ExcellenceRule) -> [Medal?] {
        precondition(ranks.count == scores.count, "medals: one score per rank")
        let entrants = ranks.count
        var out = [Medal?](repeating: nil, count: entrants)
        for i in 0..<entrants {
            switch ranks[i] {
            case 1: out[i] = .gold
            case 2: out[i] = .silver
            case 3: out[i] = .bronze
            default:
                let excellent: Bool
                switch rule {
                case let .threshold(t): excellent = scores[i] >= t
                case let .topFraction(f): excellent = ranks[i] * 10_000 <= entrants * f.perTenThousand
                }
                if excellent { out[i] = .excellence }
            }
        }
        return out
    }

    /// Who advances from a non-final round: rank ≤ `round.advance`, or rank ≤ entrants ×
    /// `round.advanceFraction` (exactly: rank × 10000 ≤ entrants × fraction in ten-thousandths);
    /// either condition suffices when both are set. Ranks are shared, so everyone tied at the
    /// boundary advances. A round with neither (the final) advances nobody.
    public static func advancing(ranks: [Int], round: Round) -> [Bool] {
        let entrants = ranks.count
        let byCount = round.advance
        let byFraction = round.advanceFraction.map { entrants * $0.perTenThousand }
        return ranks.map { r in
            if let a = byCount, r <= a { return true }
            if let limit = byFraction, r * 10_000 <= limit { return true }
            return false
        }
    }
}
