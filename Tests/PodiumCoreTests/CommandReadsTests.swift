import Foundation
import Testing
@testable import PodiumCore

/// Scopes and read sets (docs/architecture.md, "Decisions that read little"): a decision with
/// read set R stays valid after records whose scopes are all outside R. Worked examples on a
/// small competition, the property over a simulated day, and `Venue.execute` on a store that
/// puts a batch after records its writer did not see.
@Suite struct CommandReadsTests {
    /// A decision: its events, or the refusal.
    enum Outcome: Equatable, CustomStringConvertible {
        case events([Event])
        case refused(CommandError)
        var description: String {
            switch self {
            case let .events(e): return "events \(e)"
            case let .refused(e): return "refused (\(e.kind)): \(e.message)"
            }
        }
    }

    static func outcome(_ c: Command, on state: VenueState, by actor: Actor, now: Date) -> Outcome {
        do { return .events(try Decide.decide(c, on: state, by: actor, now: now)) } catch { return .refused(error) }
    }

    /// Decides and folds on `state` (as another writer would), returning the records appended.
    @discardableResult
    static func append(_ c: Command, _ actor: Actor, to state: inout VenueState, now: Date) throws -> [EventRecord] {
        let events = try Decide.decide(c, on: state, by: actor, now: now)
        var out: [EventRecord] = []
        for e in events {
            let r = EventRecord(seq: state.lastSeq + 1, time: now, actor: actor.logName, event: e)
            state.apply(r)
            out.append(r)
        }
        return out
    }

    // MARK: - Worked examples

