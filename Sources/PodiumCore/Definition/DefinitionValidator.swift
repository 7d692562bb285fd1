import Foundation

/// Every semantic rule of a competition definition, checked after it has been read (from
/// `competition.toml`, or by the core before it accepts a definition).
///
/// Pure and linear in the size of the definition. Problems come in document order: the
/// `[competition]` table, then sites, delegations, skills (rounds, modules, aspects), competitors,
/// judges and sessions; within an entry, its keys in the order `docs/competition-format.md`
/// lists them. A duplicate is reported at its second occurrence.
public enum DefinitionValidator {
    public static func validate(_ d: CompetitionDefinition, file: String) -> [DefinitionError] {
        var v = Checker(file: file)
        v.competition(d.competition)

        let siteIDs = v.entries("sites", d.sites.map { ($0.id, $0.name) })
        let delegationIDs = v.entries("delegations", d.delegations.map { ($0.id, $0.name) })

        var skillsByID: [String: Skill] = [:]
        var firstSkill: [String: Int] = [:]
        for (i, skill) in d.skills.enumerated() {
            let at = [DefinitionPath.Segment("skills", index: i, id: skill.id)]
            v.id(skill.id, at: at, firstIndex: &firstSkill, index: i, table: "skills")
            if skillsByID[skill.id] == nil { skillsByID[skill.id] = skill }
            v.name(skill.name, at: at)
            v.skill(skill, at: at)
        }

        var firstCompetitor: [String: Int] = [:]
        firstCompetitor.reserveCapacity(d.competitors.count)
        for (i, c) in d.competitors.enumerated() {
            let at = [DefinitionPath.Segment("competitors", index: i, id: c.id)]
            v.id(c.id, at: at, firstIndex: &firstCompetitor, index: i, table: "competitors")
            v.text(c.name, at: at, key: "name")
            v.reference(c.delegation, in: delegationIDs, table: "delegations", at: at, key: "delegation")
            v.reference(c.skill, in: skillsByID, table: "skills", at: at, key: "skill")
            for (m, member) in c.members.enumerated() {
                if isBlank(member) { v.report(at, "members", "member #\(m + 1) has an empty name") }
                v.clean(member, at: at, key: "members")
            }
        }

        var firstJudge: [String: Int] = [:]
        for (i, j) in d.judges.enumerated() {
            let at = [DefinitionPath.Segment("judges", index: i, id: j.id)]
            v.id(j.id, at: at, firstIndex: &firstJudge, index: i, table: "judges")
            v.text(j.name, at: at, key: "name")
            v.reference(j.delegation, in: delegationIDs, table: "delegations", at: at, key: "delegation")
            for s in j.skills { v.reference(s, in: skillsByID, table: "skills", at: at, key: "skills") }
        }

        var firstSession: [String: Int] = [:]
        for (i, s) in d.sessions.enumerated() {
            let at = [DefinitionPath.Segment("sessions", index: i, id: s.id)]
            v.id(s.id, at: at, firstIndex: &firstSession, index: i, table: "sessions")
            v.clean(s.station, at: at, key: "station")
            if let skill = skillsByID[s.skill] {
                if !skill.rounds.contains(where: { $0.id == s.round }) {
                    let known = skill.rounds.map(\.id).joined(separator: ", ")
                    v.report(at, "round", "skill \"\(s.skill)\" has no round \"\(s.round)\"; its rounds are \(known.isEmpty ? "none" : known)")
                }
            } else {
                v.reference(s.skill, in: skillsByID, table: "skills", at: at, key: "skill")
            }
            v.reference(s.site, in: siteIDs, table: "sites", at: at, key: "site")
            if s.end <= s.start {
                let tz = TimeZone(identifier: d.competition.timezone) ?? TimeZone(identifier: "UTC")!
                let what: Said = s.end == s.start ? Said("at the moment it starts") : Said("before it starts")
                v.report(at, "end", "the session ends \(what): start \(rfc3339(s.start, tz)), end \(rfc3339(s.end, tz))")
            }
        }
        return v.errors
    }

