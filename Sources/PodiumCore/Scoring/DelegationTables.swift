/// One delegation's line in a delegation table. `points` is computed with the competition's
/// `MedalPoints`; `rank` is the rank in the table the row came from.
public struct DelegationRow: Hashable, Sendable, Codable {
    public var delegation: String
    public var gold: Int
    public var silver: Int
    public var bronze: Int
    public var excellence: Int
    public var points: Int
    public var rank: Int

    public init(delegation: String, gold: Int = 0, silver: Int = 0, bronze: Int = 0, excellence: Int = 0,
                points: Int = 0, rank: Int = 0) {
        self.delegation = delegation; self.gold = gold; self.silver = silver; self.bronze = bronze
        self.excellence = excellence; self.points = points; self.rank = rank
    }

    /// Gold + silver + bronze (the Medallion for Excellence is not a medal here).
    public var medalCount: Int { gold + silver + bronze }
}

/// The delegations given a team award; shared ranks share the award.
public struct TeamAwards: Hashable, Sendable {
    public var gold: [String]
    public var silver: [String]
    public var bronze: [String]
    public init(gold: [String] = [], silver: [String] = [], bronze: [String] = []) {
        self.gold = gold; self.silver = silver; self.bronze = bronze
    }
}

/// The three delegation tables, each listing every delegation (zeros included). Rows that are
/// equal on a table's keys share a rank (1, 2, 2, 4) and keep the order delegations were given.
public struct DelegationTables: Hashable, Sendable {
    /// By gold, then silver, bronze, excellence (all descending).
    public var gold: [DelegationRow]
    /// By gold + silver + bronze, then gold, silver, bronze.
    public var count: [DelegationRow]
    /// By points, then gold, silver, bronze.
    public var points: [DelegationRow]

    public init(gold: [DelegationRow], count: [DelegationRow], points: [DelegationRow]) {
        self.gold = gold; self.count = count; self.points = points
    }

    public func table(_ t: TeamTable) -> [DelegationRow] {
        switch t {
        case .gold: gold
        case .count: count
        case .points: points
        }
    }

    /// Team awards from the configured table: rank 1 → gold, rank 2 → silver, rank 3 → bronze.
    /// Shared ranks share the award, and a rank that does not occur gives no award (two delegations
    /// ranked 1 take gold, the next one, ranked 3, bronze, and there is no silver). A delegation
    /// whose keys in that table are all 0 (it won nothing the table counts) gets no award.
    public func teamAwards(_ t: TeamTable) -> TeamAwards {
        var awards = TeamAwards()
        for row in table(t) {
            if row.rank > 3 { break }
            guard !DelegationTables.key(t, row).isZero else { continue }
            switch row.rank {
            case 1: awards.gold.append(row.delegation)
            case 2: awards.silver.append(row.delegation)
            default: awards.bronze.append(row.delegation)
            }
        }
        return awards
    }

    /// A table's sort key: four counts compared in order, higher first.
    struct Key: Equatable {
        var a, b, c, d: Int
        var isZero: Bool { a == 0 && b == 0 && c == 0 && d == 0 }
        static func > (l: Key, r: Key) -> Bool { (l.a, l.b, l.c, l.d) > (r.a, r.b, r.c, r.d) }
    }

    static func key(_ t: TeamTable, _ r: DelegationRow) -> Key {
        switch t {
        case .gold: Key(a: r.gold, b: r.silver, c: r.bronze, d: r.excellence)
        case .count: Key(a: r.medalCount, b: r.gold, c: r.silver, d: r.bronze)
        case .points: Key(a: r.points, b: r.gold, c: r.silver, d: r.bronze)
        }
    }

    /// `rows` ordered and ranked for table `t`; ties keep the input order.
    static func ranked(_ rows: [DelegationRow], _ t: TeamTable) -> [DelegationRow] {
        let keys = rows.map { key(t, $0) }
        var order = Array(rows.indices)
        order.sort { i, j in keys[i] != keys[j] ? keys[i] > keys[j] : i < j }
        var out: [DelegationRow] = []
        out.reserveCapacity(rows.count)
        for (pos, i) in order.enumerated() {
            var row = rows[i]
            row.rank = pos > 0 && keys[order[pos - 1]] == keys[i] ? out[pos - 1].rank : pos + 1
            out.append(row)
        }
        return out
    }
}

extension Scoring {
    /// The three delegation tables over every medal awarded: one element of `medals` per medal
    /// won (final rounds only; `.excellence` for a Medallion for Excellence). Every delegation of
    /// `delegations` is listed, in that order where a table ties; a repeated id is listed once.
    /// A medal of a delegation not given is not dropped: that delegation is appended after
    /// the others, in order of first appearance.
    public static func delegationTables(delegations: [String], medals: [(delegation: String, medal: Medal)],
                                        points: MedalPoints) -> DelegationTables {
        var index: [String: Int] = [:]
        index.reserveCapacity(delegations.count)
        var rows: [DelegationRow] = []
        rows.reserveCapacity(delegations.count)
        for d in delegations where index[d] == nil {
            index[d] = rows.count
            rows.append(DelegationRow(delegation: d))
        }
        for m in medals {
            let i: Int
            if let known = index[m.delegation] {
                i = known
            } else {
                i = rows.count
                index[m.delegation] = i
                rows.append(DelegationRow(delegation: m.delegation))
            }
            switch m.medal {
            case .gold: rows[i].gold += 1
            case .silver: rows[i].silver += 1
            case .bronze: rows[i].bronze += 1
            case .excellence: rows[i].excellence += 1
            }
        }
        for i in rows.indices {
            let r = rows[i]
            rows[i].points = r.gold * points.gold + r.silver * points.silver + r.bronze * points.bronze
                + r.excellence * points.excellence
        }
        return DelegationTables(gold: DelegationTables.ranked(rows, .gold),
                                count: DelegationTables.ranked(rows, .count),
                                points: DelegationTables.ranked(rows, .points))
    }
}
