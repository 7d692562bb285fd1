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
        guard let s = book.skillIDs.index(key.skill) else { return [] }
        return entrantSlots(key).map { book.skills[s].competitors.ids[$0] }
    }

    /// `entrants` as competitor indices of the skill's book.
    func entrantSlots(_ key: RoundKey) -> [Int] {
        guard let skill = skills[key.skill], let i = skill.rounds.firstIndex(where: { $0.id == key.round }),
              let s = book.skillIDs.index(key.skill) else { return [] }
        let all = book.skills[s].registered
        if i == 0 { return all }
        let before = ranked(RoundKey(skill: key.skill, round: skill.rounds[i - 1].id))
        var through = Set<Int>()
        for (k, c) in before.slots.enumerated() where before.standings.entries[k].advances == true { through.insert(c) }
        return all.filter { through.contains($0) }
    }

    public func status(_ key: RoundKey) -> ResultsStatus {
        status(key, book.round(key))
    }

    private func status(_ key: RoundKey, _ r: RoundBook?) -> ResultsStatus {
        if r?.finalized == true { return .final }
        if r?.published == true { return .published }
        if let r, !r.lockedModules.isEmpty, let skill = skills[key.skill], !skill.modules.isEmpty,
           skill.modules.allSatisfy({ r.lockedModules.contains($0.id) }) {
            return .locked
        }
        return .marking
    }

    /// Standings as they stand now (all marks, published or not): for staff, chief judges and
    /// the engine. The public board goes through `publicStandings`.
    public func standings(_ key: RoundKey) -> RoundStandings { ranked(key).standings }

    /// The standings with each entry's competitor index (in the order of the entries), derived
    /// once per state: a later round's entrants, the board's pages and the medal tables read
    /// the same round's standings again without recomputing them (or the rounds before it).
    private func ranked(_ key: RoundKey) -> (standings: RoundStandings, slots: [Int]) {
        if let known = memo[key] { return known }
        let result = derive(key)
        memo[key] = result
        return result
    }

    private func derive(_ key: RoundKey) -> (standings: RoundStandings, slots: [Int]) {
        let skill = skills[key.skill]
        let round = skill?.rounds.first { $0.id == key.round }
        let isFinal = skill?.rounds.last?.id == key.round
        let slots = entrantSlots(key)
        let s = book.skillIDs.index(key.skill)
        let marks = book.round(key)
        let scheme = s.flatMap { book.skills[$0].scheme }
        let aspectCount = skill?.modules.reduce(0) { $0 + $1.aspects.count } ?? 0
        let moduleCount = skill?.modules.count ?? 0
        let n = slots.count
        var raws: [Fixed2] = [], modules: [[Fixed2]] = [], provisional: [Bool] = []
        raws.reserveCapacity(n); modules.reserveCapacity(n); provisional.reserveCapacity(n)
        var marked = 0
        let blankModules = Array(repeating: Fixed2.zero, count: moduleCount)
        for c in slots {
            // Fields read in place: copying a whole sheet out would retain each of its arrays.
            if let marks, let scheme, c < marks.sheets.count, marks.sheets[c].exists {
                raws.append(marks.sheets[c].rawRounded)
                modules.append(marks.sheets[c].moduleTotals)
                provisional.append(marks.sheets[c].counting < scheme.aspectCount)
                marked += marks.sheets[c].counting
            } else {
                raws.append(.zero)
                modules.append(blankModules)
                provisional.append(aspectCount > 0)
            }
        }
        let info = competition
        let scores = Scoring.standardise(raws, method: info?.standardisation ?? .none, k: info?.scaleK ?? Fixed2(30))
        let ranks = Scoring.rank(scores: scores, moduleTotals: modules, tieBreak: info?.tieBreak ?? .none)
        // A round nobody has marked yet awards nothing and sends nobody on.
        let started = (marks?.sheetCount ?? 0) > 0
        let medals: [Medal?] = isFinal && started
            ? Scoring.medals(ranks: ranks, scores: scores, rule: info?.excellence ?? .threshold(Fixed2(700)))
            : Array(repeating: nil, count: n)
        let advancing: [Bool]? = (!isFinal && round != nil)
            ? (started ? Scoring.advancing(ranks: ranks, round: round!) : Array(repeating: false, count: n)) : nil
        let ids = s.map { book.skills[$0].competitors.ids } ?? []
        let delegations = s.map { book.skills[$0].delegations } ?? []
        // Rank order; equal ranks keep registration order.
        let order = (0..<n).sorted { (ranks[$0], $0) < (ranks[$1], $1) }
        var entries: [StandingEntry] = []
        entries.reserveCapacity(n)
        for i in order {
            let id = ids[slots[i]]
            entries.append(StandingEntry(competitor: id, delegation: delegations[slots[i]], raw: raws[i], score: scores[i],
                                         rank: ranks[i], medal: medals[i], provisional: provisional[i],
                                         advances: advancing?[i], moduleTotals: modules[i]))
        }
        let standings = RoundStandings(key: key, status: status(key, marks), entries: entries,
                                       marked: marked, expected: n * aspectCount, isFinalRound: isFinal)
        return (standings, order.map { slots[$0] })
    }

    /// What the public may see of a round under the competition's results policy, or nil when
    /// only progress may be shown (no marks, no order).
    public func publicStandings(_ key: RoundKey, now: Date) -> RoundStandings? {
        guard let policy = competition?.resultsPolicy else { return nil }
        var s = standings(key)
        switch policy {
        case .live:
            if s.status == .marking || s.status == .locked, let frozen = book.round(key)?.frozenStandings { s.entries = frozen }
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

/// Standings derived from one state, by round. `VenueState` holds one and drops it on every
/// change (`apply`), so an entry is only ever read back from the state it was derived from: a
/// copy of the state shares the memo until either side changes, and the side that changes
/// starts a new one. Locked, since copies of one state may be read from several threads.
final class StandingsMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var byKey: [RoundKey: (standings: RoundStandings, slots: [Int])] = [:]

    subscript(key: RoundKey) -> (standings: RoundStandings, slots: [Int])? {
        get { lock.lock(); defer { lock.unlock() }; return byKey[key] }
        set { lock.lock(); defer { lock.unlock() }; byKey[key] = newValue }
    }

    /// Empties the memo; only for its sole owner (no other reference, so no other thread).
    func removeAllUnshared() { if !byKey.isEmpty { byKey.removeAll() } }
}
