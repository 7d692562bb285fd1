import Foundation

/// `Command.importMarks`: a marks file, all rows or none. Each row is decided exactly as the
/// same mark typed at its judge's console (Access.judge, then MarkRules.decideSheet for that one
/// mark), against the state with the rows above it already applied: a second row for the same
/// judge and aspect is a correction, and needs a reason, as it would at the console.
enum ImportRules {
    static func decideMarks(_ rows: [ImportedMark], on state: VenueState, by importer: Actor, now: Date) throws(CommandError) -> [Event] {
        try Decide.requireCompetition(state)
        guard !rows.isEmpty else { throw .invalid("the marks file has no rows: nothing to import") }
        var scratch = state
        var events: [Event] = []
        events.reserveCapacity(rows.count)
        for row in rows {
            let decided = try decide(row, on: scratch)
            for e in decided {
                scratch.apply(EventRecord(seq: scratch.lastSeq + 1, time: now, actor: importer.logName, event: e))
            }
            events += decided
        }
        return events
    }

    /// One row: the events its mark makes, or why it is refused, as "row N, column C: why".
    static func decide(_ row: ImportedMark, on state: VenueState) throws(CommandError) -> [Event] {
        func refuse(_ column: String, _ kind: CommandError.Kind, _ message: Said) -> CommandError {
            CommandError(kind, "row \(row.row), column \(column): \(message)")
        }
        guard let judge = state.judges[row.judge] else {
            throw refuse("judge", .notFound, "no judge \"\(row.judge)\" at this competition")
        }
        guard let competitor = state.competitors[row.competitor] else {
            throw refuse("competitor", .notFound, "no competitor \"\(row.competitor)\" at this competition")
        }
        guard let skill = state.skills[competitor.skill] else {
            throw refuse("competitor", .notFound, "competitor \(competitor.id)'s skill \"\(competitor.skill)\" is not defined")
        }
        let actor = Actor(.judge, judge.id)
        do { try Access.judge(actor, of: skill.id, on: state, chief: false, doing: "enter marks") } catch {
            throw refuse("judge", error.kind, "\(error) (competitor \(competitor.id) is in \(skill.id))")
        }

        let roundID: String
        if let r = row.round {
            roundID = r
        } else if skill.rounds.count == 1 {
            roundID = skill.rounds[0].id
        } else {
            throw refuse("round", .invalid, "skill \(skill.id) has rounds \(skill.rounds.map(\.id).joined(separator: ", ")): say which")
        }
        guard skill.rounds.contains(where: { $0.id == roundID }) else {
            throw refuse("round", .notFound, "skill \(skill.id) has no round \"\(roundID)\" (rounds: \(skill.rounds.map(\.id).joined(separator: ", ")))")
        }
        guard let (_, aspect) = MarkRules.moduleOf(row.aspect, in: skill) else {
            throw refuse("aspect", .notFound, "skill \(skill.id) has no aspect \"\(row.aspect)\"")
        }
        let value = try score(row.scoreText, for: aspect, refuse: refuse)

        let mark = MarkInput(competitor: competitor.id, aspect: aspect.id, value: value)
        do {
            return try MarkRules.decideSheet(skill: skill.id, round: roundID, marks: [mark], reason: row.reason, on: state, by: actor)
        } catch {
            let column = column(for: error, row: row, mark: mark, aspect: aspect, judge: judge, key: RoundKey(skill: skill.id, round: roundID), on: state)
            throw refuse(column, error.kind, error.said)
        }
    }

    /// The score text read as the aspect's type asks: a mark with up to two decimals (M), or a
    /// whole 0-3 (J; "2.0" is 2). The range is left to MarkRules, as at the console.
    static func score(_ text: String, for aspect: Aspect,
                      refuse: (String, CommandError.Kind, Said) -> CommandError) throws(CommandError) -> MarkValue {
        let parsed = Fixed2(parsing: text)
        switch aspect.type {
        case .M:
            guard let v = parsed else {
                throw refuse("score", .invalid, "\"\(text)\" is not a mark: \(aspect.id) is a measurement aspect, 0 to \(aspect.max) with up to two decimals")
            }
            return .measurement(v)
        case .J:
            guard let v = parsed else {
                throw refuse("score", .invalid, "\"\(text)\" is not a score: \(aspect.id) is a judgement aspect, a whole 0, 1, 2 or 3")
            }
            guard v.hundredths % 100 == 0 else {
                throw refuse("score", .invalid, "\(text) is out of range for \(aspect.id): a judgement score is a whole 0, 1, 2 or 3")
            }
            return .judgement(Int(v.hundredths / 100))
        }
    }

    /// Which column a refusal of MarkRules.decideSheet is about, found by the conditions it
    /// checks (in its order), not by its wording.
    static func column(for error: CommandError, row: ImportedMark, mark: MarkInput, aspect: Aspect, judge: Judge,
                       key: RoundKey, on state: VenueState) -> String {
        if error.kind == .forbidden { return "judge" } // a compatriot's judgement score
        if state.status(key) == .final { return "round" }
        if let reason = row.reason, (try? TextRules.check(reason, field: "the reason", maxCharacters: 200)) == nil { return "reason" }
        if !state.entrants(key).contains(mark.competitor) { return "competitor" }
        let marks = state.rounds[key]
        if let (module, _) = MarkRules.moduleOf(aspect.id, in: state.skills[key.skill]!), marks?.lockedModules.contains(module.id) == true {
            return "aspect"
        }
        let sheet = marks?.sheets[mark.competitor]
        let inRange: Bool, already: Bool
        switch mark.value {
        case let .measurement(v): inRange = v >= .zero && v <= aspect.max; already = sheet?.measurements[aspect.id] != nil
        case let .judgement(j): inRange = (0...3).contains(j); already = sheet?.judgements[aspect.id]?[judge.id] != nil
        }
        if inRange && already && row.reason == nil { return "reason" } // a correction without a reason
        return "score"
    }
}
