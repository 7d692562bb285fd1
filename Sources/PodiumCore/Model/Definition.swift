import Foundation

public enum ResultsPolicy: String, Codable, Sendable, CaseIterable {
    case live
    case onPublish = "on-publish"
    case atCeremony = "at-ceremony"
}

public enum Standardisation: String, Codable, Sendable, CaseIterable {
    case none
    case scale700
}

public enum ExcellenceRule: Hashable, Sendable {
    /// Non-medallists scoring at least this (WorldSkills: 700 on the scale).
    case threshold(Fixed2)
    /// Non-medallists ranked within entrants × fraction (Chinese national rules: the top half).
    case topFraction(Fraction)
}

public enum TieBreak: String, Codable, Sendable, CaseIterable { case none, modules }
public enum TeamTable: String, Codable, Sendable, CaseIterable { case gold, count, points }

public struct MedalPoints: Codable, Hashable, Sendable {
    public var gold = 4, silver = 3, bronze = 2, excellence = 1
    public init(gold: Int = 4, silver: Int = 3, bronze: Int = 2, excellence: Int = 1) {
        self.gold = gold; self.silver = silver; self.bronze = bronze; self.excellence = excellence
    }
}

/// The `[competition]` table.
public struct CompetitionInfo: Codable, Hashable, Sendable {
    public var id: String
    public var name: LocalizedText
    /// An IANA time zone identifier, e.g. "Asia/Shanghai".
    public var timezone: String
    /// The closing ceremony the big countdown aims at.
    public var closing: Date
    public var resultsPolicy: ResultsPolicy = .onPublish
    public var standardisation: Standardisation = .none
    /// scale700's k (spread multiplier); configuration, since the official constants are not public.
    public var scaleK: Fixed2 = Fixed2(30)
    public var excellence: ExcellenceRule = .topFraction(Fraction(perTenThousand: 5000))
    public var tieBreak: TieBreak = .none
    public var teamTable: TeamTable = .points
    public var points = MedalPoints()
    /// Whether judges may give judgement scores to their own delegation's competitors.
    public var judgeOwnDelegation = false
    /// Whether the ceremony reveal steps through each skill's Medallions for Excellence before
    /// its bronze (`ceremony_excellence`, true unless set false in competition.toml). nil: a
    /// definition logged before the setting existed, whose ceremonies had no such step; a
    /// replay of such a log must step through the same list as it did then.
    public var ceremonyExcellence: Bool?

    public init(id: String, name: LocalizedText, timezone: String, closing: Date) {
        self.id = id; self.name = name; self.timezone = timezone; self.closing = closing
    }
}

extension ExcellenceRule: Codable {
    private enum Keys: String, CodingKey { case threshold, top_fraction }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let t = try c.decodeIfPresent(Fixed2.self, forKey: .threshold) { self = .threshold(t); return }
        let f = try c.decode(Fraction.self, forKey: .top_fraction)
        self = .topFraction(f)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .threshold(t): try c.encode(t, forKey: .threshold)
        case let .topFraction(f): try c.encode(Double(f.perTenThousand) / 10_000, forKey: .top_fraction)
        }
    }
}

public struct Site: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedText
    public init(id: String, name: LocalizedText) { self.id = id; self.name = name }
}

public struct Delegation: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedText
    public init(id: String, name: LocalizedText) { self.id = id; self.name = name }
}

public enum SkillOrigin: String, Codable, Sendable, CaseIterable { case worldskills, national, shanghai }
public enum SkillKind: String, Codable, Sendable, CaseIterable { case official, exhibition, interactive }
public enum AspectType: String, Codable, Sendable, CaseIterable {
    /// Measurement: one awarded mark, 0...max.
    case M
    /// Judgement: each judge of the panel scores 0-3.
    case J
}

public struct Aspect: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var type: AspectType
    public var max: Fixed2
    public var text: String
    public init(id: String, type: AspectType, max: Fixed2, text: String) {
        self.id = id; self.type = type; self.max = max; self.text = text
    }
}

public struct Module: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedText
    public var aspects: [Aspect]
    public init(id: String, name: LocalizedText, aspects: [Aspect]) { self.id = id; self.name = name; self.aspects = aspects }
}

public struct Round: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedText
    /// How many advance to the next round (every round but the last has this or `advanceFraction`).
    public var advance: Int?
    public var advanceFraction: Fraction?
    public init(id: String, name: LocalizedText, advance: Int? = nil, advanceFraction: Fraction? = nil) {
        self.id = id; self.name = name; self.advance = advance; self.advanceFraction = advanceFraction
    }
}

public struct Skill: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedText
    public var origin: SkillOrigin
    public var kind: SkillKind
    /// Judges per judgement panel (at least 3).
    public var panel: Int
    public var rounds: [Round]
    public var modules: [Module]
    public init(id: String, name: LocalizedText, origin: SkillOrigin, kind: SkillKind, panel: Int = 3,
                rounds: [Round], modules: [Module]) {
        self.id = id; self.name = name; self.origin = origin; self.kind = kind; self.panel = panel
        self.rounds = rounds; self.modules = modules
    }
}

public struct Competitor: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var delegation: String
    public var skill: String
    /// Members of a team entry (a team counts as one competitor); empty for an individual.
    public var members: [String]
    public init(id: String, name: String, delegation: String, skill: String, members: [String] = []) {
        self.id = id; self.name = name; self.delegation = delegation; self.skill = skill; self.members = members
    }
}

public struct Judge: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var delegation: String
    public var skills: [String]
    public var chief: Bool
    public init(id: String, name: String, delegation: String, skills: [String], chief: Bool = false) {
        self.id = id; self.name = name; self.delegation = delegation; self.skills = skills; self.chief = chief
    }
}

public struct Session: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var skill: String
    public var round: String
    public var site: String
    public var station: String
    public var start: Date
    public var end: Date
    public init(id: String, skill: String, round: String, site: String, station: String, start: Date, end: Date) {
        self.id = id; self.skill = skill; self.round = round; self.site = site; self.station = station
        self.start = start; self.end = end
    }
}

/// Everything `competition.toml` defines; `podium init` turns it into the log's first events.
public struct CompetitionDefinition: Codable, Hashable, Sendable {
    public var competition: CompetitionInfo
    public var sites: [Site] = []
    public var delegations: [Delegation] = []
    public var skills: [Skill] = []
    public var competitors: [Competitor] = []
    public var judges: [Judge] = []
    public var sessions: [Session] = []
    public init(competition: CompetitionInfo) { self.competition = competition }
}
