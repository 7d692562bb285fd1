import Foundation

// What each command's decision reads of the state (docs/architecture.md, "Decisions that read
// little"). A server store may append a command's batch after records its writer did not see
// when none of those has a scope (`Event.scope`) in this set, or an unknown one: so a set must
// name every scope whose events could change anything `Decide.decide` reads for the command,
// including what `Access.check` reads. A set too narrow would let a decision stand on stale
// state; when in doubt a command reads `.everything`. `CommandReadsTests` checks each narrow set
// against a simulated day.

extension Command {
    /// What the decision of this command reads: `.everything`, or the scopes whose events could
    /// change it.
    public var reads: ReadSet {
        switch self {
        case let .submitMarks(skill, _, _, _):
            // Access.judge: the actor's judge record (registry: exists, assigned skills).
            // MarkRules.round: the skill's definition (rounds, kind, modules, aspects, maxima).
            // state.status: the round's finalized/published/locked modules (skill) against the
            // skill's modules (definition). The judge's delegation (registry). state.entrants:
            // registration order (registry) and, for a later round, the round before's standings
            // (its marks: skill; standardisation, tie-break, advance: definition; delegations:
            // registry). The round's locked modules, existing marks ("already scored"), open
            // re-mark requests (skill). competition.judgeOwnDelegation (definition). Each
            // competitor's skill and delegation (registry). Judge ids of existing scores come
            // from the book's judge table, which only ever appends. Nothing else: no other
            // skill, no session, no clock, no counter, no seq.
            return .scopes(StateScope.skillReads(skill))
        case let .lockModule(skill, _, _):
            // Access.judge with chief (registry); the skill's modules, aspects and panel
            // (definition); the round's locked modules and every entrant's sheet of the module
            // (skill: missing and disputed marks); state.entrants (as for submitMarks).
            return .scopes(StateScope.skillReads(skill))
        case let .unlockModule(skill, _, _, _):
            // Access: the actor's role only. The skill's modules (definition); the round's status
            // and locked modules (skill, definition). (skillReads adds the registry, which this
            // decision does not read: wider than needed, never narrower.)
            return .scopes(StateScope.skillReads(skill))
        case let .requestRemark(skill, _, _, _, _):
            // Access.judge with chief (registry); state.entrants (as for submitMarks); the
            // aspect's module and type (definition); the round's locked modules (skill).
            return .scopes(StateScope.skillReads(skill))
        case let .publish(key), let .freeze(key), let .finalize(key):
            // Access: the actor's role only. The round's definition; its status (skill,
            // definition); frozenAt (skill); finalize: the round's standings, derived from its
            // marks (skill), entrants and delegations (registry), the skill's scheme and the
            // competition's standardisation and tie-break (definition). (Publish and freeze do
            // not read the registry: wider than needed, never narrower.)
            return .scopes(StateScope.skillReads(key.skill))
        case .announce, .withdrawAnnouncement:
            // Access: the actor's role only. A competition is defined, its time zone (definition);
            // the count of announcements ever posted (numbers the next), those showing
            // (announcements). The expiry is checked against `now`, not the state.
            return .scopes([StateScope.announcements, StateScope.definition])
        case let .recordLogin(account, _, _, _):
            // Access: the actor's role only. The account's lock-out and recent wrong PINs
            // (account); the time zone of the refusal's message (definition).
            return .scopes([StateScope.account(account), StateScope.definition])
        case .recordPINSet:
            // Access: the actor's role only. The id's form and the role: nothing of the state,
            // so no record in between can change the decision.
            return .scopes([])
        case .startSession, .finishSession, .delaySession, .moveSession, .cancelSession:
            // Access: the actor's role only. A competition is defined, its time zone, its sites
            // (definition); the sessions as they stand: status, place, live ones (schedule).
            return .scopes([StateScope.schedule, StateScope.definition])
        case .setClosing, .pauseCountdown, .resumeCountdown:
            // Access: the actor's role only. The closing time (staff's: clock; else the
            // definition's), the pause (clock), the time zone (definition).
            return .scopes([StateScope.clock, StateScope.definition])
        case .ceremonyNext, .ceremonyBack, .endCeremony:
            // Access: the actor's role only. A competition is defined (definition); the reveal's
            // running flag, steps and current step (ceremony: its steps were fixed by its start).
            return .scopes([StateScope.ceremony, StateScope.definition])
        case .registerKey:
            // Access: the actor's role only. A competition is defined (definition); the keys
            // registered (keys).
            return .scopes([StateScope.keys, StateScope.definition])
        case .startCeremony:
            // Plans the reveal from every skill's final round: reads (nearly) everything.
            return .everything
        case .recordCheckpoint:
            // Checks the checkpoint's seq against the log's last seq, which every record moves.
            return .everything
        case .defineCompetition, .registerCompetitors, .registerJudges, .importMarks:
            // The definition (the log's first batch), imports of the registry and of marks of
            // any skill: rare, and left to read everything.
            return .everything
        }
    }
}

extension ReadSet {
    /// Whether a record of scope `scope` (nil: unknown) appended after the state a decision with
    /// this read set saw could have changed it: the rule every store applies.
    public func conflicts(with scope: String?) -> Bool {
        switch self {
        case .everything: return true
        case let .scopes(set):
            if set.isEmpty { return false }
            guard let scope else { return true }
            return set.contains(scope)
        }
    }
}
