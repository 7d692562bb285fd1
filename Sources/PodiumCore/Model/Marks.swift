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

/// A skill's marking scheme with each aspect's place (module, position) for O(1) updates.
public final class SkillScheme: Sendable {
    public let skill: Skill
    /// Aspect id → (module index, aspect index within the module).
    public let position: [String: (module: Int, aspect: Int)]

    public init(_ skill: Skill) {
        self.skill = skill
        var p: [String: (module: Int, aspect: Int)] = [:]
        for (mi, m) in skill.modules.enumerated() {
            for (ai, a) in m.aspects.enumerated() { p[a.id] = (mi, ai) }
        }
        position = p
    }

    /// Every aspect missing: the outcomes of a competitor nobody has marked.
    var blankOutcomes: [[AspectOutcome]] { skill.modules.map { Array(repeating: .missing, count: $0.aspects.count) } }
}

/// The marks one competitor has in one round, and the total they make. A mark recomputes the
/// outcome of its own aspect only, then re-adds the cached outcomes: a mark touches one aspect of
/// one competitor of one round.
public struct CompetitorSheet: Sendable {
    /// Measurement aspects: the latest entry.
    public internal(set) var measurements: [String: Fixed2] = [:]
    /// Judgement aspects: the latest score of each judge.
    public internal(set) var judgements: [String: [String: Int]] = [:]
    /// Each aspect's outcome, by module, in scheme order.
    public private(set) var outcomes: [[AspectOutcome]]
    /// Each module's exact sum: a mark recomputes only its own module's.
    private var moduleSums: [Scoring.ModuleSum]
    public internal(set) var total: Scoring.Total
    /// Aspects that count (complete, not disputed).
    public internal(set) var aspectsCounting = 0
    public internal(set) var disputed: Set<String> = []

    init(_ scheme: SkillScheme) {
        outcomes = scheme.blankOutcomes
        moduleSums = outcomes.map(Scoring.moduleSum)
        total = Scoring.total(moduleSums: moduleSums)
    }

    /// Folds one mark in and recomputes what it touches.
    mutating func apply(_ m: MarkEntry, scheme: SkillScheme) {
        guard let (mi, ai) = scheme.position[m.aspect] else { return }
        let aspect = scheme.skill.modules[mi].aspects[ai]
        let outcome: AspectOutcome
        switch m.value {
        case let .measurement(v):
            measurements[m.aspect] = v
            outcome = Scoring.measurement(v)
        case let .judgement(j):
            judgements[m.aspect, default: [:]][m.judge] = j
            outcome = Scoring.judgement(scores: Array(judgements[m.aspect]!.values), max: aspect.max, panel: scheme.skill.panel)
        }
        let before = outcomes[mi][ai]
        outcomes[mi][ai] = outcome
        aspectsCounting += (outcome.counts ? 1 : 0) - (before.counts ? 1 : 0)
        if case .disputed = outcome { disputed.insert(m.aspect) } else if !disputed.isEmpty { disputed.remove(m.aspect) }
        moduleSums[mi] = Scoring.moduleSum(outcomes[mi])
        total = Scoring.total(moduleSums: moduleSums)
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
    mutating func apply(_ m: MarkEntry, scheme: SkillScheme) {
        // In place: the default subscript mutates the stored sheet without copying it out.
        sheets[m.competitor, default: CompetitorSheet(scheme)].apply(m, scheme: scheme)
        // A re-mark request stays open while the aspect is disputed, so every judge of the panel
        // may re-score without a separate reason; it closes once the spread is back within 1.
        if remarkRequests[m.competitor]?.contains(m.aspect) == true, sheets[m.competitor]?.disputed.contains(m.aspect) != true {
            remarkRequests[m.competitor]!.remove(m.aspect)
            if remarkRequests[m.competitor]!.isEmpty { remarkRequests[m.competitor] = nil }
        }
    }
}
