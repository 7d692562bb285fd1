import Foundation

/// A mark as a judge enters it: an awarded measurement mark, or a 0-3 judgement score.
public enum MarkValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case measurement(Fixed2)
    case judgement(Int)

    public var description: String {
        switch self {
        case let .measurement(m): return m.description
        case let .judgement(j): return String(j)
        }
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .measurement(m): try c.encode(m)
        case let .judgement(j): try c.encode(j)
        }
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) { self = .judgement(i) } else { self = .measurement(try c.decode(Fixed2.self)) }
    }
}

/// One mark event's content. A correction is a later entry for the same competitor, aspect
/// (and, for judgement, judge), with a reason.
public struct MarkEntry: Hashable, Sendable, Codable {
    public var skill: String
    public var round: String
    public var competitor: String
    public var aspect: String
    public var judge: String
    public var value: MarkValue
    public var reason: String?
    public init(skill: String, round: String, competitor: String, aspect: String, judge: String, value: MarkValue, reason: String? = nil) {
        self.skill = skill; self.round = round; self.competitor = competitor; self.aspect = aspect
        self.judge = judge; self.value = value; self.reason = reason
    }
}

/// A skill's round: the unit of marking, locking and publication.
public struct RoundKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var skill: String
    public var round: String
    public init(skill: String, round: String) { self.skill = skill; self.round = round }
    public var description: String { "\(skill)/\(round)" }
}

/// The publication path of a round: marking → locked → published → final.
public enum ResultsStatus: String, Sendable, Codable, CaseIterable {
    case marking, locked, published, final
}

/// The marks of every round, by key: a view of the fold's interned book (`MarksBook`). A round
/// no event has touched is nil.
public struct RoundsView: Sendable {
    let book: MarksBook
    public subscript(key: RoundKey) -> RoundMarks? {
        guard let (s, r) = book.find(key), r < book.skills[s].books.count, book.skills[s].books[r].opened else { return nil }
        let round = book.skills[s].books[r]
        return RoundMarks(round: round, skill: book.skills[s], judges: book.judges)
    }
}

/// Everything marked in one round of one skill, by id.
public struct RoundMarks: Sendable {
    let round: RoundBook
    let skill: SkillBook
    let judges: IdTable

    public var sheets: Sheets { Sheets(round: round, skill: skill, judges: judges) }
    public var lockedModules: Set<String> { round.lockedModules }
    public var published: Bool { round.published }
    public var finalized: Bool { round.finalized }
    /// Live policy: the public view stops at the freeze (its standings then) until publication.
    public var frozenAt: UInt64? { round.frozenAt }
    public var frozenStandings: [StandingEntry]? { round.frozenStandings }
    /// Re-mark requests still open: competitor → aspects.
    public var remarkRequests: [String: Set<String>] { round.remarkRequests }

    /// The round's competitor sheets by competitor id (those some mark reached).
    public struct Sheets: Sequence, Sendable {
        let round: RoundBook
        let skill: SkillBook
        let judges: IdTable

        public subscript(competitor: String) -> CompetitorSheet? {
            guard let c = skill.competitors.index(competitor), let sheet = round.sheet(c), let scheme = skill.scheme else { return nil }
            return CompetitorSheet(sheet: sheet, scheme: scheme, judges: judges)
        }
        public var isEmpty: Bool { round.sheetCount == 0 }
        public var count: Int { round.sheetCount }
        public func makeIterator() -> IndexingIterator<[(key: String, value: CompetitorSheet)]> {
            var out: [(key: String, value: CompetitorSheet)] = []
            if let scheme = skill.scheme {
                for (c, sheet) in round.sheets.enumerated() where sheet.exists {
                    out.append((skill.competitors.ids[c], CompetitorSheet(sheet: sheet, scheme: scheme, judges: judges)))
                }
            }
            return out.makeIterator()
        }
    }
}

/// The marks one competitor has in one round, and the total they make, by id.
public struct CompetitorSheet: Sendable {
    let sheet: Sheet
    let scheme: SkillScheme
    let judges: IdTable

    /// Measurement aspects: the latest entry.
    public var measurements: Measurements { Measurements(sheet: sheet, scheme: scheme) }
    /// Judgement aspects: the latest score of each judge.
    public var judgements: Judgements { Judgements(sheet: sheet, scheme: scheme, judges: judges) }
    /// Each aspect's outcome, by module, in scheme order.
    public var outcomes: [[AspectOutcome]] {
        var out = Array(repeating: [AspectOutcome](), count: scheme.moduleCount)
        for a in 0..<scheme.aspectCount { out[scheme.moduleOf[a]].append(sheet.aspects[a].outcome.outcome(panel: scheme.panel)) }
        return out
    }
    public var total: Scoring.Total { sheet.total(scheme) }
    /// Aspects that count (complete, not disputed).
    public var aspectsCounting: Int { sheet.counting }
    /// Judgement aspects whose scores differ by more than 1.
    public var disputed: Set<String> {
        var out = Set<String>()
        for a in 0..<scheme.aspectCount where sheet.aspects[a].outcome.kind == .disputed { out.insert(scheme.aspects.ids[a]) }
        return out
    }

    public struct Measurements: Sequence, Sendable {
        let sheet: Sheet
        let scheme: SkillScheme
        public subscript(aspect: String) -> Fixed2? {
            guard let a = scheme.aspects.index(aspect), sheet.aspects[a].measured != Sheet.none else { return nil }
            return Fixed2(hundredths: sheet.aspects[a].measured)
        }
        public var isEmpty: Bool { !sheet.aspects.contains { $0.measured != Sheet.none } }
        public func makeIterator() -> IndexingIterator<[(key: String, value: Fixed2)]> {
            var out: [(key: String, value: Fixed2)] = []
            for (a, slot) in sheet.aspects.enumerated() where slot.measured != Sheet.none { out.append((scheme.aspects.ids[a], Fixed2(hundredths: slot.measured))) }
            return out.makeIterator()
        }
    }

    public struct Judgements: Sequence, Sendable {
        let sheet: Sheet
        let scheme: SkillScheme
        let judges: IdTable
        /// Judge id → latest score, or nil when nobody has scored the aspect.
        public subscript(aspect: String) -> [String: Int]? {
            guard let a = scheme.aspects.index(aspect), !sheet.aspects[a].scores.isEmpty else { return nil }
            return scores(a)
        }
        public var isEmpty: Bool { !sheet.aspects.contains { !$0.scores.isEmpty } }
        func scores(_ a: Int) -> [String: Int] {
            var d: [String: Int] = [:]
            for s in sheet.aspects[a].scores { d[judges.ids[Int(s.judge)]] = s.score }
            return d
        }
        public func makeIterator() -> IndexingIterator<[(key: String, value: [String: Int])]> {
            var out: [(key: String, value: [String: Int])] = []
            for a in sheet.aspects.indices where !sheet.aspects[a].scores.isEmpty { out.append((scheme.aspects.ids[a], scores(a))) }
            return out.makeIterator()
        }
    }
}
