import Foundation

/// Wire order of each enum: fixed forever (append new cases at the end only).
enum WireTables {
    static let policy: [ResultsPolicy] = [.live, .onPublish, .atCeremony]
    static let standardisation: [Standardisation] = [.none, .scale700]
    static let tieBreak: [TieBreak] = [.none, .modules]
    static let teamTable: [TeamTable] = [.gold, .count, .points]
    static let origin: [SkillOrigin] = [.worldskills, .national, .shanghai]
    static let kind: [SkillKind] = [.official, .exhibition, .interactive]
    static let aspectType: [AspectType] = [.M, .J]
    static let priority: [Priority] = [.normal, .high, .urgent]
}

/// A model value with a binary body form.
public protocol WireCodable {
    func write(to w: inout WireWriter)
    init(from r: inout WireReader) throws
}

extension CompetitionInfo: WireCodable {
    public func write(to w: inout WireWriter) {
        w.string(id); w.text(name); w.string(timezone); w.date(closing)
        w.raw(resultsPolicy, WireTables.policy); w.raw(standardisation, WireTables.standardisation); w.fixed(scaleK)
        switch excellence {
        case let .threshold(t): w.byte(0); w.fixed(t)
        case let .topFraction(f): w.byte(1); w.int(f.perTenThousand)
        }
        w.raw(tieBreak, WireTables.tieBreak); w.raw(teamTable, WireTables.teamTable)
        w.int(points.gold); w.int(points.silver); w.int(points.bronze); w.int(points.excellence)
        w.bool(judgeOwnDelegation)
        // Appended by issue 14, only when set: a definition without it keeps its old bytes.
        if let ceremonyExcellence { w.bool(ceremonyExcellence) }
    }
    public init(from r: inout WireReader) throws {
        self.init(id: try r.string(), name: try r.text(), timezone: try r.string(), closing: try r.date())
        resultsPolicy = try r.raw(WireTables.policy)
        standardisation = try r.raw(WireTables.standardisation)
        scaleK = try r.fixed()
        switch try r.byte() {
        case 0: excellence = .threshold(try r.fixed())
        case 1: excellence = .topFraction(Fraction(perTenThousand: try r.intValue()))
        case let b: throw WireError(message: "bad excellence rule \(b)")
        }
        tieBreak = try r.raw(WireTables.tieBreak)
        teamTable = try r.raw(WireTables.teamTable)
        points = MedalPoints(gold: try r.intValue(), silver: try r.intValue(), bronze: try r.intValue(), excellence: try r.intValue())
        judgeOwnDelegation = try r.bool()
        ceremonyExcellence = r.atEnd ? nil : try r.bool()
    }
}

extension Site: WireCodable {
    public func write(to w: inout WireWriter) { w.string(id); w.text(name) }
    public init(from r: inout WireReader) throws { self.init(id: try r.string(), name: try r.text()) }
}

extension Delegation: WireCodable {
    public func write(to w: inout WireWriter) { w.string(id); w.text(name) }
    public init(from r: inout WireReader) throws { self.init(id: try r.string(), name: try r.text()) }
}

extension Skill: WireCodable {
    public func write(to w: inout WireWriter) {
        w.string(id); w.text(name); w.raw(origin, WireTables.origin); w.raw(kind, WireTables.kind); w.int(panel)
        w.array(rounds) { w, round in
            w.string(round.id); w.text(round.name)
            w.optional(round.advance) { $0.int($1) }
            w.optional(round.advanceFraction) { $0.int($1.perTenThousand) }
        }
        w.array(modules) { w, m in
            w.string(m.id); w.text(m.name)
            w.array(m.aspects) { w, a in w.string(a.id); w.raw(a.type, WireTables.aspectType); w.fixed(a.max); w.string(a.text) }
        }
    }
    public init(from r: inout WireReader) throws {
        let id = try r.string(), name = try r.text()
        let origin = try r.raw(WireTables.origin), kind = try r.raw(WireTables.kind), panel = try r.intValue()
        let rounds = try r.array { r in
            Round(id: try r.string(), name: try r.text(), advance: try r.optional { try $0.intValue() },
                  advanceFraction: try r.optional { Fraction(perTenThousand: try $0.intValue()) })
        }
        let modules = try r.array { r in
            Module(id: try r.string(), name: try r.text(), aspects: try r.array { r in
                Aspect(id: try r.string(), type: try r.raw(WireTables.aspectType), max: try r.fixed(), text: try r.string())
            })
        }
        self.init(id: id, name: name, origin: origin, kind: kind, panel: panel, rounds: rounds, modules: modules)
    }
}

extension Competitor: WireCodable {
    public func write(to w: inout WireWriter) { w.string(id); w.string(name); w.string(delegation); w.string(skill); w.strings(members) }
    public init(from r: inout WireReader) throws {
        self.init(id: try r.string(), name: try r.string(), delegation: try r.string(), skill: try r.string(), members: try r.strings())
    }
}

extension Judge: WireCodable {
    public func write(to w: inout WireWriter) { w.string(id); w.string(name); w.string(delegation); w.strings(skills); w.bool(chief) }
    public init(from r: inout WireReader) throws {
        self.init(id: try r.string(), name: try r.string(), delegation: try r.string(), skills: try r.strings(), chief: try r.bool())
    }
}

extension Session: WireCodable {
    public func write(to w: inout WireWriter) {
        w.string(id); w.string(skill); w.string(round); w.string(site); w.string(station); w.date(start); w.date(end)
    }
    public init(from r: inout WireReader) throws {
        self.init(id: try r.string(), skill: try r.string(), round: try r.string(), site: try r.string(),
                  station: try r.string(), start: try r.date(), end: try r.date())
    }
}

extension Announcement: WireCodable {
    public func write(to w: inout WireWriter) {
        w.string(id); w.string(text); w.raw(priority, WireTables.priority); w.optional(until) { $0.date($1) }
    }
    public init(from r: inout WireReader) throws {
        self.init(id: try r.string(), text: try r.string(), priority: try r.raw(WireTables.priority),
                  until: try r.optional { try $0.date() })
    }
}
