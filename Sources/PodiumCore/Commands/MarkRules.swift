import Foundation

/// The marking rules of domain.md, enforced in the core (every console, import and script
/// goes through here).
enum MarkRules {
    static func round(_ skillID: String, _ roundID: String, on state: VenueState) throws(CommandError) -> (Skill, RoundKey) {
        guard let skill = state.skills[skillID] else { throw .notFound("no skill \"\(skillID)\"") }
        guard skill.rounds.contains(where: { $0.id == roundID }) else {
            throw .notFound("skill \(skillID) has no round \"\(roundID)\" (rounds: \(skill.rounds.map(\.id).joined(separator: ", ")))")
        }
        guard skill.kind == .official, !skill.modules.isEmpty else {
            throw .invalid("skill \(skillID) is \(skill.kind): it has sessions but no marks")
        }
        return (skill, RoundKey(skill: skillID, round: roundID))
    }

    static func moduleOf(_ aspect: String, in skill: Skill) -> (Module, Aspect)? {
        for m in skill.modules { if let a = m.aspects.first(where: { $0.id == aspect }) { return (m, a) } }
        return nil
    }

    static func decideSheet(skill skillID: String, round roundID: String, marks: [MarkInput], reason: String?,
                            on state: VenueState, by actor: Actor) throws(CommandError) -> [Event] {
        let (skill, key) = try round(skillID, roundID, on: state)
        guard !marks.isEmpty else { throw .invalid("the sheet has no marks") }
        if state.status(key) == .final { throw .conflict("\(key) is final: no mark can change") }
        if let reason { try TextRules.check(reason, field: "the reason", maxCharacters: 200) }
        let judge = state.judges[actor.id]!
        let entrants = Set(state.entrants(key))
        let marksSoFar = state.rounds[key]
        let ownRuleApplies = !(state.competition?.judgeOwnDelegation ?? false)
        var seen = Set<String>()
        var events: [Event] = []
        for (i, m) in marks.enumerated() {
            let at = marks.count > 1 ? "mark \(i + 1) (\(m.competitor) \(m.aspect)): " : ""
            guard let competitor = state.competitors[m.competitor], competitor.skill == skillID else {
                throw .notFound("\(at)no competitor \"\(m.competitor)\" in skill \(skillID)")
            }
            guard entrants.contains(m.competitor) else { throw .invalid("\(at)competitor \(m.competitor) is not in round \(roundID) of \(skillID)") }
            guard let (module, aspect) = moduleOf(m.aspect, in: skill) else {
                throw .notFound("\(at)skill \(skillID) has no aspect \"\(m.aspect)\"")
            }
            guard seen.insert("\(m.competitor)|\(m.aspect)").inserted else { throw .invalid("\(at)the sheet has this mark twice") }
            if marksSoFar?.lockedModules.contains(module.id) == true {
                throw .conflict("\(at)module \(module.id) of \(key) is signed off (locked); staff must unlock it, with a reason, before marks change")
            }
            let sheet = marksSoFar?.sheets[m.competitor]
            let remarkAsked = marksSoFar?.remarkRequests[m.competitor]?.contains(m.aspect) == true
            switch (aspect.type, m.value) {
            case let (.M, .measurement(v)):
                guard v >= .zero, v <= aspect.max else {
                    throw .invalid("\(at)\(v) is out of range for \(aspect.id): a measurement mark is 0 to \(aspect.max)")
                }
                if sheet?.measurements[aspect.id] != nil && reason == nil && !remarkAsked {
                    throw .invalid("\(at)\(aspect.id) already has a mark for \(m.competitor): a correction needs a reason")
                }
            case let (.J, .judgement(j)):
                guard (0...3).contains(j) else { throw .invalid("\(at)\(j) is out of range for \(aspect.id): a judgement score is a whole 0, 1, 2 or 3") }
                if ownRuleApplies && competitor.delegation == judge.delegation {
                    throw .forbidden("\(at)judge \(judge.id) (\(judge.delegation)) may not give judgement scores to a competitor of the same delegation")
                }
                if sheet?.judgements[aspect.id]?[judge.id] != nil && reason == nil && !remarkAsked {
                    throw .invalid("\(at)judge \(judge.id) has already scored \(aspect.id) for \(m.competitor): a correction needs a reason")
                }
            case (.M, .judgement):
                throw .invalid("\(at)\(aspect.id) is a measurement aspect: enter a mark 0 to \(aspect.max) with up to two decimals")
            case (.J, .measurement):
                throw .invalid("\(at)\(aspect.id) is a judgement aspect: enter a whole score 0 to 3")
            }
            events.append(.markEntered(MarkEntry(skill: skillID, round: roundID, competitor: m.competitor, aspect: aspect.id,
                                                 judge: judge.id, value: m.value, reason: reason)))
        }
        return events
    }