    /// `2025-06-20T08:30:00+08:00` in `tz`.
    static func rfc3339(_ date: Date, _ tz: TimeZone) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = tz
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}

/// Empty or only white space (checked without Foundation: this runs for every entry).
private func isBlank(_ s: String) -> Bool {
    if let first = s.utf8.first, first > 0x20, first < 0x80 { return false }
    return s.unicodeScalars.allSatisfy(\.properties.isWhitespace)
}

private struct Checker {
    let file: String
    var errors: [DefinitionError] = []

    init(file: String) { self.file = file }

    mutating func report(_ at: [DefinitionPath.Segment], _ key: String?, _ message: Said) {
        errors.append(DefinitionError(file: file, path: at, key: key, message: message))
    }

    // MARK: [competition]

    mutating func competition(_ c: CompetitionInfo) {
        let at = [DefinitionPath.Segment("competition")]
        if isBlank(c.id) { report(at, "id", "must not be empty") }
        clean(c.id, at: at, key: "id")
        name(c.name, at: at)
        if TimeZone(identifier: c.timezone) == nil {
            report(at, "timezone", "unknown time zone \"\(c.timezone)\"; use an IANA name such as \"Asia/Shanghai\"")
        }
        if c.scaleK <= .zero { report(at, "scale_k", "must be more than 0, found \(c.scaleK)") }
        switch c.excellence {
        case let .threshold(t):
            if t <= .zero {
                report(at, "excellence.threshold", "must be more than 0, found \(t)")
            } else if c.standardisation == .none, t > Fixed2(100) {
                report(at, "excellence.threshold", "\(t) can never be reached: with standardisation = \"none\" scores run from 0 to 100")
            }
        case let .topFraction(f):
            if !(1...10_000).contains(f.perTenThousand) {
                report(at, "excellence.top_fraction", "must be more than 0 and at most 1, found \(f)")
            }
        }
        for (key, value) in [("gold", c.points.gold), ("silver", c.points.silver),
                             ("bronze", c.points.bronze), ("excellence", c.points.excellence)] where value < 0 {
            report(at, "points.\(key)", "must not be negative, found \(value)")
        }
    }

    // MARK: ids, names, references

    /// Sites and delegations: id and name. Returns the set of ids.
    mutating func entries(_ table: String, _ items: [(String, LocalizedText)]) -> Set<String> {
        var first: [String: Int] = [:]
        for (i, (id, name)) in items.enumerated() {
            let at = [DefinitionPath.Segment(table, index: i, id: id)]
            self.id(id, at: at, firstIndex: &first, index: i, table: table)
            self.name(name, at: at)
        }
        return Set(first.keys)
    }

    mutating func id(_ id: String, at: [DefinitionPath.Segment], firstIndex: inout [String: Int], index: Int,
                     table: String, what: Said? = nil) {
        if isBlank(id) {
            report(at, "id", "must not be empty")
            return
        }
        clean(id, at: at, key: "id")
        if let first = firstIndex[id] {
            report(at, "id", "duplicate id \"\(id)\": \(what ?? "[[\(table)]]") #\(first + 1) has it too")
        } else {
            firstIndex[id] = index
        }
    }

    mutating func name(_ name: LocalizedText, at: [DefinitionPath.Segment]) {
        if isBlank(name.zh ?? "") && isBlank(name.en ?? "") { report(at, "name", "must not be empty") }
        if let zh = name.zh { clean(zh, at: at, key: "name.zh") }
        if let en = name.en { clean(en, at: at, key: "name.en") }
    }

    mutating func text(_ s: String, at: [DefinitionPath.Segment], key: String) {
        if isBlank(s) { report(at, key, "must not be empty") }
        clean(s, at: at, key: key)
    }

    /// Names and texts reach big screens: no control characters (terminal escapes, bidi overrides).
    mutating func clean(_ s: String, at: [DefinitionPath.Segment], key: String) {
        if let problem = TextRules.controlCharacter(in: s) { report(at, key, problem) }
    }

