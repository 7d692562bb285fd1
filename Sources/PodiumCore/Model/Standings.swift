import Foundation

/// One competitor's line in a round's standings.
public struct StandingEntry: Hashable, Sendable {
    public var competitor: String
    public var delegation: String
    public var raw: Fixed2
    /// The standardised score (equal to `raw` under `none`).
    public var score: Fixed2
    public var rank: Int
    /// Medals and excellence: final rounds only.
    public var medal: Medal?
    /// A missing aspect, an incomplete panel or a disputed judgement.
    public var provisional: Bool
    /// Non-final rounds: whether the competitor goes through to the next round.
    public var advances: Bool?
    public var moduleTotals: [Fixed2]
}

/// A round's standings: ranked entries, status and marking progress.
public struct RoundStandings: Sendable {
    public var key: RoundKey
    public var status: ResultsStatus
    public var entries: [StandingEntry]
    /// Aspects that count, over entrants × aspects.
    public var marked: Int
    public var expected: Int
    public var isFinalRound: Bool

    public var progressPercent: Int { expected == 0 ? 0 : marked * 100 / expected }
}

extension VenueState {
    /// The competitors in a round: every entrant of the skill for its first round; those who
    /// advance from the round before for the others.
    public func entrants(_ key: RoundKey) -> [String] {
        guard let skill = skills[key.skill], let i = skill.rounds.firstIndex(where: { $0.id == key.round }) else { return [] }
        let all = competitorsBySkill[key.skill] ?? []
        if i == 0 { return all }
        let before = standings(RoundKey(skill: key.skill, round: skill.rounds[i - 1].id))
        let through = Set(before.entries.filter { $0.advances == true }.map(\.competitor))
        return all.filter { through.contains($0) }
    }

    public func status(_ key: RoundKey) -> ResultsStatus {
        let r = rounds[key]
        if r?.finalized == true { return .final }
        if r?.published == true { return .published }
        if let skill = skills[key.skill], !skill.modules.isEmpty,
           skill.modules.allSatisfy({ r?.lockedModules.contains($0.id) == true }) {
            return .locked
        }
        return .marking
    }

    /// Standings as they stand now (all marks, published or not): for staff, chief judges and
    /// the engine. The public board goes through `publicStandings`.
    public func standings(_ key: RoundKey) -> RoundStandings {
        let skill = skills[key.skill]
        let round = skill?.rounds.first { $0.id == key.round }
        let isFinal = skill?.rounds.last?.id == key.round
        let ids = entrants(key)
        let marks = rounds[key]
        let aspectCount = skill?.modules.reduce(0) { $0 + $1.aspects.count } ?? 0
        let moduleCount = skill?.modules.count ?? 0
        var raws: [Fixed2] = [], modules: [[Fixed2]] = [], provisional: [Bool] = []
        var marked = 0
        for id in ids {
            if let sheet = marks?.sheets[id] {
                raws.append(sheet.total.rawRounded)
                modules.append(sheet.total.moduleTotals)
                provisional.append(sheet.total.provisional)
                marked += sheet.aspectsCounting
            } else {
                raws.append(.zero)
                modules.append(Array(repeating: .zero, count: moduleCount))
                provisional.append(aspectCount > 0)
            }
        }
        let info = competition
        let scores = Scoring.standardise(raws, method: info?.standardisation ?? .none, k: info?.scaleK ?? Fixed2(30))
        let ranks = Scoring.rank(scores: scores, moduleTotals: modules, tieBreak: info?.tieBreak ?? .none)
        // A round nobody has marked yet awards nothing and sends nobody on.
        let started = !(marks?.sheets.isEmpty ?? true)
        let medals: [Medal?] = isFinal && started
            ? Scoring.medals(ranks: ranks, scores: scores, rule: info?.excellence ?? .threshold(Fixed2(700)))
            : Array(repeating: nil, count: ids.count)
        let advancing: [Bool]? = (!isFinal && round != nil)
            ? (started ? Scoring.advancing(ranks: ranks, round: round!) : Array(repeating: false, count: ids.count)) : nil
        var entries: [StandingEntry] = []
        entries.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() {
            entries.append(StandingEntry(competitor: id, delegation: competitors[id]?.delegation ?? "", raw: raws[i], score: scores[i],
                                         rank: ranks[i], medal: medals[i], provisional: provisional[i],
                                         advances: advancing?[i], moduleTotals: modules[i]))
        }
        // Rank order; equal ranks keep registration order.
        let order = entries.indices.sorted { (entries[$0].rank, $0) < (entries[$1].rank, $1) }
        return RoundStandings(key: key, status: status(key), entries: order.map { entries[$0] },
                              marked: marked, expected: ids.count * aspectCount, isFinalRound: isFinal)
    }

    /// What the public may see of a round under the competition's results policy, or nil when
    /// only progress may be shown (no marks, no order).
    public func publicStandings(_ key: RoundKey, now: Date) -> RoundStandings? {
        guard let policy = competition?.resultsPolicy else { return nil }
        var s = standings(key)
        switch policy {
        case .live:
            if s.status == .marking || s.status == .locked, let frozen = rounds[key]?.frozenStandings { s.entries = frozen }
            return s
        case .onPublish:
            return (s.status == .published || s.status == .final) ? s : nil
        case .atCeremony:
            // Final results come out at the ceremony: those a reveal has shown, and the rest once
            // the closing moment has come, unless a reveal is still running (it shows them in turn).
            guard s.status == .final else { return nil }
            if ceremony.revealed.contains(key) { return s }
            guard !ceremony.running, isClosingTime(at: now) else { return nil }
            return s
        }
    }

    /// Every round of every skill, in definition order.
    public var roundKeys: [RoundKey] {
        skills.items.flatMap { s in s.rounds.map { RoundKey(skill: s.id, round: $0.id) } }
    }

    /// The three delegation tables and team awards from the final rounds' medals. With
    /// `publicOnly`, only rounds the results policy makes public count.
    public func medalTables(publicOnly: Bool = false, now: Date = Date()) -> (tables: DelegationTables, awards: TeamAwards) {
        var medals: [(delegation: String, medal: Medal)] = []
        for skill in skills where skill.kind == .official {
            guard let final = skill.rounds.last else { continue }
            let key = RoundKey(skill: skill.id, round: final.id)
            guard let s = publicOnly ? publicStandings(key, now: now) : standings(key) else { continue }
            for e in s.entries { if let m = e.medal { medals.append((e.delegation, m)) } }
        }
        let tables = Scoring.delegationTables(delegations: delegations.items.map(\.id), medals: medals,
                                              points: competition?.points ?? MedalPoints())
        return (tables, tables.teamAwards(competition?.teamTable ?? .points))
    }
}