    static func decideLock(skill skillID: String, round roundID: String, module moduleID: String, on state: VenueState) throws(CommandError) -> [Event] {
        let (skill, key) = try round(skillID, roundID, on: state)
        guard let module = skill.modules.first(where: { $0.id == moduleID }) else { throw .notFound("skill \(skillID) has no module \"\(moduleID)\"") }
        let marks = state.rounds[key]
        if marks?.lockedModules.contains(moduleID) == true { throw .conflict("module \(moduleID) of \(key) is already signed off") }
        var missing = 0, disputed: [String] = []
        for c in state.entrants(key) {
            let sheet = marks?.sheets[c]
            for a in module.aspects {
                if sheet?.disputed.contains(a.id) == true { disputed.append("\(c) \(a.id)"); continue }
                switch a.type {
                case .M: if sheet?.measurements[a.id] == nil { missing += 1 }
                case .J: if (sheet?.judgements[a.id]?.count ?? 0) < skill.panel { missing += 1 }
                }
            }
        }
        if !disputed.isEmpty {
            throw .conflict("module \(moduleID) of \(key) has \(disputed.count) disputed judgement(s) (\(disputed.prefix(3).joined(separator: ", "))): ask for re-marking first")
        }
        if missing > 0 { throw .conflict("module \(moduleID) of \(key) still has \(missing) mark(s) missing") }
        return [.moduleLocked(ModuleRef(skill: skillID, round: roundID, module: moduleID))]
    }

    static func decideUnlock(skill skillID: String, round roundID: String, module moduleID: String, reason: String, on state: VenueState) throws(CommandError) -> [Event] {
        let (skill, key) = try round(skillID, roundID, on: state)
        guard skill.modules.contains(where: { $0.id == moduleID }) else { throw .notFound("skill \(skillID) has no module \"\(moduleID)\"") }
        let r = reason.trimmingCharacters(in: .whitespaces)
        if r.isEmpty { throw .invalid("unlocking module \(moduleID) of \(key) needs a reason") }
        try TextRules.check(r, field: "the reason", maxCharacters: 200)
        if state.status(key) == .final { throw .conflict("\(key) is final: its modules cannot be unlocked") }
        guard state.rounds[key]?.lockedModules.contains(moduleID) == true else { throw .conflict("module \(moduleID) of \(key) is not locked") }
        return [.moduleUnlocked(ModuleRef(skill: skillID, round: roundID, module: moduleID, reason: r))]
    }

    static func decideRemark(skill skillID: String, round roundID: String, competitor: String, aspect: String, note: String,
                             on state: VenueState) throws(CommandError) -> [Event] {
        let (skill, key) = try round(skillID, roundID, on: state)
        guard state.entrants(key).contains(competitor) else { throw .notFound("competitor \(competitor) is not in \(key)") }
        guard let (module, a) = moduleOf(aspect, in: skill), a.type == .J else {
            throw .invalid("re-marking is asked for judgement aspects; \(aspect) is not one of \(skillID)'s")
        }
        if state.rounds[key]?.lockedModules.contains(module.id) == true { throw .conflict("module \(module.id) of \(key) is locked") }
        let text = note.trimmingCharacters(in: .whitespaces).isEmpty ? "re-mark requested" : note
        try TextRules.check(text, field: "the note", maxCharacters: 200)
        return [.remarkRequested(RemarkRequest(skill: skillID, round: roundID, competitor: competitor, aspect: aspect, note: text))]
    }