    mutating func reference<V>(_ id: String, in known: [String: V], table: String, at: [DefinitionPath.Segment], key: String) {
        if known[id] == nil { report(at, key, "no [[\(table)]] entry has id \"\(id)\"") }
    }

    mutating func reference(_ id: String, in known: Set<String>, table: String, at: [DefinitionPath.Segment], key: String) {
        if !known.contains(id) { report(at, key, "no [[\(table)]] entry has id \"\(id)\"") }
    }

    // MARK: skills

    mutating func skill(_ skill: Skill, at: [DefinitionPath.Segment]) {
        let hasJudgement = skill.modules.contains { $0.aspects.contains { $0.type == .J } }
        if skill.panel < 1 {
            report(at, "panel", "must be at least 1, found \(skill.panel)")
        } else if hasJudgement, skill.panel < 3 {
            report(at, "panel", "a skill with judgement (J) aspects needs a panel of at least 3 judges, found \(skill.panel)")
        }

        if skill.rounds.isEmpty { report(at, "rounds", "a skill needs at least one round") }
        var firstRound: [String: Int] = [:]
        for (r, round) in skill.rounds.enumerated() {
            let rat = at + [DefinitionPath.Segment("rounds", index: r, id: round.id)]
            id(round.id, at: rat, firstIndex: &firstRound, index: r, table: "rounds", what: "round")
            name(round.name, at: rat)
            let last = r == skill.rounds.count - 1
            if round.advance != nil, round.advanceFraction != nil {
                report(rat, "advance", "give advance or advance_fraction, not both")
            } else if last, round.advance != nil || round.advanceFraction != nil {
                report(rat, round.advance != nil ? "advance" : "advance_fraction",
                       "the last round has no next round to advance to; remove it")
            } else if !last, round.advance == nil, round.advanceFraction == nil {
                report(rat, "advance", "every round but the last needs advance = N or advance_fraction = x")
            }
            if let n = round.advance, n <= 0 { report(rat, "advance", "must be at least 1, found \(n)") }
            if let f = round.advanceFraction, !(1...10_000).contains(f.perTenThousand) {
                report(rat, "advance_fraction", "must be more than 0 and at most 1, found \(f)")
            }
        }

        var firstModule: [String: Int] = [:]
        var firstAspect: [String: (module: Int, aspect: Int)] = [:]
        var total = Fixed2.zero
        for (m, module) in skill.modules.enumerated() {
            let mat = at + [DefinitionPath.Segment("modules", index: m, id: module.id)]
            id(module.id, at: mat, firstIndex: &firstModule, index: m, table: "skills.modules", what: "module")
            name(module.name, at: mat)
            if module.aspects.isEmpty { report(mat, "aspects", "a module needs at least one aspect") }
            for (a, aspect) in module.aspects.enumerated() {
                let aat = mat + [DefinitionPath.Segment("aspects", index: a, id: aspect.id)]
                if isBlank(aspect.id) {
                    report(aat, "id", "must not be empty")
                } else if let first = firstAspect[aspect.id] {
                    report(aat, "id", "duplicate aspect id \"\(aspect.id)\" in this skill: module #\(first.module + 1) \"\(skill.modules[first.module].id)\", aspect #\(first.aspect + 1) has it too")
                } else {
                    firstAspect[aspect.id] = (m, a)
                }
                clean(aspect.id, at: aat, key: "id")
                if aspect.max <= .zero { report(aat, "max", "must be more than 0, found \(aspect.max)") }
                text(aspect.text, at: aat, key: "text")
                total = total + aspect.max
            }
        }
        if skill.kind == .official || !skill.modules.isEmpty, total != Fixed2(100) {
            if skill.modules.isEmpty {
                report(at, "modules", "an official skill needs a marking scheme: modules whose aspect maxima add up to 100.00")
            } else {
                report(at, "modules", "aspect maxima add up to \(total), expected 100.00")
            }
        }
    }
}