    static let now = Date(timeIntervalSince1970: 1_750_400_000)
    static let j1 = Actor(.judge, "J1")
    static let k1 = Actor(.chief, "K1")
    static let staff = Actor(.staff, "ST1")
    /// J1's sheet: C1 (skill S01) measured 30 on A1.
    static let sheet = Command.submitMarks(skill: "S01", round: "final",
                                           marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(30)))], reason: nil)

    @Test func aSheetOfSkillAStandsAfterAnotherSkillsMarkAndAnAnnouncement() throws {
        var state = Bench(markingDefinition()).state
        let decided = Self.outcome(Self.sheet, on: state, by: Self.j1, now: Self.now)
        guard case let .events(events) = decided else { Issue.record("refused: \(decided)"); return }
        #expect(events.map(\.scope) == ["skill:S01"])
        // Another writer appends a mark of skill S02 and an announcement meanwhile.
        var others = try Self.append(.submitMarks(skill: "S02", round: "pre", marks: [MarkInput(competitor: "D1", aspect: "A1", value: .measurement(Fixed2(12)))], reason: nil),
                                     Actor(.judge, "J2"), to: &state, now: Self.now)
        others += try Self.append(.announce(text: "lunch at noon", priority: .normal, until: nil), Self.staff, to: &state, now: Self.now)
        #expect(others.map(\.event.scope) == ["skill:S02", "announcements"])
        for r in others { #expect(!Self.sheet.reads.conflicts(with: r.event.scope), "\(r.event.typeName)") }
        #expect(Self.outcome(Self.sheet, on: state, by: Self.j1, now: Self.now) == decided)
    }

    @Test func aSheetOfSkillAIsDecidedAgainAfterARecordOfSkillA() throws {
        // The same judge's earlier sheet, from another console: the sheet is now a correction.
        do {
            var state = Bench(markingDefinition()).state
            guard case .events = Self.outcome(Self.sheet, on: state, by: Self.j1, now: Self.now) else { Issue.record("refused"); return }
            let earlier = try Self.append(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(25)))], reason: nil),
                                          Self.j1, to: &state, now: Self.now)
            #expect(earlier.allSatisfy { Self.sheet.reads.conflicts(with: $0.event.scope) })
            guard case let .refused(e) = Self.outcome(Self.sheet, on: state, by: Self.j1, now: Self.now) else { Issue.record("not refused"); return }
            #expect(e.message.contains("a correction needs a reason"))
        }
        // The module signed off by the chief judge: a correction with a reason is refused.
        do {
            var b = Bench(markingDefinition())
            for c in ["C1", "C2", "C3"] { try b.complete(c, m: 3000, j: [2, 2, 2]) }
            var state = b.state
            let correction = Command.submitMarks(skill: "S01", round: "final",
                                                 marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(35)))], reason: "typed 30")
            guard case .events = Self.outcome(correction, on: state, by: Self.j1, now: Self.now) else { Issue.record("refused"); return }
            let lock = try Self.append(.lockModule(skill: "S01", round: "final", module: "A"), Self.k1, to: &state, now: Self.now)
            #expect(lock.map(\.event.scope) == ["skill:S01"])
            #expect(correction.reads.conflicts(with: lock[0].event.scope))
            guard case let .refused(e) = Self.outcome(correction, on: state, by: Self.j1, now: Self.now) else { Issue.record("not refused"); return }
            #expect(e.kind == .conflict && e.message.contains("signed off"))

            // Published; staff would unlock the module, but the round is finalized meanwhile.
            try Self.append(.publish(s01), Self.staff, to: &state, now: Self.now)
            let unlock = Command.unlockModule(skill: "S01", round: "final", module: "A", reason: "C1's A1 was mistyped")
            guard case .events = Self.outcome(unlock, on: state, by: Self.staff, now: Self.now) else { Issue.record("refused"); return }
            let final = try Self.append(.finalize(s01), Self.staff, to: &state, now: Self.now)
            #expect(unlock.reads.conflicts(with: final[0].event.scope))
            guard case let .refused(f) = Self.outcome(unlock, on: state, by: Self.staff, now: Self.now) else { Issue.record("not refused"); return }
            #expect(f.message.contains("final"))
        }
    }

    @Test func aSheetIsDecidedAgainAfterTheCompetitionIsRedefined() throws {
        // Only a hand-made log redefines the competition (Decide gives a definition once), but the
        // fold takes it: judges may then score their own delegation's competitors.
        var state = Bench(markingDefinition()).state
        let own = Command.submitMarks(skill: "S01", round: "final",
                                      marks: [MarkInput(competitor: "C2", aspect: "A2", value: .judgement(2))], reason: nil)
        guard case let .refused(e) = Self.outcome(own, on: state, by: Self.j1, now: Self.now) else { Issue.record("not refused"); return }
        #expect(e.kind == .forbidden)
        var info = try #require(state.competition)
        info.judgeOwnDelegation = true
        let redefined = EventRecord(seq: state.lastSeq + 1, time: Self.now, actor: "admin:A", event: .competitionDefined(info))
        state.apply(redefined)
        #expect(own.reads.conflicts(with: redefined.event.scope))
        guard case .events = Self.outcome(own, on: state, by: Self.j1, now: Self.now) else { Issue.record("refused"); return }
    }

    @Test func everyEventHasAScopeAndEveryNarrowSetNamesScopesEventsHave() {
        #expect(Self.sheet.reads == .scopes(["skill:S01", "definition", "registry"]))
        #expect(Command.recordPINSet(account: "J1", role: .judge).reads == .scopes([]))
        #expect(Command.startCeremony.reads == .everything)
        // The rule: an unknown scope conflicts with any set but the empty one.
        #expect(ReadSet.scopes(["a"]).conflicts(with: nil))
        #expect(!ReadSet.scopes([]).conflicts(with: nil))
        #expect(!ReadSet.scopes(["a"]).conflicts(with: "b"))
        #expect(ReadSet.everything.conflicts(with: "b"))
        // Every event of a simulated day has a scope, and its entry carries it.
        for r in Self.day.records {
            #expect(r.event.scope != nil)
            #expect(r.event.entry.scope == r.event.scope)
        }
    }

    // MARK: - The property over a simulated day

    /// A day on the demo competition: the rehearsal feed's commands, with logins, PIN changes,
    /// the closing clock, the ceremony reveal, keys and announcements mixed in; every command
    /// decided on the state of its moment (refused ones too), with the records so far.
    struct Day {
        var records: [EventRecord] = []
        /// states[i]: the fold of the first i records.
        var states: [VenueState] = [VenueState()]
        /// Each command, who gave it, when, and how many records the log held then.
        var commands: [(command: Command, actor: Actor, now: Date, at: Int)] = []
    }

    static let day = simulateDay(seed: 11, commands: 2500)

    static func simulateDay(seed: UInt64, commands: Int) -> Day {
        var day = Day()
        var state = VenueState()
        func fold(_ r: EventRecord) {
            state.apply(r)
            day.records.append(r)
            day.states.append(state)
        }
        for r in RehearsalFeedTests.demoRecords { fold(r) }
        var feed = RehearsalFeed(seed: seed)
        var rng = SplitMix64(seed: seed ^ 0x5C0E)
        var now = RehearsalFeedTests.start
        let judges = state.judges.items.map(\.id)
        let staff = Actor(.staff, "ST1")
        var keys: [RegisteredKey] = []
        // Now and then someone types wrong PINs in a row: enough to be locked out.
        var burst: (account: String, left: Int)?
        for _ in 0..<commands {
            now = now.addingTimeInterval(15)
            let command: Command, actor: Actor
            if let b = burst {
                (command, actor) = (.recordLogin(account: b.account, role: .judge, via: "pin", succeeded: false), credentialsActor)
                burst = b.left > 1 ? (b.account, b.left - 1) : nil
            } else if rng.chance(0.004) {
                burst = (judges[rng.below(4)], rng.within(3...7))
                continue
            } else if rng.chance(0.12) {
                (command, actor) = extra(&rng, judges: judges, staff: staff, keys: &keys, state: state, now: now)
            } else {
                guard let next = feed.next(state: state, now: now) else { break }
                (command, actor) = next
            }
            day.commands.append((command, actor, now, day.records.count))
            guard let events = try? Decide.decide(command, on: state, by: actor, now: now) else { continue }
            for e in events { fold(EventRecord(seq: state.lastSeq + 1, time: now, actor: actor.logName, event: e)) }
        }
        return day
    }

    /// A command the feed does not give: a login, a PIN change, the clock, the ceremony, a key,
    /// an announcement.
    static func extra(_ rng: inout SplitMix64, judges: [String], staff: Actor, keys: inout [RegisteredKey],
                      state: VenueState, now: Date) -> (Command, Actor) {
        switch rng.below(10) {
        case 0, 1, 2:
            // Few accounts, so wrong PINs add up to lock-outs.
            let account = judges[rng.below(4)]
            return (.recordLogin(account: account, role: .judge, via: "pin", succeeded: rng.chance(0.4)), credentialsActor)
        case 3: return (.recordPINSet(account: judges[rng.below(4)], role: .judge), staff)
        case 4:
            switch rng.below(3) {
            case 0: return (.setClosing(now.addingTimeInterval(Double(rng.within(1...96)) * 3600)), staff)
            case 1: return (.pauseCountdown, staff)
            default: return (.resumeCountdown, staff)
            }
        case 5, 6:
            let c: [Command] = [.startCeremony, .ceremonyNext, .ceremonyNext, .ceremonyBack, .endCeremony]
            return (rng.pick(c), staff)
        case 7:
            if !keys.isEmpty && rng.chance(0.3) { return (.registerKey(rng.pick(keys)), staff) }
            let seed = Data((0..<32).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
            let pub = try! SigningKey(rawRepresentation: seed).publicKey.rawRepresentation
            let key = RegisteredKey(id: SigningKeys.fingerprint(pub), publicKey: pub, holder: "jury chair")
            keys.append(key)
            return (.registerKey(key), staff)
        default:
            if let shown = state.announcements.items.first, rng.chance(0.5) { return (.withdrawAnnouncement(id: shown.id), staff) }
            return (.announce(text: "请注意 \(rng.below(100))", priority: .normal, until: rng.chance(0.5) ? now.addingTimeInterval(3600) : nil), staff)
        }
    }

    /// What the property found: comparisons made, those where the walk folded records, and
    /// the mismatches.
    struct Finding {
        var compared = 0
        var walked = 0
        var walkedByKind: [String: Int] = [:]
        var mismatches: [String] = []
    }

    /// "submitMarks", "recordLogin", ...
    static func caseName(_ c: Command) -> String { String("\(c)".prefix { $0 != "(" }) }

    /// For each command of the day and several earlier points P: the decision on the state at
    /// P, and on the state after folding, from P on, the records outside the command's read set
    /// (a record whose scope is in the set, or unknown, stops the walk, as a server would stop
    /// there and send the writer back to catch up). They must be the same.
    static func check(_ day: Day, reads: (Command) -> ReadSet, maxWalk: Int = 400, stopAfter: Int = .max) -> Finding {
        var f = Finding()
        var rng = SplitMix64(seed: 77)
        for (k, c) in day.commands.enumerated() {
            let set = reads(c.command)
            if set == .everything { continue }
            var points = Set<Int>()
            for d in [1, 2, 3, 5, 8, 13, 40, 150] where c.at - d >= 0 { points.insert(c.at - d) }
            points.insert(rng.below(c.at + 1))
            // Points inside the definition batch too, where the registry and skills appear.
            if k % 7 == 0 { points.insert(rng.below(RehearsalFeedTests.demoRecords.count + 1)) }
            for p in points.sorted() {
                let atP = outcome(c.command, on: day.states[p], by: c.actor, now: c.now)
                var state = day.states[p]
                var q = p
                while q < day.records.count, q - p < maxWalk, !set.conflicts(with: day.records[q].event.scope) {
                    state.apply(day.records[q])
                    q += 1
                }
                f.compared += 1
                guard q > p else { continue }
                f.walked += 1
                f.walkedByKind[caseName(c.command), default: 0] += 1
                let after = outcome(c.command, on: state, by: c.actor, now: c.now)
                if after != atP {
                    f.mismatches.append("\(c.actor) \(RehearsalFeedTests.kind(c.command)) at seq \(p), walked to \(q): \(atP) / \(after)")
                    if f.mismatches.count >= stopAfter { return f }
                }
            }
        }
        return f
    }

    @Test func aDecisionStandsAfterRecordsOutsideItsReadSetOverASimulatedDay() {
        let day = Self.day
        // The day has the records that make logins, the clock and the ceremony interesting.
        #expect(day.records.contains { if case .accountLockedOut = $0.event { true } else { false } })
        #expect(day.records.contains { if case .ceremonyStepped = $0.event { true } else { false } })

        let f = Self.check(day, reads: \.reads)
        #expect(f.mismatches.isEmpty, "\(f.mismatches.count) of \(f.walked): \(f.mismatches.prefix(3))")
        #expect(f.walked > 5000, "\(f.walked) of \(f.compared)")
        #expect((f.walkedByKind["submitMarks"] ?? 0) > 5000, "\(f.walkedByKind)")
        // Every command with a narrow read set the day gives was decided across records.
        for name in ["lockModule", "unlockModule", "requestRemark", "publish", "finalize", "announce", "withdrawAnnouncement",
                     "recordLogin", "recordPINSet", "startSession", "finishSession", "delaySession", "setClosing",
                     "pauseCountdown", "resumeCountdown", "ceremonyNext", "ceremonyBack", "endCeremony", "registerKey"] {
            #expect((f.walkedByKind[name] ?? 0) > 0, "\(name): \(f.walkedByKind)")
        }
    }

    @Test func thePropertyCatchesASheetsReadSetTooNarrow() {
        let day = Self.day
        func without(_ scope: @escaping (String) -> String) -> (Command) -> ReadSet {
            { c in
                guard case let .submitMarks(skill, _, _, _) = c else { return c.reads }
                return .scopes(StateScope.skillReads(skill).subtracting([scope(skill)]))
            }
        }
        // The skill's own marks, locks, re-mark requests and round status.
        let noSkill = Self.check(day, reads: without { StateScope.skill($0) }, stopAfter: 1)
        #expect(!noSkill.mismatches.isEmpty)
        // The judges and competitors (here: registered within the definition's batch).
        let noRegistry = Self.check(day, reads: without { _ in StateScope.registry }, stopAfter: 1)
        #expect(!noRegistry.mismatches.isEmpty)
    }

    // MARK: - Venue.execute on a store that skips records

    @Test func executeFoldsSkippedRecordsBeforeItsOwnEvents() throws {
        let log = SharedLog()
        let definition = try Decide.decide(.defineCompetition(markingDefinition()), on: VenueState(), by: Actor(.system, "init"), now: Self.now)
        _ = try ScopedMemoryStore(log: log).append(actor: "system:init", timeMicros: nil, reads: .everything) { _ in definition.map(\.entry) }
        let a = try log.venue(), b = try log.venue()

        // A marks skill S01; B, not having seen it, marks skill S02: B's batch goes in after A's.
        try a.execute(Self.sheet, as: Self.j1, now: Self.now)
        let s02 = Command.submitMarks(skill: "S02", round: "pre", marks: [MarkInput(competitor: "D1", aspect: "A1", value: .measurement(Fixed2(12)))], reason: nil)
        let receipt = try #require(try b.execute(s02, as: Actor(.judge, "J2"), now: Self.now))
        #expect(receipt.skipped.map(\.seq) == [UInt64(log.records.count - 1)])
        #expect(b.lastAppended.map(\.seq) == [UInt64(log.records.count)])
        let store = b.store as! ScopedMemoryStore
        #expect(store.appends.last?.reads == s02.reads)
        #expect(store.appends.last?.scopes == ["skill:S02"])
        #expect(b.state.rounds[s01]?.sheets["C1"]?.measurements["A1"] == Fixed2(30))
        try Self.expectSameAsFreshFold(b.state, log)

        // B posts an announcement: it has seen everything, so nothing is skipped.
        let first = try #require(try b.execute(.announce(text: "lunch", priority: .normal, until: nil), as: Self.staff, now: Self.now))
        #expect(first.skipped.isEmpty)

        // A, stale, marks S02: that reads S02, so A is shown B's mark (and the announcement)
        // and decides on them: without a reason the sheet is a correction and refused.
        #expect(throws: CommandError.self) { try a.execute(s02, as: Actor(.judge, "J3"), now: Self.now) }
        #expect(a.state.lastSeq == UInt64(log.records.count))
        let fixed = Command.submitMarks(skill: "S02", round: "pre", marks: [MarkInput(competitor: "D1", aspect: "A1", value: .measurement(Fixed2(13)))], reason: "typo")
        let again = try #require(try a.execute(fixed, as: Actor(.judge, "J3"), now: Self.now))
        #expect(again.skipped.isEmpty)
        try Self.expectSameAsFreshFold(a.state, log)

        // B, behind A's correction, posts another announcement: it goes in after the correction.
        let second = try #require(try b.execute(.announce(text: "buses at five", priority: .high, until: nil), as: Self.staff, now: Self.now))
        #expect(second.skipped.map(\.seq) == [again.first])
        #expect(b.state.rounds[RoundKey(skill: "S02", round: "pre")]?.sheets["D1"]?.measurements["A1"] == Fixed2(13))
        #expect(b.state.announcements.items.map(\.id) == ["A1", "A2"])
        try Self.expectSameAsFreshFold(b.state, log)
    }

    /// The venue's state equals a fold of the whole log from scratch.
    static func expectSameAsFreshFold(_ state: VenueState, _ log: SharedLog) throws {
        var fresh = VenueState()
        for r in log.records { try fresh.apply(raw: r) }
        #expect(state.lastSeq == fresh.lastSeq)
        #expect(RehearsalFeedTests.differences(state, fresh, at: state.lastSeq).isEmpty)
        for key in fresh.roundKeys {
            let mine = state.rounds[key]?.sheets.map { "\($0.key) \($0.value.measurements.map { "\($0.key)=\($0.value)" })" }
            let theirs = fresh.rounds[key]?.sheets.map { "\($0.key) \($0.value.measurements.map { "\($0.key)=\($0.value)" })" }
            #expect(mine == theirs, "\(key)")
        }
        #expect(state.announcements.items.map(\.id) == fresh.announcements.items.map(\.id))
    }
}

