import Foundation

/// What a given actor may see of marks and results. Every judge screen asks here, so the rule
/// holds in the core and not only in a screen:
/// - staff (and Podium itself) see everything;
/// - a judge or chief judge sees the totals and ranks of the skills they are assigned to, and
///   of other skills only what the public sees (`publicStandings`, the results policy);
/// - within a judgement panel, a judge sees who has scored, their own score, and the others'
///   scores only once the panel is complete; the chief judge of the skill sees every score.
public enum Visibility {
    /// The standings of a round as `actor` may see them, or nil (then only progress may be shown).
    public static func standings(_ key: RoundKey, for actor: Actor, on state: VenueState, now: Date) -> RoundStandings? {
        if actor.isStaff { return state.standings(key) }
        if isAssigned(actor, to: key.skill, on: state) { return state.standings(key) }
        return state.publicStandings(key, now: now)
    }

    /// Whether `actor` is a judge (or the chief) assigned to `skill`.
    public static func isAssigned(_ actor: Actor, to skill: String, on state: VenueState) -> Bool {
        guard actor.role == .judge || actor.role == .chief, let j = state.judges[actor.id] else { return false }
        return j.skills.contains(skill)
    }

    /// Whether `actor` sees every judge's scores of `skill`: staff, and its chief judge.
    public static func seesAllScores(_ actor: Actor, of skill: String, on state: VenueState) -> Bool {
        if actor.isStaff { return true }
        guard isAssigned(actor, to: skill, on: state), let j = state.judges[actor.id] else { return false }
        return j.chief
    }

    /// One judge's place in a judgement panel.
    public struct Seat: Hashable, Sendable {
        public var judge: String
        public var name: String
        public var scored: Bool
        /// The score, when the viewer may see it.
        public var score: Int?
    }

    /// Who has scored one judgement aspect of one competitor.
    public struct PanelStatus: Hashable, Sendable {
        /// The judges who may score it (assigned to the skill, not of the competitor's
        /// delegation unless the competition allows that), in definition order.
        public var seats: [Seat]
        public var scored: Int
        /// Scores needed for the aspect to count (the skill's panel).
        public var needed: Int
        /// Whether the viewer sees the scores (a complete panel, or the chief).
        public var valuesShown: Bool
        public var disputed: Bool
        public var remarkRequested: Bool
        public var complete: Bool { scored >= needed }
    }

    /// The judges who may score judgement aspects of `competitor`.
    public static func panel(for competitor: Competitor, on state: VenueState) -> [Judge] {
        let ownAllowed = state.competition?.judgeOwnDelegation ?? false
        return state.judges.items.filter { $0.skills.contains(competitor.skill) && (ownAllowed || $0.delegation != competitor.delegation) }
    }

    /// The panel status of a judgement aspect as `actor` may see it, or nil when the actor is
    /// neither staff nor assigned to the skill, or the aspect is not a judgement aspect.
    public static func panel(_ key: RoundKey, competitor id: String, aspect: String, for actor: Actor, on state: VenueState) -> PanelStatus? {
        guard actor.isStaff || isAssigned(actor, to: key.skill, on: state),
              let skill = state.skills[key.skill], let competitor = state.competitors[id],
              let a = skill.modules.lazy.flatMap(\.aspects).first(where: { $0.id == aspect }), a.type == .J else { return nil }
        let marks = state.rounds[key]
        let sheet = marks?.sheets[id]
        let scores = sheet?.judgements[aspect] ?? [:]
        let all = seesAllScores(actor, of: key.skill, on: state)
        let complete = scores.count >= skill.panel
        let shown = all || complete
        let seats = panel(for: competitor, on: state).map { j in
            Seat(judge: j.id, name: j.name, scored: scores[j.id] != nil,
                 score: (shown || j.id == actor.id) ? scores[j.id] : nil)
        }
        return PanelStatus(seats: seats, scored: scores.count, needed: skill.panel, valuesShown: shown,
                           disputed: sheet?.disputed.contains(aspect) == true,
                           remarkRequested: marks?.remarkRequests[id]?.contains(aspect) == true)
    }
}
