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

/// The marks one competitor has in one round, and the total they make (kept up to date
/// as each mark arrives, so a mark costs one competitor's recomputation).
public struct CompetitorSheet: Hashable, Sendable {
    /// Measurement aspects: the latest entry.
    public internal(set) var measurements: [String: Fixed2] = [:]
    /// Judgement aspects: the latest score of each judge.
    public internal(set) var judgements: [String: [String: Int]] = [:]
    public internal(set) var total = Scoring.Total(raw: .zero, rawRounded: .zero, moduleTotals: [], provisional: true)
    /// Aspects that count (complete, not disputed).
    public internal(set) var aspectsCounting = 0
    public internal(set) var disputed: Set<String> = []

    /// Recomputes the total from the marks, against the skill's scheme.
    mutating func recompute(_ skill: Skill) {
        var counting = 0
        var disputes: Set<String> = []
        let outcomes = skill.modules.map { m in
            m.aspects.map { a -> AspectOutcome in
                let o: AspectOutcome
                switch a.type {
                case .M: o = Scoring.measurement(measurements[a.id])
                case .J: o = Scoring.judgement(scores: judgements[a.id].map { Array($0.values) } ?? [], max: a.max, panel: skill.panel)
                }
                if o.counts { counting += 1 }
                if case .disputed = o { disputes.insert(a.id) }
                return o
            }
        }
        total = Scoring.total(modules: outcomes)
        aspectsCounting = counting
        disputed = disputes
    }
}

/// The publication path of a round: marking → locked → published → final.
public enum ResultsStatus: String, Sendable, Codable, CaseIterable {
    case marking, locked, published, final
}

/// Everything marked in one round of one skill.
public struct RoundMarks: Sendable {
    public internal(set) var sheets: [String: CompetitorSheet] = [:]
    public internal(set) var lockedModules: Set<String> = []
    public internal(set) var published = false
    public internal(set) var finalized = false
    /// Live policy: the public view stops at the freeze (its standings then) until publication.
    public internal(set) var frozenAt: UInt64?
    public internal(set) var frozenStandings: [StandingEntry]?
    /// Re-mark requests still open: competitor → aspects.
    public internal(set) var remarkRequests: [String: Set<String>] = [:]
    public init() {}
}

extension RoundMarks {
    mutating func apply(_ m: MarkEntry, skill: Skill) {
        if sheets[m.competitor] == nil { sheets[m.competitor] = CompetitorSheet() }
        switch m.value {
        case let .measurement(v): sheets[m.competitor]!.measurements[m.aspect] = v
        case let .judgement(j): sheets[m.competitor]!.judgements[m.aspect, default: [:]][m.judge] = j
        }
        sheets[m.competitor]!.recompute(skill)
        if remarkRequests[m.competitor]?.remove(m.aspect) != nil, remarkRequests[m.competitor]!.isEmpty {
            remarkRequests[m.competitor] = nil
        }
    }
}