/// A server's log in memory: records, and the scope each was appended with.
final class SharedLog {
    var records: [RawRecord] = []
    var scopes: [String?] = []

    /// A venue writing to this log through its own store, having folded the log so far.
    func venue() throws -> Venue {
        var state = VenueState()
        for r in records { try state.apply(raw: r) }
        return Venue(location: "memory", store: ScopedMemoryStore(log: self), state: state)
    }
}

/// The server's rule, in memory. A writer first decides on the records it has seen (`prepare`
/// sees nothing new). When every record appended since has a scope outside the batch's read
/// set, the batch goes in after them and they come back as `skipped`; otherwise `prepare` sees
/// them, and the writer decides again on the current state.
final class ScopedMemoryStore: EventStore {
    let log: SharedLog
    private(set) var lastSeq: UInt64
    /// What each append was told: the read set, and its entries' scopes.
    private(set) var appends: [(reads: ReadSet, scopes: [String?])] = []
    var storeName: String { "memory" }
    var chainHead: ChainHash { ChainHash(digest: [UInt8](repeating: 0, count: 32)) }

    init(log: SharedLog) {
        self.log = log
        lastSeq = UInt64(log.records.count)
    }

    func append(actor: String, timeMicros: Int64?, reads: ReadSet,
                prepare: (_ newRecords: [RawRecord]) throws -> [RawEntry]) throws -> AppendReceipt? {
        let since = Int(lastSeq)
        let unseen = Array(log.records[since...])
        let conflict = log.scopes[since...].contains { reads.conflicts(with: $0) }
        let entries: [RawEntry]
        if conflict {
            lastSeq = UInt64(log.records.count) // shown to prepare: seen, even if it refuses
            entries = try prepare(unseen)
        } else {
            entries = try prepare([])
        }
        guard !entries.isEmpty else { return nil }
        let time = timeMicros ?? 1_750_400_000_000_000
        let first = UInt64(log.records.count) + 1
        for (i, e) in entries.enumerated() {
            log.records.append(RawRecord(seq: first + UInt64(i), timeMicros: time, actor: actor, type: e.type,
                                         batchRemaining: UInt32(entries.count - 1 - i), body: e.body, chain: chainHead, offset: 0))
            log.scopes.append(e.scope)
        }
        lastSeq = UInt64(log.records.count)
        appends.append((reads, entries.map(\.scope)))
        return AppendReceipt(first: first, last: lastSeq, timeMicros: time, skipped: conflict ? [] : unseen)
    }

    /// The skim: decided on nothing, nothing handed back.
    func append(actor: String, timeMicros: Int64?, entries: [RawEntry]) throws -> AppendReceipt? {
        var receipt = try append(actor: actor, timeMicros: timeMicros, reads: .scopes([])) { _ in entries }
        receipt?.skipped = []
        return receipt
    }
}