    static func decidePublication(_ command: Command, key: RoundKey, on state: VenueState) throws(CommandError) -> [Event] {
        _ = try round(key.skill, key.round, on: state)
        let status = state.status(key)
        switch command {
        case .publish:
            switch status {
            case .marking: throw .conflict("\(key) cannot be published before every module is signed off (locked)")
            case .published, .final: throw .conflict("\(key) is already \(status)")
            case .locked: return [.resultsPublished(key)]
            }
        case .freeze:
            guard status == .marking || status == .locked else { throw .conflict("\(key) is \(status): only results still being marked can be frozen") }
            if state.rounds[key]?.frozenAt != nil { throw .conflict("\(key) is already frozen") }
            return [.resultsFrozen(key)]
        case .finalize:
            if status == .final { throw .conflict("\(key) is already final") }
            let s = state.standings(key)
            let provisional = s.entries.filter(\.provisional).map(\.competitor)
            if !provisional.isEmpty {
                throw .conflict("\(key) cannot be finalized: marks are missing or disputed for \(provisional.count) competitor(s) (\(provisional.prefix(3).joined(separator: ", ")))")
            }
            guard status == .published else {
                throw .conflict("\(key) cannot be finalized: it must be signed off (every module locked) and published first")
            }
            return [.resultsFinalized(key)]
        default:
            return []
        }
    }
}

/// New competitors and judges after init (CSV import): the same rules as the definition.
enum Registration {
    static func competitors(_ list: [Competitor], on state: VenueState) throws(CommandError) -> [Event] {
        try Decide.requireCompetition(state)
        var ids = Set<String>()
        for (i, c) in list.enumerated() {
            let at = "competitor \(i + 1) (\(c.id))"
            if c.id.isEmpty { throw .invalid("competitor \(i + 1): empty id") }
            if let p = TextRules.controlCharacter(in: c.id) { throw .invalid("competitor \(i + 1): the id \(p)") }
            if state.competitors.contains(c.id) || !ids.insert(c.id).inserted { throw .conflict("\(at): the id is already taken") }
            try TextRules.check(c.name, field: "\(at) name", maxCharacters: 100)
            for m in c.members { try TextRules.check(m, field: "\(at) member name", maxCharacters: 100) }
            guard state.delegations.contains(c.delegation) else { throw .notFound("\(at): unknown delegation \"\(c.delegation)\"") }
            guard state.skills.contains(c.skill) else { throw .notFound("\(at): unknown skill \"\(c.skill)\"") }
        }
        return list.map { .competitorRegistered($0) }
    }

    static func judges(_ list: [Judge], on state: VenueState) throws(CommandError) -> [Event] {
        try Decide.requireCompetition(state)
        var ids = Set<String>()
        for (i, j) in list.enumerated() {
            let at = "judge \(i + 1) (\(j.id))"
            if j.id.isEmpty { throw .invalid("judge \(i + 1): empty id") }
            if let p = TextRules.controlCharacter(in: j.id) { throw .invalid("judge \(i + 1): the id \(p)") }
            if state.judges.contains(j.id) || !ids.insert(j.id).inserted { throw .conflict("\(at): the id is already taken") }
            try TextRules.check(j.name, field: "\(at) name", maxCharacters: 100)
            guard state.delegations.contains(j.delegation) else { throw .notFound("\(at): unknown delegation \"\(j.delegation)\"") }
            for s in j.skills where !state.skills.contains(s) { throw .notFound("\(at): unknown skill \"\(s)\"") }
        }
        return list.map { .judgeRegistered($0) }
    }
}
