import Foundation

/// The closing ceremony's clock: its time (the definition's until staff set another) and
/// whether the countdown is paused.
public struct ClockState: Hashable, Sendable {
    /// The time staff set with `closing.set` (nil: the definition's).
    public internal(set) var closingSet: Date?
    /// When the countdown was paused (nil: running). While paused the countdown shows the time
    /// left at this moment, and the closing moment does not arrive.
    public internal(set) var pausedAt: Date?
    public var paused: Bool { pausedAt != nil }
    public init() {}
}

/// One step of the ceremony reveal. The presenter steps through them; every board shows the
/// current one.
public enum CeremonyStep: Hashable, Sendable {
    /// The title card: how many skills will be revealed.
    case opening(skills: Int)
    /// A skill's medal: everyone holding it (a shared rank gives several).
    case medal(RoundKey, Medal, [StandingEntry])
    /// One delegation table, over the medals revealed in this ceremony.
    case table(TeamTable, [DelegationRow])
    /// A team award and the delegations receiving it.
    case teamAward(Medal, [String])

    /// The round a medal step reveals.
    public var round: RoundKey? {
        if case let .medal(key, _, _) = self { return key }
        return nil
    }
}

/// The ceremony reveal as folded from the `ceremony.*` events.
public struct CeremonyState: Hashable, Sendable {
    public internal(set) var running = false
    /// The steps, fixed when the ceremony started (derived from the state at that record), so
    /// every board, however late it joins, steps through the same list.
    public internal(set) var steps: [CeremonyStep] = []
    /// The index of the step on show (0: the opening).
    public internal(set) var current = 0
    /// The last step index of each round in `steps`: once shown, the round counts as revealed.
    public internal(set) var lastStepOfRound: [RoundKey: Int] = [:]
    /// Rounds whose every medal step has been shown in a ceremony: under the at-ceremony
    /// policy the ceremony is what makes them public.
    public internal(set) var revealed: Set<RoundKey> = []
    /// The sequence number of the `ceremony.started` record of the current (or last) ceremony.
    public internal(set) var startedSeq: UInt64?
    public init() {}

    /// The step the hall sees, while a ceremony runs.
    public var step: CeremonyStep? { running && steps.indices.contains(current) ? steps[current] : nil }
    /// The step after the current one: the presenter's preview (the hall does not see it).
    public var nextStep: CeremonyStep? { running && steps.indices.contains(current + 1) ? steps[current + 1] : nil }
    public var isAtLastStep: Bool { current >= steps.count - 1 }

    mutating func start(_ plan: [CeremonyStep], seq: UInt64) {
        running = true
        steps = plan
        current = 0
        startedSeq = seq
        lastStepOfRound = [:]
        for (i, s) in plan.enumerated() { if let k = s.round { lastStepOfRound[k] = i } }
    }

    mutating func go(to step: Int) {
        current = max(0, min(step, steps.count - 1))
        for (k, last) in lastStepOfRound where last <= current { revealed.insert(k) }
    }
}

/// Which results a ceremony reveals, and in what order (docs/scoring.md, "The ceremony reveal").
public enum Ceremony {
    /// The final rounds a ceremony would reveal now, in definition order of their skills:
    /// official skills whose final round has medals and whose results the policy lets out:
    /// `final` under at-ceremony, `published` or `final` under on-publish and live.
    public static func rounds(_ state: VenueState) -> [RoundKey] {
        let policy = state.competition?.resultsPolicy ?? .onPublish
        var keys: [RoundKey] = []
        for skill in state.skills where skill.kind == .official {
            guard let final = skill.rounds.last else { continue }
            let key = RoundKey(skill: skill.id, round: final.id)
            let status = state.status(key)
            let allowed = policy == .atCeremony ? status == .final : (status == .published || status == .final)
            guard allowed, !(state.rounds[key]?.sheets.isEmpty ?? true) else { continue }
            keys.append(key)
        }
        return keys
    }

    /// The steps of a ceremony started now: the opening; then skill by skill (definition order)
    /// the Medallions for Excellence (when the competition's `ceremonyExcellence` is on), bronze,
    /// silver, gold (a medal nobody holds, as after a shared gold, is skipped); then
    /// the gold, medal count and points tables over the revealed skills' medals (excellence
    /// included); then the team awards from the competition's team table, bronze, silver, gold
    /// (those nobody receives are skipped). Empty when there is nothing to reveal.
    public static func plan(_ state: VenueState) -> [CeremonyStep] {
        let keys = rounds(state)
        guard !keys.isEmpty else { return [] }
        var steps: [CeremonyStep] = [.opening(skills: keys.count)]
        var medals: [(delegation: String, medal: Medal)] = []
        for key in keys {
            let entries = state.standings(key).entries
            for medal in medalOrder(state) {
                let holders = entries.filter { $0.medal == medal }
                if !holders.isEmpty { steps.append(.medal(key, medal, holders)) }
            }
            for e in entries { if let m = e.medal { medals.append((e.delegation, m)) } }
        }
        let tables = Scoring.delegationTables(delegations: state.delegations.items.map(\.id), medals: medals,
                                              points: state.competition?.points ?? MedalPoints())
        for t in [TeamTable.gold, .count, .points] { steps.append(.table(t, tables.table(t))) }
        let awards = tables.teamAwards(state.competition?.teamTable ?? .points)
        for (medal, ids) in [(Medal.bronze, awards.bronze), (.silver, awards.silver), (.gold, awards.gold)] where !ids.isEmpty {
            steps.append(.teamAward(medal, ids))
        }
        return steps
    }

    /// The order a skill's awards are revealed in: excellence first when the competition says
    /// so (a definition logged before the setting existed says no), then bronze, silver, gold.
    public static func medalOrder(_ state: VenueState) -> [Medal] {
        (state.competition?.ceremonyExcellence ?? false ? [.excellence] : []) + [.bronze, .silver, .gold]
    }
}

extension VenueState {
    /// The closing ceremony's time: the one staff set last, else the definition's.
    public var closing: Date? { clock.closingSet ?? competition?.closing }

    /// The moment the countdown counts from: `now`, or the moment it was paused.
    public func countdownFrom(_ now: Date) -> Date { clock.pausedAt ?? now }

    /// The closing moment has come: its time has passed and the countdown is not paused.
    public func isClosingTime(at now: Date) -> Bool {
        guard let c = closing, !clock.paused else { return false }
        return now >= c
    }
}
